import BookingCore
import Foundation
import TelegramBotAPI
import TelegramSandbox
import Testing

/// Two `zapis serve` behind a load balancer that alternates between them, receiving webhooks for the same chats at
/// once, some of them twice (one copy to each): every update is answered once, each chat's answers come in order,
/// and with Telegram's limits enforced by the sandbox the two together cause no 429 (flood limits shared in Redis).
@Suite("Two instances receiving", .serialized)
struct TwoInstanceReceivingTests {
    static let redisURL = ProcessInfo.processInfo.environment["ZAPIS_TEST_REDIS_URL"]
    static var enabled: Bool { ProcessStack.Database.available.contains(.postgres) && redisURL != nil }

    static func update(_ id: Int64, user: Int64, text: String) -> String {
        """
        {"update_id": \(id), "message": {"message_id": \(id), "from": {"id": \(user), "is_bot": false, "first_name": "Анна", "language_code": "ru"},
         "chat": {"id": \(user), "type": "private"}, "date": 1796000000, "text": "\(text)", "entities": [{"offset": 0, "length": \(text.count), "type": "bot_command"}]}}
        """
    }

    @Test(.enabled(if: enabled, "needs PostgreSQL and Redis"))
    func everyUpdateOnceInOrderAndNo429() async throws {
        let strict = SandboxFloodLimits(botPerSecond: 30, botBurst: 30, chatPerSecond: 1, chatBurst: 3)
        try await ProcessStack.run(.postgres, tenants: 1, floodLimits: strict) { stack in
            var environment = stack.environment
            environment["ZAPIS_REDIS_URL"] = Self.redisURL
            let first = ServeProcess(environment: environment.merging(["ZAPIS_PUBLIC_URL": "http://127.0.0.1:1"]) { $1 }, port: try ServeProcess.freePort())
            let second = ServeProcess(environment: environment.merging(["ZAPIS_PUBLIC_URL": "http://127.0.0.1:1"]) { $1 }, port: try ServeProcess.freePort())
            try first.start()
            defer { first.kill() }
            try second.start()
            defer { second.kill() }
            try await first.waitUntilReady()
            try await second.waitUntilReady()
            let (tenant, token) = try #require(stack.tokens.first)
            let secret = try await stack.withDatabase { dependencies in
                let record = try #require(try await dependencies.stores.tenants.tenant(tenant))
                return dependencies.vault.webhookSecret(for: tenant, version: record.createdAt)
            }
            let path = "/telegram/\(tenant)"
            let users = (Int64(8_001)...8_008)
            for user in users { try stack.sandbox.startChat(userID: user, firstName: "Анна", bot: token) }
            let texts = ["/start", "/help", "/start", "/help", "/start", "/help"]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for user in users {
                    group.addTask {
                        for (n, text) in texts.enumerated() {
                            let id = user * 100 + Int64(n)
                            let body = Self.update(id, user: user, text: text)
                            let (mine, other) = n.isMultiple(of: 2) ? (first.port, second.port) : (second.port, first.port)
                            if n % 3 == 2 {
                                // A redelivery racing the first copy on the other instance.
                                async let copy = WebhookRouteTests.post(other, path: path, secret: secret, body: body)
                                let answer = try await WebhookRouteTests.post(mine, path: path, secret: secret, body: body)
                                let copied = try await copy
                                #expect(answer == 200 && copied == 200)
                            } else {
                                #expect(try await WebhookRouteTests.post(mine, path: path, secret: secret, body: body) == 200)
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let expected = texts.map { $0 == "/start" ? "Здравствуйте" : "/book" }
            let deadline = ContinuousClock.now + .seconds(60)
            for user in users {
                let simulated = stack.sandbox.user(user, firstName: "Анна", languageCode: "ru", bot: token)
                var replies: [String] = []
                while ContinuousClock.now < deadline {
                    replies = await simulated.transcript().filter(\.fromBot).compactMap(\.text)
                    if replies.count >= expected.count { break }
                    try await Task.sleep(for: .milliseconds(200))
                }
                try await Task.sleep(for: .milliseconds(300))  // a doubled answer, if any, has time to show
                replies = await simulated.transcript().filter(\.fromBot).compactMap(\.text)
                #expect(replies.count == expected.count, "chat \(user): \(replies.count) answers")
                #expect(zip(replies, expected).allSatisfy { $0.hasPrefix($1) }, "chat \(user) out of order: \(replies.map { $0.prefix(12) })")
            }
            let limited = stack.sandbox.requests(for: token).filter { $0.statusCode == 429 }
            #expect(limited.isEmpty, "\(limited.count) answers 429")
        }
    }
}
