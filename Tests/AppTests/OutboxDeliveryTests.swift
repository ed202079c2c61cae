import BookingCore
import Foundation
import Storage
import TelegramSandbox
import Testing

@Suite("Outbox delivery", .serialized)
struct OutboxDeliveryTests {
    /// A 429 for one chat holds only that chat: other chats and bots keep flowing, and the held chat's
    /// messages arrive after the wait, in order.
    /// The wait runs on the service's clock, which the test moves ahead instead of waiting 60 s (long, so that a
    /// loaded machine still serves the neighbours well before the wait would end in real time).
    @Test func retryAfterHoldsOnlyTheChatThatGotIt() async throws {
        let clock = TestClock()
        try await LocalStack.run(mode: .webhook, clock: clock) { stack in
            let tokenA = stack.tokens[LocalStack.tenantA]!
            let held = stack.user(801, of: LocalStack.tenantA)
            let neighbour = stack.user(802, of: LocalStack.tenantA)
            let otherBot = stack.user(803, of: LocalStack.tenantB)
            stack.sandbox.failNext(
                method: "sendMessage", bot: tokenA, chatID: 801, error: 429, description: "Too Many Requests: retry after 60", retryAfter: 60)
            let started = clock.now
            try await held.send("/start")
            try await held.send("/help")
            try await neighbour.send("/start")
            try await otherBot.send("/start")
            _ = try await neighbour.waitForBotMessage(timeout: .seconds(30)) { $0.text?.hasPrefix("Здравствуйте") == true }
            _ = try await otherBot.waitForBotMessage(timeout: .seconds(30)) { $0.text?.hasPrefix("Здравствуйте") == true }
            #expect(await held.transcript().filter(\.fromBot).isEmpty, "the held chat got a message before its wait ended")
            clock.advance(by: 60)
            let transcript = try await held.waitForTranscript(timeout: .seconds(30)) { $0.filter(\.fromBot).count == 2 }
            #expect(clock.now - started >= .seconds(60))
            let replies = transcript.filter(\.fromBot).compactMap(\.text)
            #expect(replies.first?.hasPrefix("Здравствуйте") == true)
            #expect(replies.last?.hasPrefix("/book") == true)
            // The 429 is counted with the wait it asked for.
            let (metrics, _) = try await MetricsJourneyTests.scrape(stack)
            #expect(metrics.value("zapis_telegram_rate_limited_total") == 1)
            #expect(metrics.value("zapis_telegram_retry_after_seconds_total") == 60)
            #expect(metrics.value("zapis_telegram_sends_total", ["method": "sendMessage", "outcome": "rate_limited"]) == 1)
        }
    }

    /// A user who blocked the bot gets no retries and is marked unreachable; others are unaffected.
    @Test func blockedUserIsNotRetried() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let token = stack.tokens[LocalStack.tenantA]!
            let user = stack.user(811, of: LocalStack.tenantA)
            try await user.send("/start")
            _ = try await user.waitForBotMessage(timeout: .seconds(10))
            try stack.sandbox.setBlocked(true, userID: 811, bot: token)
            let secret = try await stack.webhookSecret(for: LocalStack.tenantA)
            #expect(try await WebhookRouteTests.post(
                stack.appPort, path: "/telegram/\(LocalStack.tenantA)", secret: secret, body: WebhookRouteTests.startUpdate(id: 555_001, user: 811)) == 200)
            let other = stack.user(812, of: LocalStack.tenantA)
            try await other.send("/start")
            _ = try await other.waitForBotMessage(timeout: .seconds(10))
            // A second round trip for the other user gives a retry of the blocked one every chance to show up.
            try await other.send("/help")
            _ = try await other.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("/book") == true }
            // One refused attempt for the blocked user, then given up (the other user was served meanwhile).
            let sends = stack.sandbox.requests(for: token).filter { $0.method == "sendMessage" }
            #expect(sends.filter { $0.chatID == 811 && $0.statusCode == 403 }.count == 1)
            // Nothing of the blocked chat waits for a retry (rows of the other chat may still be being marked sent).
            let left = try await stack.store.dueMessages(now: Date().addingTimeInterval(3600), limit: 10)
            #expect(left.filter { $0.chatID == 811 }.isEmpty)
            let (metrics, _) = try await MetricsJourneyTests.scrape(stack)
            #expect(metrics.value("zapis_telegram_sends_total", ["method": "sendMessage", "outcome": "refused"]) == 1)
        }
    }
}
