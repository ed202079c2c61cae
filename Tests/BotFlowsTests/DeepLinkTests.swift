import BookingCore
@testable import BotFlows
import Foundation
import Storage
import TelegramBotAPI
import Testing

/// `/start <payload>` from a t.me link: a service opens at its calendar, a master at their services; anything unknown,
/// stale or forged is the normal start.
@Suite("Deep links")
struct DeepLinkTests {
    @Test func payloadsAreReadStrictly() {
        #expect(DeepLink(payload: "s12") == DeepLink(service: ServiceID(12)))
        #expect(DeepLink(payload: "m3") == DeepLink(master: MasterID(3)))
        #expect(DeepLink(payload: "s12m3") == DeepLink(service: ServiceID(12), master: MasterID(3)))
        for bad in ["", "s", "m", "x1", "s1x", "m3s12", "s-1", "s0", "s99999999999999999999", "s1 m2", String(repeating: "s1", count: 40), "с1"] {
            #expect(DeepLink(payload: bad) == nil, "\(bad)")
        }
        #expect(DeepLink(service: ServiceID(7)).payload == "s7")
    }

    @Test func aServiceLinkOpensTheBookingAtThatServicesCalendar() async throws {
        let h = try await FlowHarness()
        let manicure = h.services[1]
        let result = try await h.say("/start s\(manicure.id)", as: FlowHarness.customer)
        let texts = result.calls.compactMap(\.sentText)
        #expect(texts.count == 2)
        #expect(texts.first?.hasPrefix("Здравствуйте") == true)
        #expect(texts.last?.hasSuffix("Маникюр\nВыберите день:") == true)
        let days = result.calls.flatMap(\.inlineButtons).compactMap(\.callbackData).filter { $0.hasPrefix("d:") }
        #expect(!days.isEmpty && days.allSatisfy { $0.hasPrefix("d:\(manicure.id):") })
    }

    @Test func aMasterLinkOffersThatMastersServices() async throws {
        let h = try await FlowHarness()
        let result = try await h.say("/start m\(h.master.id)", as: FlowHarness.customer)
        let data = result.calls.flatMap(\.inlineButtons).compactMap(\.callbackData)
        #expect(data.contains(CallbackAction.master(h.services[0].id, h.master.id).data))
        #expect(data.contains(CallbackAction.master(h.services[1].id, h.master.id).data))
    }

    @Test func unknownStaleOrForgedPayloadsFallBackToTheNormalStart() async throws {
        let h = try await FlowHarness()
        var hidden = h.services[0]
        hidden.isActive = false
        _ = await h.store.saveService(hidden, tenant: h.context.id)
        for payload in ["s999", "m999", "s\(hidden.id)", "s\(h.services[1].id)m999", "hello", "s1;DROP", String(repeating: "9", count: 300)] {
            let result = try await h.say("/start \(payload)", as: FlowHarness.customer)
            let texts = result.calls.compactMap(\.sentText)
            #expect(texts.count == 1 && texts[0].hasPrefix("Здравствуйте"), "\(payload)")
            #expect(result.answer == nil)
        }
    }

    @Test func theAdminPanelShowsEachServicesAndMastersLink() async throws {
        let h = try await FlowHarness()
        try await h.addAdmins()
        let service = try await h.press(.business(.service(h.services[0].id)), as: FlowHarness.owner)
        #expect(service.shown?.hasSuffix("🔗 https://t.me/demo_salon_bot?start=s\(h.services[0].id)") == true)
        let master = try await h.press(.staff(.card(h.master.id)), as: FlowHarness.owner)
        #expect(master.shown?.hasSuffix("🔗 https://t.me/demo_salon_bot?start=m\(h.master.id)") == true)
    }
}
