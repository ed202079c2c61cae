import AsyncHTTPClient
import Foundation
import NIOCore
import TelegramSandbox
import Testing

/// Answers to button presses ride on the webhook's HTTP answer (Telegram performs them without a request of ours);
/// with polling they go through the outbox as before.
@Suite("Webhook reply", .serialized)
struct WebhookReplyTests {
    static func post(_ port: Int, path: String, secret: String, body: String) async throws -> (status: Int, body: String, type: String?) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "X-Telegram-Bot-Api-Secret-Token", value: secret)
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let text = String(buffer: try await response.body.collect(upTo: 1 << 16))
        return (Int(response.status.code), text, response.headers.first(name: "Content-Type"))
    }

    static func press(id: Int64, user: Int64, callbackID: String, data: String) -> String {
        """
        {"update_id": \(id), "callback_query": {"id": "\(callbackID)", "chat_instance": "1",
         "from": {"id": \(user), "is_bot": false, "first_name": "Ivan", "language_code": "en"}, "data": "\(data)",
         "message": {"message_id": 1, "date": 1796000000, "chat": {"id": \(user), "type": "private"}, "text": "old"}}}
        """
    }

    @Test func pressesAreAnsweredInTheWebhookAnswer() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let journey = CustomerJourney(user: stack.user(960, of: LocalStack.tenantA))
            try await journey.start()
            try await journey.bookFirstFreeSlot()
            #expect(await journey.user.unansweredPresses().isEmpty)
            let answers = stack.sandbox.requests(for: stack.tokens[LocalStack.tenantA]!).filter { $0.method == "answerCallbackQuery" }
            #expect(answers.count >= 4)
            #expect(answers.allSatisfy { $0.viaWebhookReply && $0.statusCode == 200 })
            // Messages still go through the outbox, as requests of their own.
            let sent = stack.sandbox.requests(for: stack.tokens[LocalStack.tenantA]!).filter { $0.method == "sendMessage" }
            #expect(!sent.isEmpty && sent.allSatisfy { !$0.viaWebhookReply })
        }
    }

    @Test func aRedeliveredPressIsAnsweredAgainAndChangesNothing() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let secret = try await stack.webhookSecret(for: LocalStack.tenantA)
            let path = "/telegram/\(LocalStack.tenantA)"
            let update = Self.press(id: 876_543, user: 961, callbackID: "cb-961", data: "no such button")
            let first = try await Self.post(stack.appPort, path: path, secret: secret, body: update)
            #expect(first.status == 200)
            #expect(first.type == "application/json")
            let answer = try #require(try JSONSerialization.jsonObject(with: Data(first.body.utf8)) as? [String: Any])
            #expect(answer["method"] as? String == "answerCallbackQuery")
            #expect(answer["callback_query_id"] as? String == "cb-961")
            let again = try await Self.post(stack.appPort, path: path, secret: secret, body: update)
            #expect(again.status == 200)
            let plain = try #require(try JSONSerialization.jsonObject(with: Data(again.body.utf8)) as? [String: Any])
            #expect(plain["method"] as? String == "answerCallbackQuery")
            #expect(plain["callback_query_id"] as? String == "cb-961")
            #expect(plain["text"] == nil)
            // A message is answered in the usual way: the webhook's answer carries nothing.
            let message = try await Self.post(stack.appPort, path: path, secret: secret, body: WebhookRouteTests.startUpdate(id: 876_544, user: 961))
            #expect(message.status == 200 && message.body == "ok")
        }
    }

    @Test func withPollingPressesAreAnsweredByRequests() async throws {
        try await LocalStack.run(mode: .polling) { stack in
            let journey = CustomerJourney(user: stack.user(962, of: LocalStack.tenantA))
            try await journey.start()
            try await journey.bookFirstFreeSlot()
            let answers = stack.sandbox.requests(for: stack.tokens[LocalStack.tenantA]!).filter { $0.method == "answerCallbackQuery" }
            #expect(answers.count >= 4)
            #expect(answers.allSatisfy { !$0.viaWebhookReply && $0.statusCode == 200 })
        }
    }
}
