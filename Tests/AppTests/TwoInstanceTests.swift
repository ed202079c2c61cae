import AsyncHTTPClient
import BookingCore
import Foundation
import Storage
import StoragePostgres
import TelegramBotAPI
import TelegramSandbox
import Testing

/// Two `zapis serve` processes on one PostgreSQL database drain one outbox.
@Suite("Two instances", .serialized)
struct TwoInstanceTests {
    /// 1,000 bookings with reminders due within the test window: each reminder reaches its customer exactly once.
    @Test(.enabled(if: ProcessStack.Database.available.contains(.postgres), "needs PostgreSQL"))
    func everyReminderIsSentExactlyOnce() async throws {
        let tenants = 10
        let perTenant = 100
        try await ProcessStack.run(.postgres, tenants: tenants) { stack in
            let now = Date()
            let base = (now.timeIntervalSince1970 / 3600).rounded(.down) * 3600 + 2 * 86_400
            // Customers who started the bot earlier; their bookings and 24-hour reminders, all due in the next seconds.
            try await stack.withDatabase { database in
                let stores = database.stores
                for (tenant, token) in stack.tokens {
                    let service = try #require(try await stores.catalog.services(tenant).first)
                    let master = try #require(try await stores.catalog.masters(tenant).first)
                    var entries: [OutboxEntry] = []
                    for n in 0..<perTenant {
                        let customer = Int64(5000 + n)
                        try stack.sandbox.startChat(userID: customer, firstName: "Клиент\(n)", bot: token)
                        let start = Date(timeIntervalSince1970: base + Double(n) * 3600)
                        let booking = try await stores.bookings.createBooking(
                            BookingRequest(customer: UserID(customer), chat: ChatID(customer), service: service, masterID: master.id, start: start),
                            tenant: tenant, maxActivePerCustomer: 3, now: now)
                        let call = BotCall.sendMessage(SendMessage(chatID: customer, text: "Напоминание о записи \(booking.id)"))
                        entries.append(OutboxEntry(
                            chatID: customer, payload: Array(try JSONEncoder().encode(call)),
                            dueAt: now.addingTimeInterval(3 + Double(n % 20) * 0.2), bookingID: booking.id))
                    }
                    try await database.outbox.enqueue(entries, tenant: tenant, now: now)
                }
            }
            let first = try stack.server()
            let second = try stack.server(publicPort: first.port)
            try first.start()
            defer { first.kill() }
            try second.start()
            defer { second.kill() }
            try await first.waitUntilReady()
            try await second.waitUntilReady()

            // Wait until every reminder is recorded as sent: from then on no instance sends any of them again, so a
            // second copy, if any, has been requested by now.
            let deadline = ContinuousClock.now + .seconds(90)
            var recorded = 0
            while recorded < tenants * perTenant, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(200))
                recorded = try await stack.withDatabase { database in
                    try await #require(database.outbox as? PostgresStore).sentCountsBySender().values.reduce(0, +)
                }
            }
            #expect(recorded == tenants * perTenant)
            #expect(stack.sandbox.requestCount("sendMessage") == tenants * perTenant)
            for (_, token) in stack.tokens {
                for n in 0..<perTenant {
                    let user = stack.sandbox.user(Int64(5000 + n), firstName: "Клиент\(n)", languageCode: "ru", bot: token)
                    let reminders = await user.transcript().filter { $0.fromBot && $0.text?.hasPrefix("Напоминание") == true }
                    #expect(reminders.count == 1, "customer \(5000 + n) got \(reminders.count) reminders")
                }
            }
            // Both instances took part.
            let senders = try await stack.withDatabase { database in
                try await #require(database.outbox as? PostgresStore).sentCountsBySender()
            }
            print("reminders sent per instance: \(senders)")
            #expect(senders.count == 2 && senders.values.allSatisfy { $0 > 0 })
            // Each instance counted what it sent, and each reminder's lateness (counted before it was marked sent).
            var scraped: [PrometheusText] = []
            for port in [first.port, second.port] {
                let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/metrics"), timeout: .seconds(5))
                scraped.append(try PrometheusText(String(buffer: try await response.body.collect(upTo: 4 << 20))))
            }
            #expect(scraped.map { $0.value("zapis_reminder_lateness_seconds_count") }.reduce(0, +) == Double(tenants * perTenant))
            #expect(scraped.map { $0.value("zapis_telegram_sends_total", ["outcome": "ok"]) }.reduce(0, +) == Double(tenants * perTenant))
            #expect(scraped.allSatisfy { $0.value("zapis_tenants") == Double(tenants) })
        }
    }
}
