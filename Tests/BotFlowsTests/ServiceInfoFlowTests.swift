import BookingCore
@testable import BotFlows
import Foundation
import Storage
import TelegramBotAPI
import Testing

/// Service descriptions are shown (compactly) on the service step and in About, About has every master's hours, and
/// the admin day view reaches every master however many there are (issue 17, item 9).
@Suite("Service information in the flows")
struct ServiceInfoFlowTests {
    static let long = String(repeating: "Очень подробное описание. ", count: 12)

    static func described(_ h: FlowHarness) async {
        var cut = h.services[0]
        cut.description = "Мужская и женская стрижка, мытьё головы\nВторая строка не показывается"
        _ = await h.store.saveService(cut, tenant: h.context.id)
        var nails = h.services[1]
        nails.description = long
        _ = await h.store.saveService(nails, tenant: h.context.id)
    }

    @Test func theServiceStepShowsEachDescriptionOnOneShortLine() async throws {
        let h = try await FlowHarness()
        await Self.described(h)
        let shown = try #require(try await h.result(FlowHarness.press("s")).shown)
        #expect(shown.hasPrefix("Выберите услугу:\n\n"))
        #expect(shown.contains("• Стрижка: Мужская и женская стрижка, мытьё головы\n"))
        #expect(!shown.contains("Вторая строка"))
        let nails = try #require(shown.split(separator: "\n").first { $0.hasPrefix("• Маникюр: ") })
        #expect(nails.count == "• Маникюр: ".count + 100 && nails.hasSuffix("…"))
    }

    @Test func aboutShowsDescriptionsAndEveryMastersHours() async throws {
        let h = try await FlowHarness()
        await Self.described(h)
        let weekdays = Dictionary(
            uniqueKeysWithValues: Weekday.allCases.prefix(5).map { ($0, [WorkingInterval(start: LocalTime(hour: 10)!, end: LocalTime(hour: 20)!)!]) })
        _ = await h.store.saveMaster(Master(id: MasterID(0), name: "Борис", plan: WeeklyPlan(days: weekdays)), tenant: h.context.id)
        let about = try #require(try await h.result(FlowHarness.text("ℹ️ О нас")).calls.first?.sentText)
        #expect(about.contains("\n  Мужская и женская стрижка, мытьё головы\n"))
        #expect(about.contains("Анна: пн–вс 09:00–18:00"))
        #expect(about.contains("Борис: пн–пт 10:00–20:00"))
        let english = try #require(try await h.result(FlowHarness.text("ℹ️ About", from: FlowHarness.user(language: "en"))).calls.first?.sentText)
        #expect(english.contains("Борис: Mon–Fri 10:00–20:00"))
    }

    @Test func theDayViewReachesEveryMasterInGroupsOfFour() async throws {
        let h = try await FlowHarness()
        try await h.addAdmins()
        var ids = [h.master.id]
        for n in 1..<10 { ids.append(await h.store.saveMaster(Master(id: MasterID(0), name: "Мастер \(n)"), tenant: h.context.id).id) }
        var reached: Set<String> = []
        var next: String? = "ad:a:20261201"
        var pages = 0
        while let data = next, pages < 10 {
            let result = try await h.result(FlowHarness.press(data, from: FlowHarness.owner))
            KeyboardLimitsFlowTests.expectFits(result)
            let buttons = result.calls.last?.inlineButtons ?? []
            reached.formUnion(buttons.compactMap(\.callbackData).filter { $0.hasPrefix("ad:") && $0.hasSuffix(":20261201") })
            next = buttons.first { $0.text == "▸" }?.callbackData
            pages += 1
        }
        #expect(pages == 3)
        #expect(Set(ids.map { "ad:\($0):20261201" }).isSubset(of: reached))
    }
}
