import BookingCore
import Foundation
import Storage
import TelegramSandbox
import Testing

/// Services, notifications and the dashboard through the real service and the sandbox.
@Suite("Admin business side through the sandbox", .serialized)
struct AdminBusinessJourneyTests {
    static let zone = ZonedCalendar(identifier: "Europe/Moscow")!

    static func openPanel(_ owner: SimulatedUser) async throws {
        try await owner.send("/admin")
        try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("🛠 Панель администратора") == true }
    }

    @Test func aServiceEditedByTheOwnerIsWhatCustomersThenSee() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let owner = stack.user(1, of: LocalStack.tenantA)
            try await Self.openPanel(owner)
            try await owner.press("💇 Услуги")
            let list = try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("💇 Услуги") == true }
            let haircut = try #require(list.inlineButtons.first { $0.text.hasPrefix("Женская стрижка") })
            try await owner.press(haircut.text)
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("💇 Женская стрижка — активна") == true }
            try await owner.press("Цена")
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Пришлите новое значение «Цена»") == true }
            try await owner.send("2750")
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("✅ Сохранено.") == true }
            try await owner.press("Название")
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Пришлите новое значение «Название»") == true }
            try await owner.send("Стрижка «Люкс»")
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains("💇 Стрижка «Люкс» — активна") == true }
            try await owner.waitUntilAllPressesAnswered(timeout: .seconds(10))

            let customer = stack.user(300, of: LocalStack.tenantA)
            try await CustomerJourney(user: customer).start()
            try await customer.send("📅 Записаться")
            let services = try await customer.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Выберите услугу:") == true }
            #expect(services.inlineButtons.contains { $0.text.hasPrefix("Стрижка «Люкс»") && $0.text.hasSuffix("2\u{00A0}750\u{00A0}₽") })
            #expect(!services.inlineButtons.contains { $0.text.hasPrefix("Женская стрижка") })
            let audit = try await stack.stores.audit.auditLog(LocalStack.tenantA, offset: 0, limit: 10)
            #expect(audit.prefix(2).allSatisfy { $0.action == "services.edit" && $0.actor == UserID(1) })
        }
    }

    @Test func theOwnerHearsOfANewBookingAndOpensItsCard() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let owner = stack.user(1, of: LocalStack.tenantA)
            try await Self.openPanel(owner)
            let customer = stack.user(100, of: LocalStack.tenantA)
            let journey = CustomerJourney(user: customer)
            try await journey.start()
            _ = try await journey.bookFirstFreeSlot(minDaysAhead: 2)
            let notice = try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("🆕 Новая запись:") == true }
            #expect(notice.text?.hasSuffix("Клиент: User100") == true)
            try await owner.press("Открыть запись")
            let card = try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains("Клиент: User100 (id 100)") == true }
            #expect(card.inlineButtons.contains { $0.text == "✖️ Отменить запись" })
            try await owner.waitUntilAllPressesAnswered(timeout: .seconds(10))
            // The other tenant's owner hears nothing of it.
            #expect(await stack.user(1, of: LocalStack.tenantB).transcript().isEmpty)
        }
    }

    @Test func theDashboardShowsTodaysNumbers() async throws {
        let clock = TestClock()
        // Noon in Moscow, so every booking below falls on "today" whatever the real time is.
        let now = Date()
        let noon = Self.zone.instant(Self.zone.localDate(of: now).adding(days: 1), LocalTime(hour: 12)!)!
        clock.advance(by: noon.timeIntervalSince(now))
        try await LocalStack.run(mode: .webhook, clock: clock) { stack in
            let tenant = LocalStack.tenantA
            let today = Self.zone.localDate(of: clock.date())
            let service = try #require(try await stack.stores.catalog.services(tenant).first { $0.durationMinutes == 60 })
            let master = try #require(try await stack.stores.catalog.masters(tenant).first)
            var bookings: [Booking] = []
            for (customer, hour) in [(100, 10), (200, 11), (300, 14)] as [(Int64, Int)] {
                let start = try #require(Self.zone.instant(today, LocalTime(hour: hour)!))
                bookings.append(try await stack.stores.bookings.createBooking(
                    BookingRequest(customer: UserID(customer), chat: ChatID(customer), service: service, masterID: master.id, start: start),
                    tenant: tenant, maxActivePerCustomer: 3, now: clock.date().addingTimeInterval(-86_400)))
            }
            _ = try await stack.stores.bookings.cancelBooking(bookings[2].id, tenant: tenant, by: .customer, reason: nil, now: clock.date())
            _ = try await stack.stores.feedback.rate(
                Feedback(bookingID: bookings[0].id, customer: UserID(100), masterID: master.id, serviceID: service.id, rating: 5, ratedAt: clock.date()),
                tenant: tenant)
            let owner = stack.user(1, of: tenant)
            try await Self.openPanel(owner)
            try await owner.press("📊 Сводка")
            let dashboard = try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("📊 Сегодня") == true }
            guard case .fixed(let minor, _) = service.price else { Issue.record("the demo haircut has a price"); return }
            let revenue = minor * 2 / 100
            let grouped = revenue >= 1000 ? "\(revenue / 1000)\u{00A0}\(String(format: "%03d", revenue % 1000))" : "\(revenue)"
            let text = try #require(dashboard.text)
            #expect(text.contains("Записей: 3\nОтмен: 1 (33%)\nНеявок: 0\nВыручка: \(grouped)\u{00A0}₽\nСредняя оценка: 5.0 (1)\nЗагруженные часы: 10:00 (1), 11:00 (1)"))
            let newToday = try await stack.stores.backOffice.customerRecords(tenant).count { Self.zone.localDate(of: $0.firstSeen) == today }
            #expect(text.contains("Новых клиентов: \(newToday)"))
            #expect(text.contains("💡 Много отмен (33%)") == false)
            try await owner.waitUntilAllPressesAnswered(timeout: .seconds(10))
        }
    }
}
