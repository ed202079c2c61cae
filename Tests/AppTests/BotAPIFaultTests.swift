import Foundation
import TelegramSandbox
import Testing

/// The Bot API failing under the sender: a hanging call times out and is retried, 5xx answers are retried with
/// backoff, and in both cases the message arrives once while other chats and bots keep flowing.
@Suite("Bot API faults", .serialized)
struct BotAPIFaultTests {
    /// A sendMessage that hangs (no answer for 15 s) fails at the client's 1-s timeout, is retried, and arrives
    /// exactly once before the hang ends; a neighbour in the same bot and a customer of another bot are answered.
    @Test func aHangingCallTimesOutAndIsRetriedWhileOthersFlow() async throws {
        try await LocalStack.run(mode: .webhook, environment: ["ZAPIS_TELEGRAM_TIMEOUT": "1"]) { stack in
            let token = stack.tokens[LocalStack.tenantA]!
            let hung = stack.user(821, of: LocalStack.tenantA)
            let neighbour = stack.user(822, of: LocalStack.tenantA)
            let otherBot = stack.user(823, of: LocalStack.tenantB)
            stack.sandbox.hangNext(method: "sendMessage", bot: token, chatID: 821, for: .seconds(15))
            try await hung.send("/start")
            try await neighbour.send("/start")
            try await otherBot.send("/start")
            _ = try await neighbour.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Здравствуйте") == true }
            _ = try await otherBot.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Здравствуйте") == true }
            let transcript = try await hung.waitForTranscript(timeout: .seconds(10)) { $0.contains { $0.fromBot } }
            #expect(transcript.filter(\.fromBot).count == 1)
            // Nothing arrives twice: once the hung request has ended (answered 504, no effect), count again.
            let ended = try await Self.waitUntil(timeout: .seconds(25)) {
                stack.sandbox.requests(for: token).contains { $0.method == "sendMessage" && $0.chatID == 821 && $0.statusCode == 504 }
            }
            #expect(ended, "the hung call was not made")
            #expect(await hung.transcript().filter(\.fromBot).count == 1)
        }
    }

    /// Three 502 answers in a row for one chat: retried with backoff until the message arrives, once; another
    /// chat of the same bot is answered first.
    @Test func serverErrorsAreRetriedWithBackoff() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let token = stack.tokens[LocalStack.tenantA]!
            let unlucky = stack.user(831, of: LocalStack.tenantA)
            let neighbour = stack.user(832, of: LocalStack.tenantA)
            stack.sandbox.failNext(method: "sendMessage", bot: token, chatID: 831, error: 502, description: "Bad Gateway", times: 3)
            try await unlucky.send("/start")
            try await neighbour.send("/start")
            _ = try await neighbour.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Здравствуйте") == true }
            let transcript = try await unlucky.waitForTranscript(timeout: .seconds(15)) { $0.contains { $0.fromBot } }
            #expect(transcript.filter(\.fromBot).count == 1)
            // The successful call is logged once its answer is written, so only the refusals are counted here.
            let statuses = stack.sandbox.requests(for: token).filter { $0.method == "sendMessage" && $0.chatID == 831 }.map(\.statusCode)
            #expect(statuses.prefix(3) == [502, 502, 502])
        }
    }

    /// Polls `condition` every 50 ms until it holds (true) or `timeout` passes (false).
    static func waitUntil(timeout: Duration, _ condition: () -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return condition()
    }
}
