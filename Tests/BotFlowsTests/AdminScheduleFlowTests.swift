import BookingCore
@testable import BotFlows
import Foundation
import Storage
import TelegramBotAPI
import Testing

@Suite("Admin schedule, cancel and move")
struct AdminScheduleFlowTests {
    @Test func panelDayViewAndCardShowTheBooking() async throws {
        let h = try await FlowHarness()
        let booking = try await h.book(h.at(10, 30))
        let panel = try await h.say("/admin", as: FlowHarness.owner)
        #expect(panel.shown?.hasPrefix("🛠 Панель администратора") == true)
        #expect(panel.calls.flatMap(\.inlineButtons).contains { $0.text == "👥 Администраторы" })
        let day = try await h.press(.day(nil, FlowHarness.tomorrow), as: FlowHarness.owner)
        #expect(day.shown?.contains("10:30–11:30 Стрижка · Анна · Анна") == true)
        #expect(day.calls.flatMap(\.inlineButtons).contains { $0.callbackData == AdminCallback.booking(booking.id).data })
        let card = try await h.press(.booking(booking.id), as: FlowHarness.owner)
        #expect(card.shown?.contains("Клиент: Анна (id \(FlowHarness.customer.id))") == true)
        let week = try await h.press(.week(h.master.id, FlowHarness.tomorrow), as: FlowHarness.owner)
        #expect(week.shown?.contains("1 декабря, вт: 1") == true)
    }

    @Test func cancelNotifiesTheCustomerWithdrawsRemindersAndAudits() async throws {
        let h = try await FlowHarness()
        let booking = try await h.book(h.at(10, 30))
        let result = try await h.press(.cancel(booking.id), as: FlowHarness.owner)
        #expect(await h.store.booking(booking.id, tenant: h.context.id)?.status == .cancelled(by: .admin, reason: nil))
        let notice = try #require(result.sent(to: FlowHarness.customer.id).first)
        #expect(notice.hasPrefix("❗️ Салон «Ромашка» отменил(а) вашу запись: Стрижка, 1 декабря, вт, 10:30."))
        #expect(result.withdrawn == [booking.id])
        let entry = try #require(await h.audit().first)
        #expect(entry.action == "booking.cancel" && entry.target == "booking:\(booking.id)" && entry.newValue == "cancelled")
        #expect(entry.oldValue?.contains("10:30") == true)
        // Pressing again: nothing more happens.
        let again = try await h.press(.cancel(booking.id), as: FlowHarness.owner)
        #expect(again.answer?.showAlert == true && again.sent(to: FlowHarness.customer.id).isEmpty)
    }

    @Test func moveUsesTheEngineNotifiesAndReschedulesReminders() async throws {
        let h = try await FlowHarness()
        let booking = try await h.book(h.at(10))
        let taken = try await h.book(h.at(14), customer: FlowHarness.user(200))
        let day = try await h.press(.moveDay(booking.id, FlowHarness.tomorrow), as: FlowHarness.manager)
        #expect(day.answer?.showAlert == true)  // A manager that is not stored is nobody.
        try await h.addAdmins()
        let times = try await h.press(.moveDay(booking.id, FlowHarness.tomorrow), as: FlowHarness.manager)
        let labels = times.calls.flatMap(\.inlineButtons).map(\.text)
        #expect(labels.contains("12:00") && !labels.contains("14:00") && !labels.contains("10:00"))
        // A taken time (pressed from an old message) is refused by the engine when the move executes.
        let refused = try await h.press(.moveConfirm(booking.id, epochMinute: taken.start.epochMinute), as: FlowHarness.manager)
        #expect(refused.answer?.text == "Это время занять нельзя.")
        #expect(await h.store.booking(booking.id, tenant: h.context.id)?.start == h.at(10))
        let moved = try await h.press(.moveConfirm(booking.id, epochMinute: h.at(12).epochMinute), as: FlowHarness.manager)
        #expect(await h.store.booking(booking.id, tenant: h.context.id)?.start == h.at(12))
        let notice = try #require(moved.sent(to: FlowHarness.customer.id).first)
        #expect(notice.contains("Было: 1 декабря, вт, 10:00") && notice.contains("Стало: 1 декабря, вт, 12:00"))
        #expect(moved.withdrawn == [booking.id])
        // Both reminders (expiring at the new start) and the feedback question, two hours after the new end.
        let end = try #require(await h.store.booking(booking.id, tenant: h.context.id)?.end)
        #expect(moved.scheduled.map(\.due) == [h.at(12).addingTimeInterval(-86_400), h.at(10), end.addingTimeInterval(2 * 3_600)])
        #expect(moved.scheduled.map(\.expires) == [h.at(12), h.at(12), nil])
        #expect(moved.scheduled.allSatisfy { $0.call.chatID == FlowHarness.customer.id })
        #expect(moved.scheduled.last?.call.inlineButtons.contains { $0.callbackData == CallbackAction.rate(booking.id, stars: 5).data } == true)
        let entry = try #require(await h.audit().first)
        #expect(entry.action == "booking.move" && entry.oldValue?.hasSuffix("10:00") == true && entry.newValue?.hasSuffix("12:00") == true)
        // The booking's own history names the admin, not the customer, as the one who moved it.
        #expect(await h.store.history(of: booking.id, tenant: h.context.id).last?.actor == "admin")
    }
}
