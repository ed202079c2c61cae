import BookingCore
@testable import BotFlows
import Foundation
import Storage
import TelegramBotAPI
import Testing

/// No-shows from the booking card, audited, and revenue at the price a booking was made at (issue 17, item 8).
/// Presses are written as wire data, as Telegram sends them.
@Suite("Booking statuses in the flows")
struct BookingStatusFlowTests {
    static let today = LocalDate(year: 2026, month: 11, day: 30)!

    @Test func aManagerMarksAStartedVisitAsANoShowAndUndoesItAudited() async throws {
        let h = try await FlowHarness()
        try await h.addAdmins()
        // Started at 03:00 Moscow; the clock reads 03:53.
        let started = try await h.book(h.at(3, on: Self.today))
        let card = try await h.result(FlowHarness.press("ab:\(started.id)", from: FlowHarness.manager))
        let mark = try #require(card.calls.last?.inlineButtons.first { $0.callbackData == "abn:\(started.id):1" })
        #expect(mark.text == "🚫 Не пришёл")
        // A master may look but not mark.
        let refused = try await h.result(FlowHarness.press("abn:\(started.id):1", from: FlowHarness.masterUser))
        #expect(refused.answer?.showAlert == true)
        #expect(await h.store.booking(started.id, tenant: h.context.id)?.status == .confirmed)
        let marked = try await h.result(FlowHarness.press("abn:\(started.id):1", from: FlowHarness.manager))
        #expect(marked.shown?.contains("Статус: неявка") == true)
        #expect(await h.store.booking(started.id, tenant: h.context.id)?.status == .noShow)
        let undo = try #require(marked.calls.last?.inlineButtons.first { $0.callbackData == "abn:\(started.id):0" })
        #expect(undo.text == "↩️ Всё-таки был")
        let undone = try await h.result(FlowHarness.press("abn:\(started.id):0", from: FlowHarness.manager))
        #expect(undone.shown?.contains("Статус: состоялась") == true)
        let entries = await h.audit().filter { $0.action == "booking.noshow" && $0.outcome == .done }.reversed()
        #expect(entries.map(\.oldValue) == ["confirmed", "no_show"] && entries.map(\.newValue) == ["no_show", "completed"])
        #expect(entries.allSatisfy { $0.actor == UserID(FlowHarness.manager.id) && $0.target == "booking:\(started.id)" })
    }

    @Test func aVisitThatHasNotStartedCannotBeMarked() async throws {
        let h = try await FlowHarness()
        try await h.addAdmins()
        let later = try await h.book(h.at(10))
        let card = try await h.result(FlowHarness.press("ab:\(later.id)", from: FlowHarness.owner))
        #expect(!(card.calls.last?.inlineButtons ?? []).contains { $0.callbackData?.hasPrefix("abn:") == true })
        // A forged press: a polite alert, nothing changed.
        let forged = try await h.result(FlowHarness.press("abn:\(later.id):1", from: FlowHarness.owner))
        #expect(forged.answer?.text == "Неявку можно отметить только после начала визита." && forged.answer?.showAlert == true)
        #expect(await h.store.booking(later.id, tenant: h.context.id)?.status == .confirmed)
        for data in ["abn:\(later.id):2", "abn:\(later.id):", "abn:0:1", "abn:99999999999999999999:1"] {
            let result = try await h.result(FlowHarness.press(data, from: FlowHarness.owner))
            #expect(result.answer?.text == "Эта кнопка устарела.", "\(data)")
        }
    }

    @Test func revenueUsesThePriceABookingWasMadeAt() async throws {
        let (h, _) = try await AdminReportsTests.prepared()
        // The haircut costs 3 000 ₽ from now on; today's three haircuts were booked at 1 500 ₽.
        var dearer = h.services[0]
        dearer.price = .fixed(minorUnits: 300_000, currency: "RUB")
        _ = await h.store.saveService(dearer, tenant: h.context.id)
        let result = try await h.result(FlowHarness.press("ar:d", from: FlowHarness.manager))
        #expect(result.shown?.contains("Выручка: 4\u{00A0}500\u{00A0}₽") == true)
    }
}
