import BookingCore
import Foundation
import Storage
import TelegramSandbox
import Testing

/// Reschedule and the waitlist through the real service and the sandbox, over HTTP, on SQLite.
@Suite("Customer experience end to end", .serialized)
struct CustomerExperienceEndToEndTests {
    static let moscow = ZonedCalendar(identifier: "Europe/Moscow")!

    @Test func aBookingIsMovedInPlace() async throws {
        try await LocalStack.run(mode: .webhook) { stack in try await Self.moveABooking(stack) }
    }

    static func moveABooking(_ stack: LocalStack) async throws {
        let user = stack.user(610, of: LocalStack.tenantA)
        let journey = CustomerJourney(user: user)
        try await journey.start()
        try await journey.bookFirstFreeSlot(minDaysAhead: 2)
        let before = try #require(try await stack.stores.bookings.bookings(of: UserID(610), tenant: LocalStack.tenantA).first)
        _ = try await user.send("🗂 Мои записи")
        let list = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Ваши предстоящие записи") == true }
        _ = try await user.press(try #require(list.inlineButtons.first { $0.callbackData?.hasPrefix("rs:") == true }).text)
        var calendar = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasSuffix("Выберите новый день:") == true }
        let target = moscow.localDate(of: before.start).adding(days: 1)
        let data = "rd:\(before.id):\(target.compact)"
        if !calendar.inlineButtons.contains(where: { $0.callbackData == data }) {
            let edits = calendar.editCount
            _ = try await user.press("›")
            calendar = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.editCount > edits && $0.text?.hasSuffix("Выберите новый день:") == true }
        }
        _ = try await user.pressData(data, messageID: calendar.messageID)
        let times = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains("выберите новое время") == true }
        _ = try await user.press(try #require(times.inlineButtons.first { $0.callbackData?.hasPrefix("rt:") == true }).text)
        _ = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Перенести запись?") == true }
        _ = try await user.press("✅ Перенести")
        _ = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("✅ Запись перенесена") == true }
        try await user.waitUntilAllPressesAnswered(timeout: .seconds(10))
        let after = try await stack.stores.bookings.bookings(of: UserID(610), tenant: LocalStack.tenantA)
        #expect(after.count == 1 && after.first?.id == before.id && after.first?.status == .confirmed)
        let moved = try #require(after.first)
        #expect(moscow.localDate(of: moved.start) == target)
    }

    @Test func aFreedSlotIsOfferedToTheWaitlistAndBooked() async throws {
        try await LocalStack.run(mode: .webhook) { stack in try await Self.offerAndBook(stack) }
    }

    static func offerAndBook(_ stack: LocalStack) async throws {
        let tenant = LocalStack.tenantA
        let service = try #require(try await stack.stores.catalog.services(tenant).first { $0.name == "Женская стрижка" })
        let master = try #require(try await stack.stores.catalog.masters(tenant).first)
        let day = try await fillDay(stack, service: service, master: master)

        let waiting = stack.user(620, of: tenant)
        try await CustomerJourney(user: waiting).joinWaitlist(service: service, master: master, day: day)

        // The holder cancels through the bot; the first in line gets the offer and books it.
        let holder = stack.user(900, of: tenant)
        try await CustomerJourney(user: holder).start()
        try await CustomerJourney(user: holder).cancelFirstBooking()
        let offer = try await waiting.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("🔔 Освободилось время!") == true }
        _ = try await waiting.press(try #require(offer.inlineButtons.first { $0.callbackData?.hasPrefix("wa:") == true }).text)
        _ = try await waiting.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("✅ Вы записаны!") == true }
        try await waiting.waitUntilAllPressesAnswered(timeout: .seconds(10))
        let booked = try await stack.stores.bookings.bookings(of: UserID(620), tenant: tenant)
        let mine = try #require(booked.first)
        #expect(booked.count == 1 && moscow.localDate(of: mine.start) == day)
        #expect(try await stack.stores.waitlist.waitlist(of: UserID(620), tenant: tenant).isEmpty)
    }

    /// Customer 900 holds the whole of a day three days ahead (one long booking), so the day is full.
    static func fillDay(_ stack: LocalStack, service: Service, master: Master, now: Date = Date()) async throws -> LocalDate {
        let day = moscow.localDate(of: now).adding(days: 3)
        var wholeDay = service
        wholeDay.durationMinutes = 24 * 60
        let start = try #require(moscow.instant(day, LocalTime(hour: 0)!))
        _ = try await stack.stores.bookings.createBooking(
            BookingRequest(customer: UserID(900), chat: ChatID(900), service: wholeDay, masterID: master.id, start: start),
            tenant: LocalStack.tenantA, maxActivePerCustomer: 3, now: now)
        return day
    }
}

extension CustomerJourney {
    /// Opens the booking calendar and joins the waitlist of a full `day`.
    func joinWaitlist(service: Service, master: Master, day: LocalDate) async throws {
        try await start()
        _ = try await user.send("📅 Записаться")
        let services = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Выберите услугу:") == true }
        _ = try await user.press(try #require(services.inlineButtons.first { $0.callbackData == "s:\(service.id)" }).text)
        var calendar = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasSuffix("Выберите день:") == true }
        let full = "f:\(service.id):\(master.id):\(day.compact)"
        if !calendar.inlineButtons.contains(where: { $0.callbackData == full }) {
            let edits = calendar.editCount
            _ = try await user.press("›")
            calendar = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.editCount > edits && $0.text?.hasSuffix("Выберите день:") == true }
        }
        #expect(calendar.inlineButtons.first { $0.callbackData == full }?.text == "✕")
        _ = try await user.pressData(full, messageID: calendar.messageID)
        _ = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains("свободного времени нет") == true }
        _ = try await user.press("🔔 Встать в лист ожидания")
        _ = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Вы в листе ожидания") == true }
    }
}
