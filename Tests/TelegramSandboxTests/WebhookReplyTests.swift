import Foundation
import TelegramBotAPI
import TelegramSandbox
import Testing

/// A webhook's 2xx answer may carry one Bot API call, which the sandbox performs like Telegram: unreported, and a
/// malformed or refused one changes nothing about the delivery.
@Suite struct WebhookReplySandboxTests {
    @Test func aCallInTheWebhookAnswerIsPerformed() async throws {
        let receiver = WebhookReceiver(failFirst: 0) { update in
            let chat = update.message?.chat.id ?? 0
            switch update.message?.text {
            case "json": return ("application/json", #"{"method":"sendMessage","chat_id":\#(chat),"text":"from the answer"}"#)
            case "form": return ("application/x-www-form-urlencoded", "method=sendMessage&chat_id=\(chat)&text=from%20a%20form")
            case "broken": return ("application/json", #"{"method":"sendMess"#)
            case "unknown": return ("application/json", #"{"method":"launchRocket","chat_id":\#(chat)}"#)
            case "invalid": return ("application/json", #"{"method":"sendMessage","chat_id":\#(chat),"text":""}"#)
            default: return ("text/plain", "ok")
            }
        }
        try await withSandbox(SandboxConfiguration(webhookRetryDelay: .milliseconds(50)), extraServices: [receiver.application()]) {
            (h: Harness) async throws in
            let token = await h.bot()
            #expect(try await h.call(SetWebhook(url: await receiver.url()), token: token))
            let user = h.sandbox.user(100_000_003, firstName: "Анна", bot: token)
            for text in ["json", "broken", "unknown", "invalid", "plain", "form"] { try await user.send(text) }
            try await h.sandbox.waitUntilDelivered(bot: token, timeout: .seconds(15))
            _ = try await user.waitForTranscript(timeout: .seconds(5)) { $0.contains { $0.text == "from a form" } }

            #expect(await user.transcript().filter(\.fromBot).map(\.text) == ["from the answer", "from a form"])
            // Every update was delivered once: an unreadable or refused call in the answer is not a failed delivery.
            #expect(receiver.received.withLock { $0.map(\.answeredStatus) } == [200, 200, 200, 200, 200, 200])
            let log = h.sandbox.requests(for: token).filter(\.viaWebhookReply)
            #expect(log.map(\.method) == ["sendMessage", "launchRocket", "sendMessage", "sendMessage"])
            #expect(log.map(\.statusCode) == [200, 404, 400, 200])
            #expect(try await h.call(GetWebhookInfo(), token: token).pendingUpdateCount == 0)
        }
    }
}
