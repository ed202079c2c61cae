import AsyncHTTPClient
import BookingCore
import Foundation
import NIOCore
import Storage
import TelegramSandbox
import Testing

@Suite("Webhook route", .serialized)
struct WebhookRouteTests {
    static func post(_ port: Int, path: String, secret: String?, body: String) async throws -> Int {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let secret { request.headers.add(name: "X-Telegram-Bot-Api-Secret-Token", value: secret) }
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        return Int(response.status.code)
    }

    static func startUpdate(id: Int64, user: Int64) -> String {
        """
        {"update_id": \(id), "message": {"message_id": \(id), "from": {"id": \(user), "is_bot": false, "first_name": "Ivan", "language_code": "en"},
         "chat": {"id": \(user), "type": "private"}, "date": 1796000000, "text": "/start", "entities": [{"offset": 0, "length": 6, "type": "bot_command"}]}}
        """
    }

    @Test func badRequestsGetClearStatusesAndNothingBreaks() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let secret = try await stack.webhookSecret(for: LocalStack.tenantA)
            let path = "/telegram/\(LocalStack.tenantA)"
            let good = Self.startUpdate(id: 1, user: 900)
            #expect(try await Self.post(stack.appPort, path: path, secret: nil, body: good) == 401)
            #expect(try await Self.post(stack.appPort, path: path, secret: "wrong", body: good) == 401)
            // Another tenant's secret is wrong here too.
            #expect(try await Self.post(stack.appPort, path: path, secret: try await stack.webhookSecret(for: LocalStack.tenantB), body: good) == 401)
            #expect(try await Self.post(stack.appPort, path: "/telegram/no_such_tenant", secret: secret, body: good) == 401)
            #expect(try await Self.post(stack.appPort, path: "/telegram/a%22%3B%20drop%20schema%20x", secret: secret, body: good) == 401)
            let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("TelegramBotAPITests/Fixtures/malformed")
            for name in ["truncated", "missing_update_id", "update_id_as_string"] {
                let body = try String(contentsOf: fixtures.appendingPathComponent("\(name).json"), encoding: .utf8)
                #expect(try await Self.post(stack.appPort, path: path, secret: secret, body: body) == 400, "\(name)")
            }
            let unknownKind = try String(contentsOf: fixtures.appendingPathComponent("unknown_update_kind.json"), encoding: .utf8)
            #expect(try await Self.post(stack.appPort, path: path, secret: secret, body: unknownKind) == 200)
            #expect(try await Self.post(stack.appPort, path: path, secret: secret, body: String(repeating: "x", count: 2 << 20)) == 413)
            // Nothing was stored by the refused requests; the service still books.
            #expect(try await stack.stores.bookings.bookings(of: UserID(900), tenant: LocalStack.tenantA).isEmpty)
            let journey = CustomerJourney(user: stack.user(901, of: LocalStack.tenantA))
            try await journey.start()
        }
    }

    @Test func redeliveredUpdateChangesNothing() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let user = stack.user(950, of: LocalStack.tenantA, language: "en")
            try await user.send("hello")
            _ = try await user.waitForBotMessage(timeout: .seconds(10))
            let secret = try await stack.webhookSecret(for: LocalStack.tenantA)
            let path = "/telegram/\(LocalStack.tenantA)"
            let update = Self.startUpdate(id: 987_654, user: 950)
            #expect(try await Self.post(stack.appPort, path: path, secret: secret, body: update) == 200)
            #expect(try await Self.post(stack.appPort, path: path, secret: secret, body: update) == 200)
            _ = try await user.waitForTranscript(timeout: .seconds(10)) { $0.contains { $0.text?.hasPrefix("Hello, Ivan") == true } }
            // Exactly two messages went to this chat: the hint for "hello" and one greeting.
            let sent = stack.sandbox.requests(for: stack.tokens[LocalStack.tenantA]!).filter { $0.method == "sendMessage" && $0.chatID == 950 }
            #expect(sent.count == 2)
            let greetings = await user.transcript().filter { $0.fromBot && $0.text?.hasPrefix("Hello, Ivan") == true }
            #expect(greetings.count == 1)
        }
    }
}
