import BookingCore
import Foundation
import Storage
import TelegramBotAPI
import Testing

@testable import BotFlows

/// The Mini App in the bot: "Open calendar" above the services when the server offers it, and the menu button the
/// owner opts into (a rule typed as 1 or 0), set for every chat through the outbox.
@Suite struct MiniAppMenuTests {
    static let owner = FlowHarness.owner

    func menuButtons(_ result: FlowResult) -> [MenuButton] {
        result.calls.compactMap { if case .setChatMenuButton(let call) = $0 { call.menuButton } else { nil } }
    }

    @Test func theOwnerOptsInAndOutOfTheMenuButton() async throws {
        let h = try await FlowHarness(miniAppURL: "https://zapis.example")
        _ = try await h.press(.business(.policyEdit(.miniAppMenu)), as: Self.owner)
        #expect(try await h.say("2", as: Self.owner).sent(to: 1).first?.hasPrefix("Такое значение не подходит.") == true)
        let on = try await h.say("1", as: Self.owner)
        #expect(menuButtons(on) == [.webApp("📆 Открыть календарь", url: "https://zapis.example/app/demo_salon/")])
        #expect(on.shown?.contains("Календарь в кнопке меню: вкл.") == true)
        #expect(await h.store.tenant(h.context.id)?.policies.miniAppMenuButton == true)
        _ = try await h.press(.business(.policyEdit(.miniAppMenu)), as: Self.owner)
        let off = try await h.say("0", as: Self.owner)
        #expect(menuButtons(off) == [.standard])
        #expect(await h.store.tenant(h.context.id)?.policies.miniAppMenuButton == false)
        // A manager may not change the rules.
        #expect(try await h.press(.business(.policyEdit(.miniAppMenu)), as: FlowHarness.manager).answer?.showAlert == true)
    }

    @Test func withoutAServedMiniAppTheChoiceIsSavedAndTheOwnerTold() async throws {
        let h = try await FlowHarness()
        _ = try await h.press(.business(.policyEdit(.miniAppMenu)), as: Self.owner)
        let on = try await h.say("1", as: Self.owner)
        #expect(menuButtons(on).isEmpty)
        #expect(on.shown?.hasPrefix("Сохранено, но этот сервер не предлагает календарь") == true)
    }

    @Test func theServicesOfferTheCalendarOnlyWhenItIsServed() async throws {
        let served = try await FlowHarness(miniAppURL: "https://zapis.example")
        let offered = try await served.result(FlowHarness.press(CallbackAction.services.data, from: FlowHarness.customer))
        let buttons = offered.calls.flatMap(\.inlineButtons)
        #expect(buttons.first?.webApp?.url == "https://zapis.example/app/demo_salon/")
        let plain = try await FlowHarness().result(FlowHarness.press(CallbackAction.services.data, from: FlowHarness.customer))
        #expect(plain.calls.flatMap(\.inlineButtons).allSatisfy { $0.webApp == nil })
    }
}
