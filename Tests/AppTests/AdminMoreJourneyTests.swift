import BookingCore
import Foundation
import Storage
import TelegramBotAPI
import TelegramSandbox
import Testing

/// Admins, exports, clients and cancelling from the schedule through the real service and the sandbox.
@Suite("More admin features through the sandbox", .serialized)
struct AdminMoreJourneyTests {
    static let zone = ZonedCalendar(identifier: "Europe/Moscow")!

    static func openPanel(_ owner: SimulatedUser) async throws {
        try await owner.send("/admin")
        try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("🛠 Панель администратора") == true }
    }

    @Test func anAdminAddedByIdIsToldAndCanOpenThePanel() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let newcomer = stack.user(500, of: LocalStack.tenantA)
            try await CustomerJourney(user: newcomer).start()
            let owner = stack.user(1, of: LocalStack.tenantA)
            try await Self.openPanel(owner)
            try await owner.press("👥 Администраторы")
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("👥 Администраторы:") == true }
            try await owner.press("➕ Добавить")
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Пришлите Telegram id") == true }
            try await owner.send("500")
            let card = try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("✅ Добавлен как мастер") == true }
            #expect(card.text?.contains("User500 (id 500)\nРоль: мастер") == true)
            let notice = try await newcomer.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Теперь вы администратор") == true }
            #expect(notice.text == "Теперь вы администратор «Salon salon_alpha» (мастер). Команда /admin открывает панель.")
            try await newcomer.send("/admin")
            let panel = try await newcomer.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("🛠 Панель администратора") == true }
            #expect(panel.text?.hasSuffix("Ваша роль: мастер") == true)
            try await owner.waitUntilAllPressesAnswered(timeout: .seconds(10))
            let admins = try await stack.stores.admins.admins(LocalStack.tenantA)
            #expect(admins.contains { $0.userID == UserID(500) && $0.role == .master })
            // The other tenant knows nothing of the new admin.
            let stranger = stack.user(500, of: LocalStack.tenantB)
            try await stranger.send("/admin")
            try await stranger.waitForBotMessage(timeout: .seconds(10)) { $0.text == "Эта команда — для администраторов." }
        }
    }

    /// An admin added by forwarding a message of theirs (issue 18, item 10): a hidden sender and a bot are refused
    /// with a way forward; a visible person becomes a master, named as in the forward when the bot never saw them.
    @Test func anAdminAddedFromAForwardedMessage() async throws {
        // Four messages in a few seconds: more than the incoming limit lets one user send.
        try await LocalStack.run(mode: .webhook, environment: ["ZAPIS_RATE_LIMITS": "0"]) { stack in
            let owner = stack.user(1, of: LocalStack.tenantA, language: "en")
            try await owner.send("/admin")
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("🛠 Admin panel") == true }
            try await owner.press("👥 Admins")
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("👥 Admins:") == true }
            try await owner.press("➕ Add admin")
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains("or forward any message they wrote") == true }
            try await owner.forward("hi, it's me", from: nil)
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Their privacy settings hide") == true }
            try await owner.forward("beep", from: User(id: 9_000_001, isBot: true, firstName: "SomeBot"))
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("That message is from a bot") == true }
            try await owner.forward("hi, it's Olga", from: User(id: 700, firstName: "Olga"))
            let card = try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains("Olga (id 700)") == true }
            #expect(card.text?.contains("master") == true)
            let admins = try await stack.stores.admins.admins(LocalStack.tenantA)
            #expect(admins.contains { $0.userID == UserID(700) && $0.role == .master && $0.name == "Olga" })
            #expect(!admins.contains { $0.userID == UserID(9_000_001) })
        }
    }

    @Test func theBookingsExportIsACSVDocumentWithTheBooking() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let customer = stack.user(100, of: LocalStack.tenantA)
            try await CustomerJourney(user: customer).start()
            let booking = try await AdminJourneyTests.book(stack, customer: 100, hour: 12)
            let owner = stack.user(1, of: LocalStack.tenantA)
            try await Self.openPanel(owner)
            try await owner.press("📤 Записи")
            let message = try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.document != nil }
            let document = try #require(message.document)
            #expect(document.fileName.hasSuffix(".csv") && document.fileName.contains("-bookings-"))
            #expect(message.caption?.hasPrefix("CSV, строк: 1") == true)
            #expect(Array(document.bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let text = String(decoding: document.bytes.dropFirst(3), as: UTF8.self)
            let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.first == "id,start,end,service,master,customer_id,customer,status,cancelled_by,price,deposit,deposit_status")
            let tomorrow = AdminJourneyTests.tomorrow
            let date = "\(tomorrow.year)-\(String(format: "%02d-%02d", tomorrow.month, tomorrow.day))"
            let row = try #require(lines.first { $0.hasPrefix("\(booking.id.rawValue),") })
            #expect(row.hasPrefix("\(booking.id.rawValue),\(date) 12:00,\(date) 13:00,Женская стрижка,"))
            #expect(row.contains(",100,User100,"))
            try await owner.waitUntilAllPressesAnswered(timeout: .seconds(10))
        }
    }

    /// The compact dates the customer's booking calendar offers for the 60-minute haircut (this month and the next).
    static func bookableDays(_ customer: SimulatedUser) async throws -> Set<String> {
        try await customer.send("📅 Записаться")
        let services = try await customer.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Выберите услугу:") == true }
        let service = try #require(services.inlineButtons.first { $0.text.hasPrefix("Женская стрижка") })
        try await customer.press(service.text)
        let calendar = try await customer.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasSuffix("Выберите день:") == true }
        func days(_ message: SandboxMessage) -> [String] {
            message.inlineButtons.compactMap { $0.callbackData }.filter { $0.hasPrefix("d:") }.compactMap { $0.split(separator: ":").last.map(String.init) }
        }
        var result = Set(days(calendar))
        let before = calendar.editCount
        try await customer.press("›")
        let next = try await customer.waitForBotMessage(timeout: .seconds(10)) { $0.editCount > before && $0.text?.hasSuffix("Выберите день:") == true }
        result.formUnion(days(next))
        try await customer.waitUntilAllPressesAnswered(timeout: .seconds(10))
        return result
    }

    @Test func aWeekdayOffInTheHoursLeavesNoBookableDayOnIt() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let customer = stack.user(100, of: LocalStack.tenantA)
            try await CustomerJourney(user: customer).start()
            let before = try await Self.bookableDays(customer)
            let today = Self.zone.localDate(of: Date())
            let target = try #require((2...8).map { today.adding(days: $0) }.first { before.contains($0.compact) })
            let master = try #require(try await stack.stores.catalog.masters(LocalStack.tenantA).first)
            let weekday = ["пн", "вт", "ср", "чт", "пт", "сб", "вс"][target.weekday.rawValue - 1]
            let owner = stack.user(1, of: LocalStack.tenantA)
            try await Self.openPanel(owner)
            try await owner.press("🕘 Часы и правила")
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("🕘 Часы работы") == true }
            try await owner.press(master.name)
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("🕘 \(master.name)") == true }
            try await owner.press(weekday)
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("\(master.name), \(weekday): пришлите часы") == true }
            try await owner.press("выходной")
            let plan = try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains("\n\(weekday): выходной") == true }
            #expect(plan.text?.hasPrefix("✅") == true)
            try await owner.waitUntilAllPressesAnswered(timeout: .seconds(10))
            let after = try await Self.bookableDays(customer)
            #expect(!after.contains(target.compact))
            #expect(!after.contains { LocalDate(compact: $0)?.weekday == target.weekday })
            #expect(!after.isEmpty)
        }
    }

    @Test func theClientsListShowsACustomerWithTheirVisits() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let tenant = LocalStack.tenantA
            let customer = stack.user(100, of: tenant)
            try await CustomerJourney(user: customer).start()
            // A visit two days ago (confirmed and ended counts as a visit).
            let service = try #require(try await stack.stores.catalog.services(tenant).first { $0.durationMinutes == 60 })
            let master = try #require(try await stack.stores.catalog.masters(tenant).first)
            let day = Self.zone.localDate(of: Date()).adding(days: -2)
            let start = try #require(Self.zone.instant(day, LocalTime(hour: 11)!))
            _ = try await stack.stores.bookings.createBooking(
                BookingRequest(customer: UserID(100), chat: ChatID(100), service: service, masterID: master.id, start: start),
                tenant: tenant, maxActivePerCustomer: 3, now: start.addingTimeInterval(-86_400))
            let owner = stack.user(1, of: tenant)
            try await Self.openPanel(owner)
            try await owner.press("👤 Клиенты")
            let list = try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("👤 Клиентов:") == true }
            #expect(list.text?.contains("• User100 — визитов 1, неявок 0, последний ") == true)
            let button = try #require(list.inlineButtons.first { $0.text.hasPrefix("User100") })
            try await owner.press(button.text)
            let card = try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("👤 User100") == true }
            #expect(card.text?.contains("Визитов: 1 · неявок: 0 · отмен: 0") == true)
            try await owner.waitUntilAllPressesAnswered(timeout: .seconds(10))
        }
    }

    @Test func cancellingFromTheScheduleNotifiesTheCustomer() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let customer = stack.user(100, of: LocalStack.tenantA)
            try await CustomerJourney(user: customer).start()
            let booking = try await AdminJourneyTests.book(stack, customer: 100, hour: 15)
            let owner = stack.user(1, of: LocalStack.tenantA)
            try await AdminJourneyTests.openTomorrow(owner, expecting: "15:00–16:00 Женская стрижка")
            try await owner.press("15:00 Женская стрижка")
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains("Клиент: User100 (id 100)") == true }
            try await owner.press("✖️ Отменить запись")
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Отменить Женская стрижка") == true }
            try await owner.press("Да, отменить")
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains("✅ Запись отменена, клиент уведомлён.") == true }
            let notice = try await customer.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains("отменил(а) вашу запись") == true }
            #expect(notice.text?.contains("Женская стрижка") == true && notice.text?.contains("15:00") == true)
            let stored = try #require(try await stack.stores.bookings.booking(booking.id, tenant: LocalStack.tenantA))
            guard case .cancelled(let by, _) = stored.status else { Issue.record("expected cancelled, got \(stored.status)"); return }
            #expect(by == .admin)
            try await owner.waitUntilAllPressesAnswered(timeout: .seconds(10))
        }
    }
}
