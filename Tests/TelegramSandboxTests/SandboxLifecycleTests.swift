import Foundation
import ServiceLifecycle
import TelegramBotAPI
import TelegramSandbox
import Testing

/// Start, graceful shutdown and many bots at once.
@Suite struct SandboxLifecycleTests {
    @Test func gracefulShutdownEndsWaitingLongPolls() async throws {
        let sandbox = TelegramSandbox(logger: testLogger)
        let group = ServiceGroup(configuration: .init(services: [sandbox], logger: testLogger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let port = try await sandbox.waitUntilRunning()
            let token = await sandbox.registerBot(username: "salon_bot", firstName: "Salon")
            let client = HTTPBotAPIClient(httpClient: .shared, baseURL: "http://127.0.0.1:\(port)")
            async let poll = client.call(GetUpdates(timeout: 30), token: token)
            // Generous, as in UpdateDeliveryTests: in a full parallel run the poll's connection can take seconds to arrive.
            try await sandbox.waitUntilPolling(bot: token, timeout: .seconds(15))
            let started = ContinuousClock.now
            await group.triggerGracefulShutdown()
            #expect(try await poll.isEmpty)
            try await tasks.waitForAll()
            #expect(ContinuousClock.now - started < .seconds(5))
            #expect(sandbox.baseURL == nil)
            await #expect(throws: SandboxError.self) { try await sandbox.waitUntilRunning() }
        }
    }

    @Test func manyBotsAndUsersAtOnceKeepPerChatOrder() async throws {
        try await withSandbox { (h: Harness) async throws in
            var tokens: [BotToken] = []
            for index in 0..<20 { tokens.append(await h.bot("bot_\(index)_bot", "Bot \(index)")) }
            let sandbox = h.sandbox
            try await withThrowingTaskGroup(of: Void.self) { group in
                for token in tokens {
                    for userID in Int64(1)...10 {
                        group.addTask {
                            let user = sandbox.user(userID, firstName: "U\(userID)", bot: token)
                            for text in ["a", "b", "c"] { try await user.send(text) }
                        }
                    }
                }
                try await group.waitForAll()
            }
            for token in tokens {
                let updates = try await h.client.call(GetUpdates(), token: token)
                #expect(updates.count == 30)
                #expect(updates.map(\.updateID) == updates.map(\.updateID).sorted())
                for userID in Int64(1)...10 {
                    #expect(updates.filter { $0.message?.chat.id == userID }.compactMap { $0.message?.text } == ["a", "b", "c"])
                }
            }
            #expect(h.sandbox.requestCount("getUpdates") == 20)
        }
    }
}
