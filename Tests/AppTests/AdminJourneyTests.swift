import BookingCore
import Foundation
import Storage
import TelegramSandbox
import Testing

/// The owner (Telegram user 1 of the demo tenants) runs the business through the real service and the sandbox.
@Suite("Admin through the sandbox", .serialized)
struct AdminJourneyTests {
    static let zone = ZonedCalendar(identifier: "Europe/Moscow")!
    static var tomorrow: LocalDate { zone.localDate(of: Date()).adding(days: 1) }

    /// A confirmed booking of `customer` (who has started the bot) with the 60-minute haircut tomorrow at `hour:minute`.
    static func book(_ stack: LocalStack, customer: Int64, hour: Int, minute: Int = 0) async throws -> Booking {
        let tenant = LocalStack.tenantA
        let service = try #require(try await stack.stores.catalog.services(tenant).first { $0.durationMinutes == 60 })
        let master = try #require(try await stack.stores.catalog.masters(tenant).first)
        let start = try #require(zone.instant(tomorrow, LocalTime(hour: hour, minute: minute)!))
        return try await stack.stores.bookings.createBooking(
            BookingRequest(customer: UserID(customer), chat: ChatID(customer), service: service, masterID: master.id, start: start),
            tenant: tenant, maxActivePerCustomer: 3, now: Date())
    }

    /// Opens tomorrow's day view as the owner.
    static func openTomorrow(_ owner: SimulatedUser, expecting text: String) async throws {
        try await owner.send("/admin")
        try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("🛠 Панель администратора") == true }
        try await owner.press("📅 Сегодня")
        try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("📅 ") == true }
        try await owner.press("›")
        try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains(text) == true }
    }

    @Test func aBlockOverA1030BookingCancelsItAndNotifiesTheCustomer() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let customer = stack.user(100, of: LocalStack.tenantA)
            try await CustomerJourney(user: customer).start()
            let booking = try await Self.book(stack, customer: 100, hour: 10, minute: 30)
            let owner = stack.user(1, of: LocalStack.tenantA)
            try await Self.openTomorrow(owner, expecting: "10:30–11:30 Женская стрижка")
            try await owner.press("⛔ Закрыть время")
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains("Выберите весь день") == true }
            try await owner.press("10:00")
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("⛔ Закрыть с") == true }
            try await owner.press("11:00")
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains("Будут отменены записи: 1") == true }
            try await owner.send("Болезнь мастера")
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains("Причина: Болезнь мастера") == true }
            try await owner.press("✅ Закрыть и отменить 1")
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("✅ Время закрыто. Отменено записей: 1") == true }
            let notice = try await customer.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains("отменил(а) вашу запись") == true }
            #expect(notice.text?.contains("10:30") == true && notice.text?.hasSuffix("Причина: Болезнь мастера") == true)
            let stored = try await stack.stores.bookings.booking(booking.id, tenant: LocalStack.tenantA)
            #expect(stored?.status == .cancelled(by: .block, reason: "Болезнь мастера"))
            try await owner.waitUntilAllPressesAnswered(timeout: .seconds(10))
            let audit = try await stack.stores.audit.auditLog(LocalStack.tenantA, offset: 0, limit: 10)
            #expect(audit.first?.action == "block.create" && audit.first?.actor == UserID(1))
        }
    }

    @Test func aShiftThatWouldLeaveTheWorkingDayIsRefusedEntirely() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            for id: Int64 in [100, 200] { try await CustomerJourney(user: stack.user(id, of: LocalStack.tenantA)).start() }
            let early = try await Self.book(stack, customer: 100, hour: 10)
            let late = try await Self.book(stack, customer: 200, hour: 17)
            let owner = stack.user(1, of: LocalStack.tenantA)
            try await Self.openTomorrow(owner, expecting: "17:00–18:00")
            try await owner.press("↔️ Сдвинуть день")
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("↔️ Сдвинуть записи") == true }
            try await owner.press("+60")
            let preview = try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains("❌ Сдвиг невозможен: 17:00") == true }
            #expect(!preview.inlineButtons.contains { $0.callbackData?.hasPrefix("asy:") == true })
            // The confirm button forged anyway: refused as a whole when it executes.
            try await owner.pressData("asy:a:\(Self.tomorrow.compact):60", messageID: preview.messageID)
            try await owner.waitUntilAllPressesAnswered(timeout: .seconds(10))
            #expect(await owner.callbackAnswers().last?.text == "Сдвиг невозможен; ничего не изменено.")
            #expect(try await stack.stores.bookings.booking(early.id, tenant: LocalStack.tenantA)?.start == early.start)
            #expect(try await stack.stores.bookings.booking(late.id, tenant: LocalStack.tenantA)?.start == late.start)
            let moved = await stack.user(100, of: LocalStack.tenantA).transcript().contains { $0.text?.contains("перенес(ла)") == true }
            #expect(!moved)
        }
    }

    @Test func anEditedTemplateIsWhatCustomersThenSee() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let owner = stack.user(1, of: LocalStack.tenantA)
            try await owner.send("/admin")
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("🛠 Панель администратора") == true }
            try await owner.press("📝 Тексты")
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("📝 Тексты (RU)") == true }
            try await owner.press("Приветствие и «О нас»")
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("📝 Приветствие и «О нас» (RU)") == true }
            try await owner.press("greeting")
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("📝 greeting (RU), по умолчанию") == true }
            try await owner.press("✏️ Изменить")
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Пришлите новый текст greeting") == true }
            try await owner.send("Рады вас видеть, {name}! {business} на связи.")
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("✅ Сохранено.") == true }
            let customer = stack.user(300, of: LocalStack.tenantA)
            try await customer.send("/start")
            try await customer.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Рады вас видеть, User300! Salon salon_alpha на связи.") == true }
            // The other tenant keeps the default.
            let other = stack.user(300, of: LocalStack.tenantB)
            try await CustomerJourney(user: other).start()
        }
    }
}
