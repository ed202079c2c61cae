import BookingCore
import Foundation
import Storage
import TelegramBotAPI
import TelegramSandbox
import Testing

/// The business profile an owner edits in the bot (issue 18, item 4), through the real service and the sandbox.
@Suite("Business profile through the sandbox", .serialized)
struct ProfileJourneyTests {
    static let environment = ["ZAPIS_TENANT_REFRESH": "1", "ZAPIS_RATE_LIMITS": "0"]

    static func openProfile(_ owner: SimulatedUser, panel: String, button: String) async throws {
        try await owner.send("/admin")
        try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix(panel) == true }
        try await owner.press(button)
        try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains(button.dropFirst(2)) == true }
    }

    /// Sends `text` as the answer to the question of `field` and waits for a reply starting with `expected`.
    static func answer(_ owner: SimulatedUser, field: String, _ text: String, expecting expected: String) async throws {
        try await owner.press("✏️ \(field)")
        try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains("«\(field)»") == true }
        try await owner.send(text)
        try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix(expected) == true }
    }

    @Test func theOwnerSetsAddressMapAndDescriptionAndCustomersSeeThem() async throws {
        try await LocalStack.run(mode: .webhook, environment: Self.environment) { stack in
            let tenant = LocalStack.tenantA
            let owner = stack.user(1, of: tenant)
            try await Self.openProfile(owner, panel: "🛠 Панель администратора", button: "🏢 Профиль бизнеса")
            try await Self.answer(owner, field: "Адрес", "Москва, ул. Ленина, 1", expecting: "Сохранено.")
            // Hostile values are refused with the hint and change nothing.
            try await Self.answer(owner, field: "Ссылка на карту", "javascript:alert(1)", expecting: "Такое значение не подходит.")
            try await owner.send("https://yandex.ru/maps/-/CCUabc")
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Сохранено.") == true }
            try await Self.answer(owner, field: "Описание (ru)", String(repeating: "я", count: 513), expecting: "Такое значение не подходит.")
            try await owner.send("Стрижки и укладки в центре Москвы")
            let card = try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Сохранено.") == true }
            #expect(card.text?.contains("Описание бота (ru): Стрижки и укладки в центре Москвы") == true)
            try await owner.waitUntilAllPressesAnswered(timeout: .seconds(10))

            // Telegram got the description through the outbox.
            let token = try #require(stack.tokens[tenant])
            let deadline = ContinuousClock.now + .seconds(10)
            while stack.sandbox.descriptions(for: token, languageCode: "ru").description == nil, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(stack.sandbox.descriptions(for: token, languageCode: "ru").description == "Стрижки и укладки в центре Москвы")
            #expect(stack.sandbox.descriptions(for: token, languageCode: "en").description == nil)

            let stored = try #require(try await stack.stores.tenants.tenant(tenant)).profile
            #expect(stored.address == "Москва, ул. Ленина, 1" && stored.presentation.mapURL == "https://yandex.ru/maps/-/CCUabc")
            let audit = try await stack.stores.audit.auditLog(tenant, offset: 0, limit: 10).filter { $0.action == "profile.edit" }
            #expect(audit.count == 3 && audit.allSatisfy { $0.actor == UserID(1) })

            // A customer's About shows the address with its map link once the bot has read the tenant again.
            let customer = stack.user(300, of: tenant)
            try await CustomerJourney(user: customer).start()
            let about = try await TenantLifecycleTests.sendUntil(customer, "ℹ️ О нас", replyContains: "Москва, ул. Ленина, 1")
            #expect(about.text?.contains("Москва, ул. Ленина, 1\n🗺 https://yandex.ru/maps/-/CCUabc") == true)
            // The other tenant's profile is its own.
            #expect(try await stack.stores.tenants.tenant(LocalStack.tenantB)?.profile.address != "Москва, ул. Ленина, 1")
        }
    }

    @Test func aNewTimeZoneIsPreviewedWithTheBookingsItMovesThenApplied() async throws {
        try await LocalStack.run(mode: .webhook, environment: Self.environment) { stack in
            let tenant = LocalStack.tenantA
            let zone = ZonedCalendar(identifier: "Europe/Moscow")!
            let service = try #require(try await stack.stores.catalog.services(tenant).first)
            let master = try #require(try await stack.stores.catalog.masters(tenant).first)
            let day = zone.localDate(of: Date()).adding(days: 3)
            let start = try #require(zone.instant(day, LocalTime(hour: 10)!))
            let booking = try await stack.stores.bookings.createBooking(
                BookingRequest(customer: UserID(100), chat: ChatID(100), service: service, masterID: master.id, start: start),
                tenant: tenant, maxActivePerCustomer: 3, now: Date())

            let owner = stack.user(1, of: tenant, language: "en")
            try await Self.openProfile(owner, panel: "🛠 Admin panel", button: "🏢 Business profile")
            // Nothing previewed yet: a forged "apply" changes nothing.
            let card = try #require(await owner.transcript().last)
            try await owner.pressData("agz", messageID: card.messageID)
            try await owner.waitUntilAllPressesAnswered(timeout: .seconds(10))
            #expect(try await stack.stores.tenants.tenant(tenant)?.profile.timeZone == "Europe/Moscow")

            try await Self.answer(owner, field: "Time zone", "Mars/Olympus", expecting: "That value is not accepted.")
            try await owner.send("Asia/Yekaterinburg")
            let preview = try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Change the time zone") == true }
            #expect(preview.text?.contains("from Europe/Moscow to Asia/Yekaterinburg") == true)
            #expect(preview.text?.contains(": 10:00 → ") == true && preview.text?.contains(" 12:00") == true, "\(preview.text ?? "")")
            try await owner.press("✅ Change the time zone")
            let applied = try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains("Time zone: Asia/Yekaterinburg") == true }
            #expect(applied.text?.hasPrefix("Saved.") == true)
            try await owner.waitUntilAllPressesAnswered(timeout: .seconds(10))
            #expect(try await stack.stores.tenants.tenant(tenant)?.profile.timeZone == "Asia/Yekaterinburg")
            // The booking kept its instant.
            #expect(try await stack.stores.bookings.booking(booking.id, tenant: tenant)?.start == start)
            // Pressing "apply" again applies nothing more.
            try await owner.pressData("agz", messageID: preview.messageID)
            try await owner.waitUntilAllPressesAnswered(timeout: .seconds(10))
            let audit = try await stack.stores.audit.auditLog(tenant, offset: 0, limit: 10).filter { $0.target == "profile:time_zone" }
            #expect(audit.count == 1)
        }
    }
}
