import BookingCore
import BotFlows
import Foundation
import Storage
import TelegramBotAPI
import Testing

@Suite("Reminders and calendar file")
struct RemindersFlowTests {
    func confirm(_ harness: FlowHarness, on date: LocalDate, hour: Int) async throws -> FlowResult {
        let start = try #require(harness.context.calendar.instant(date, LocalTime(hour: hour)!))
        let data = "ok:\(harness.services[0].id):\(harness.master.id):\(Int64(start.timeIntervalSince1970 / 60))"
        return try await harness.result(FlowHarness.press(data))
    }

    @Test func bookingDaysAheadGetsBothRemindersAndAnICSFile() async throws {
        let harness = try await FlowHarness()
        let date = LocalDate(year: 2026, month: 12, day: 3)!
        let result = try await confirm(harness, on: date, hour: 10)
        let start = try #require(harness.context.calendar.instant(date, LocalTime(hour: 10)!))
        // Two reminders, then the feedback question two hours after the 60-minute visit ends.
        #expect(result.scheduled.map(\.due) == [start.addingTimeInterval(-24 * 3600), start.addingTimeInterval(-2 * 3600), start.addingTimeInterval(3 * 3600)])
        #expect(result.scheduled.allSatisfy { $0.call.chatID == 100_000_001 })
        guard case .sendMessage(let reminder) = result.scheduled.first?.call else { Issue.record("no reminder"); return }
        #expect(reminder.text.hasPrefix("⏰ Напоминание о записи"))
        // The admins' notification of the new booking follows the customer's calendar file.
        let documents = result.calls.compactMap { call -> SendDocument? in if case .sendDocument(let d) = call { d } else { nil } }
        guard let file = documents.last else { Issue.record("no calendar file"); return }
        let ics = String(decoding: file.contents, as: UTF8.self)
        #expect(file.mimeType == "text/calendar")
        #expect(ics.contains("DTSTART;TZID=Europe/Moscow:20261203T100000\r\n"))
        #expect(ics.contains("DTEND;TZID=Europe/Moscow:20261203T110000\r\n"))
        #expect(ics.contains("LOCATION:Тверская\\, 1\r\n"))
        #expect(ics.contains("TZOFFSETTO:+0300"))
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\n") && ics.hasSuffix("END:VCALENDAR\r\n"))
    }

    @Test func bookingInsideAnOffsetSkipsThatReminder() async throws {
        let harness = try await FlowHarness()
        // Now is 05:53 Moscow on Nov 30; 09:00 the same day is inside 24 h but not inside 2 h.
        let result = try await confirm(harness, on: LocalDate(year: 2026, month: 11, day: 30)!, hour: 9)
        #expect(result.scheduled.count == 2)  // the 2 h reminder and the feedback question
    }

    @Test func cancellingWithdrawsTheReminders() async throws {
        let harness = try await FlowHarness()
        _ = try await confirm(harness, on: LocalDate(year: 2026, month: 12, day: 5)!, hour: 12)
        let booking = try #require(await harness.store.bookings(of: UserID(100_000_001), tenant: harness.context.id).first)
        let result = try await harness.result(FlowHarness.press("by:\(booking.id)", updateID: 3))
        #expect(result.withdrawn == [booking.id])
    }

    @Test func imComingIsOnlyForTheOwner() async throws {
        let harness = try await FlowHarness()
        _ = try await confirm(harness, on: LocalDate(year: 2026, month: 12, day: 5)!, hour: 12)
        let booking = try #require(await harness.store.bookings(of: UserID(100_000_001), tenant: harness.context.id).first)
        let mine = try await harness.handle(FlowHarness.press("rc:\(booking.id)", updateID: 4))
        #expect(mine.first == .answerCallbackQuery(AnswerCallbackQuery(callbackQueryID: "cb4", text: "Спасибо! Ждём вас.")))
        let stranger = try await harness.handle(FlowHarness.press("rc:\(booking.id)", from: FlowHarness.user(555), updateID: 5))
        #expect(stranger == [.answerCallbackQuery(AnswerCallbackQuery(callbackQueryID: "cb5", text: "Запись не найдена.", showAlert: true))])
    }
}
