import BookingCore
import Foundation
import Storage
import TelegramSandbox
import Testing

/// Two `zapis serve` processes long-polling the same bots on one PostgreSQL database: each bot is polled by one of
/// them, and when that one is killed (SIGKILL) its bots answer from the other within 10 s, nothing lost or doubled.
@Suite("Polling failover", .serialized)
struct PollFailoverTests {
    static func owners(_ stack: ProcessStack) async throws -> [TenantID: String] {
        try await stack.withDatabase { dependencies in
            try await #require(dependencies.pollLeases).pollLeaseOwners(now: Date())
        }
    }

    @Test(.enabled(if: ProcessStack.Database.available.contains(.postgres), "needs PostgreSQL"))
    func aKilledLeaseholdersBotsAnswerFromTheOtherInstanceWithinTenSeconds() async throws {
        try await ProcessStack.run(.postgres, tenants: 3) { stack in
            let first = try stack.pollingServer()
            try first.start()
            defer { first.kill() }
            try await first.waitUntilReady()
            // The first instance holds every bot before the second one starts.
            let deadline = ContinuousClock.now + .seconds(20)
            while try await Self.owners(stack).count < stack.tokens.count, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }
            let firstOwner = try #require(Set(try await Self.owners(stack).values).first)
            #expect(try await Self.owners(stack).count == stack.tokens.count)
            let second = try stack.pollingServer()
            try second.start()
            defer { second.kill() }
            try await second.waitUntilReady()

            let users = stack.tokens.values.map { stack.sandbox.user(7_001, firstName: "Анна", languageCode: "ru", bot: $0) }
            for user in users {
                try await user.send("/start")
                _ = try await user.waitForBotMessage(timeout: .seconds(15)) { $0.text?.hasPrefix("Здравствуйте") == true }
            }
            #expect(Set(try await Self.owners(stack).values) == [firstOwner], "the second instance polled nothing while the first lived")

            first.kill()
            let killed = ContinuousClock.now
            var slowest = Duration.zero
            try await withThrowingTaskGroup(of: Duration.self) { group in
                for user in users {
                    group.addTask {
                        try await user.send("/help")
                        _ = try await user.waitForBotMessage(timeout: .seconds(30)) { $0.text?.hasPrefix("/book") == true }
                        return ContinuousClock.now - killed
                    }
                }
                for try await took in group { slowest = max(slowest, took) }
            }
            print("polling failover: every bot answered \(slowest) after the leaseholder was killed")
            #expect(slowest < .seconds(10))
            // The second instance holds every bot now; every message was answered exactly once.
            let after = try await Self.owners(stack)
            #expect(after.count == stack.tokens.count && !after.values.contains(firstOwner))
            for user in users {
                let replies = await user.transcript().filter(\.fromBot).compactMap(\.text)
                #expect(replies.filter { $0.hasPrefix("Здравствуйте") }.count == 1)
                #expect(replies.filter { $0.hasPrefix("/book") }.count == 1)
            }
        }
    }
}
