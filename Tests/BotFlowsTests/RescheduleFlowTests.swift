import BookingCore
import BotFlows
import Foundation
import Storage
import TelegramBotAPI
import Testing

@Suite("Reschedule flow")
struct RescheduleFlowTests {
    static let day = LocalDate(year: 2026, month: 12, day: 4)!

    func book(_ harness: FlowHarness, customer: Int64 = 100_000_001, hour: Int, on date: LocalDate = day) async throws -> Booking {
        let start = try #require(harness.context.calendar.instant(date, LocalTime(hour: hour)!))
        let request = BookingRequest(customer: UserID(customer), chat: ChatID(customer), service: harness.services[0], masterID: harness.master.id, start: start)
        return try await harness.store.createBooking(request, tenant: harness.context.id, maxActivePerCustomer: 3, now: FlowHarness.now)
    }

    func minute(_ harness: FlowHarness, hour: Int, on date: LocalDate = day) throws -> Int64 {
        Int64(try #require(harness.context.calendar.instant(date, LocalTime(hour: hour)!)).timeIntervalSince1970 / 60)
    }

    @Test func movesInPlaceAndKeepsTheOldTimeUntilConfirmed() async throws {
        let harness = try await FlowHarness()
        let booking = try await book(harness, hour: 10)
        // My bookings offers Move and Cancel.
        let list = try await harness.handle(FlowHarness.text("/my"))
        #expect(list[0].inlineButtons.map(\.callbackData) == ["rs:\(booking.id)", "bc:\(booking.id)", "pb:0"])
        // The day view offers other times of the same master (not the current one).
        var calls = try await harness.handle(FlowHarness.press("rd:\(booking.id):\(Self.day.compact)"))
        let times = calls[1].inlineButtons.filter { $0.callbackData?.hasPrefix("rt:") == true }.map(\.text)
        #expect(!times.contains("10:00") && times.contains("15:00"))
        // The card shows old → new; until confirmed nothing changes.
        calls = try await harness.handle(FlowHarness.press("rt:\(booking.id):\(try minute(harness, hour: 15))", updateID: 3))
        #expect(calls[1].sentText?.contains("Было: 4 декабря, пт, 10:00") == true)
        #expect(calls[1].sentText?.contains("Станет: 4 декабря, пт, 15:00") == true)
        #expect(await harness.store.booking(booking.id, tenant: harness.context.id)?.start == booking.start)
        let result = try await harness.result(FlowHarness.press("ry:\(booking.id):\(try minute(harness, hour: 15))", updateID: 4))
        #expect(result.calls[1].sentText?.hasPrefix("✅ Запись перенесена") == true)
        #expect(result.withdrawn == [booking.id])
        #expect(result.scheduled.count == 3)  // two reminders and the feedback question
        let moved = try #require(await harness.store.booking(booking.id, tenant: harness.context.id))
        #expect(moved.start == booking.start.addingTimeInterval(5 * 3600))
        #expect(moved.status == .confirmed)
        #expect(await harness.store.bookings(of: UserID(100_000_001), tenant: harness.context.id).count == 1)
    }

    @Test func aTakenTargetKeepsTheOldBookingAndShowsTheDayAgain() async throws {
        let harness = try await FlowHarness()
        let booking = try await book(harness, hour: 10)
        _ = try await book(harness, customer: 7, hour: 15)
        let calls = try await harness.handle(FlowHarness.press("ry:\(booking.id):\(try minute(harness, hour: 15))"))
        #expect(calls[1].sentText?.hasPrefix("Это время только что заняли") == true)
        #expect(await harness.store.booking(booking.id, tenant: harness.context.id)?.start == booking.start)
    }

    @Test func someoneElsesBookingAndTheNoticeWindowAreRefused() async throws {
        let harness = try await FlowHarness()
        let others = try await book(harness, customer: 7, hour: 10)
        var calls = try await harness.handle(FlowHarness.press("ry:\(others.id):\(try minute(harness, hour: 15))"))
        #expect(calls == [.answerCallbackQuery(AnswerCallbackQuery(callbackQueryID: "cb2", text: "Запись не найдена.", showAlert: true))])
        // 09:00 today is inside the 24-hour window: moving it is refused when confirming.
        let today = LocalDate(year: 2026, month: 11, day: 30)!
        let soon = try await book(harness, hour: 9, on: today)
        calls = try await harness.handle(FlowHarness.press("ry:\(soon.id):\(try minute(harness, hour: 15))", updateID: 3))
        guard case .answerCallbackQuery(let answer) = calls.first else { Issue.record("not answered"); return }
        #expect(answer.showAlert == true && answer.text?.contains("24 ч") == true)
        #expect(await harness.store.booking(soon.id, tenant: harness.context.id)?.start == soon.start)
        #expect(await harness.store.booking(others.id, tenant: harness.context.id)?.start == others.start)
    }
}
