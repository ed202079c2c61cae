import BookingCore
import Foundation
import Storage
import TelegramSandbox
import Testing

/// A broadcast to 10,000 customers through the real service and a sandbox that enforces Telegram's flood limits,
/// scaled up (sandbox 400 msg/s per bot; the app runs a little under it) so it takes seconds instead of minutes.
@Suite("Broadcast through the sandbox", .serialized)
struct BroadcastFloodTests {
    static let customers: ClosedRange<Int64> = 1_000_001...1_010_000
    /// Started the bot, then blocked it: 403 when the broadcast reaches them.
    static let blocked: Set<Int64> = Set(stride(from: 1_000_001, through: 1_010_000, by: 40))
    /// Stored as customers but no chat with the bot exists: 400 "chat not found".
    static let neverStarted: Set<Int64> = Set(stride(from: 1_000_003, through: 1_010_000, by: 500))
    /// Already known to have blocked the bot: skipped, not even enqueued.
    static let unreachable: Set<Int64> = Set(stride(from: 1_000_007, through: 1_010_000, by: 1_000))

    /// Scaled so the bot limit binds: a debug build sends faster than 400/s when unthrottled, so without flood
    /// control this test sees 429s; the app keeps 10% under the sandbox's rate and half its burst (network jitter).
    static let sandboxLimits = SandboxFloodLimits(botPerSecond: 400, botBurst: 40, chatPerSecond: 5, chatBurst: 5)
    static let appLimits = [
        "ZAPIS_TELEGRAM_BOT_RATE": ProcessInfo.processInfo.environment["BROADCAST_TEST_APP_RATE"] ?? "360",
        "ZAPIS_TELEGRAM_BOT_BURST": "20", "ZAPIS_TELEGRAM_CHAT_RATE": "4", "ZAPIS_TELEGRAM_CHAT_BURST": "3",
        // These are the sender's own figures already, with the margin written into them.
        "ZAPIS_TELEGRAM_MARGIN": "0",
    ]

    /// Registers every customer in the sandbox and the store (one transaction).
    static func seed(_ stack: LocalStack) async throws {
        let tenant = LocalStack.tenantA
        let token = stack.tokens[tenant]!
        for id in customers where !neverStarted.contains(id) {
            try stack.sandbox.startChat(userID: id, firstName: "C\(id)", bot: token)
            if blocked.contains(id) { try stack.sandbox.setBlocked(true, userID: id, bot: token) }
        }
        try await stack.store.inTransaction { tx in
            for id in customers {
                _ = try await tx.stores.customers.upsertCustomer(
                    CustomerProfile(userID: UserID(id), chatID: ChatID(id), firstName: "C\(id)", username: nil, languageCode: "ru"),
                    tenant: tenant, now: Date())
            }
            for id in unreachable { try await tx.outbox.markUnreachable(chat: id, tenant: tenant, at: Date()) }
        }
    }

    @Test func tenThousandCustomersWithoutA429AndWithCorrectCounts() async throws {
        try await LocalStack.run(mode: .webhook, floodLimits: Self.sandboxLimits, environment: Self.appLimits) { stack in
            let clock = ContinuousClock()
            let seeding = clock.now
            try await Self.seed(stack)
            let owner = stack.user(1, of: LocalStack.tenantA)
            try await owner.send("/admin")
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("🛠 Панель администратора") == true }
            try await owner.press("📣 Рассылка")
            let audiences = try await owner.waitForBotMessage(timeout: .seconds(20)) { $0.text?.contains("Кому отправить") == true }
            let all = try #require(audiences.inlineKeyboard?.inlineKeyboard.joined().first { $0.text.hasPrefix("Всем клиентам") })
            let expected = try await stack.stores.backOffice.customerRecords(LocalStack.tenantA).filter { $0.unreachableSince == nil }.count
            #expect(all.text == "Всем клиентам (\(expected))")
            #expect(expected >= Self.customers.count - Self.unreachable.count)
            try await owner.press(all.text)
            try await owner.waitForBotMessage(timeout: .seconds(20)) { $0.text?.contains("Отправьте текст рассылки") == true }
            let text = "🎄 Декабрьская скидка 10% на все услуги!"
            try await owner.send(text)
            try await owner.waitForBotMessage(timeout: .seconds(20)) { $0.text == text && $0.inlineKeyboard != nil }
            let setup = clock.now - seeding
            let started = clock.now
            try await owner.press("✅ Отправить \(expected)")
            let queued = try await owner.waitForBotMessage(timeout: .seconds(30)) { $0.text?.hasPrefix("📣 Рассылка №") == true }

            // A customer who writes meanwhile is answered promptly: replies go ahead of the broadcast.
            let customer = stack.user(900, of: LocalStack.tenantA)
            let asked = clock.now
            try await CustomerJourney(user: customer).start()
            let replyLatency = clock.now - asked
            let id = try #require(queued.text?.split(separator: "№").last?.split(separator: "\n").first.map(String.init))
            let midway = try await stack.store.broadcastCounts(tag: "broadcast:\(id)", tenant: LocalStack.tenantA)

            var status = queued
            while !(status.text?.contains("Рассылка завершена.") ?? false) {
                #expect(clock.now - started < .seconds(50), "the broadcast took too long")
                if clock.now - started > .seconds(50) { break }
                try await Task.sleep(for: .milliseconds(500))
                try await owner.press("🔄 Обновить")
                try await owner.waitUntilAllPressesAnswered(timeout: .seconds(10))
                status = try #require(await owner.transcript().first { $0.messageID == queued.messageID })
            }
            let elapsed = clock.now - started
            let blocked = Self.blocked.subtracting(Self.unreachable).subtracting(Self.neverStarted).count
            let failed = Self.neverStarted.subtracting(Self.unreachable).count
            let final = try #require(status.text)
            #expect(final.contains("Всего: \(expected)\n"))
            #expect(final.contains("✅ Доставлено: \(expected - blocked - failed)\n"))
            #expect(final.contains("🚫 Заблокировали бота: \(blocked)\n"))
            #expect(final.contains("⚠️ Ошибки: \(failed)\n"))
            #expect(final.contains("⏳ В очереди: 0\n"))
            #expect(stack.sandbox.floodRejections() == 0)
            #expect(midway.pending > 0, "the customer's reply should have been measured while the broadcast ran")
            #expect(replyLatency < .seconds(3))
            // Everyone the broadcast reached got exactly one copy; blocked users are now marked unreachable.
            let sample = stack.user(1_000_002, of: LocalStack.tenantA)
            #expect(await sample.transcript().filter { $0.text == text }.count == 1)
            let records = try await stack.stores.backOffice.customerRecords(LocalStack.tenantA)
            #expect(records.filter { $0.unreachableSince != nil }.count == blocked + Self.unreachable.count)
            let audit = try await stack.stores.audit.auditLog(LocalStack.tenantA, offset: 0, limit: 5)
            #expect(audit.contains { $0.action == "broadcast.send" && $0.actor == UserID(1) && "\($0.id)" == id })
            print("broadcast: \(stack.sandbox.floodRejections()) 429s, setup \(setup), \(expected) messages in \(elapsed); a reply during it took \(replyLatency); midway \(midway)")
        }
    }
}
