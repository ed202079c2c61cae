import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

@testable import TelegramBotAPI

/// Request building and response mapping of the live client (the sandbox tests cover it over HTTP).
@Suite struct HTTPBotAPIClientTests {
    let token = BotToken("7000000001:AAbbCCddEEffGGhhIIjjKKllMMnnOOppQQr")

    @Test func jsonMethodsArePostedToTheTokenURL() throws {
        let client = HTTPBotAPIClient(httpClient: .shared, baseURL: "http://127.0.0.1:9/")
        let request = try client.makeRequest(SendMessage(chatID: 5, text: "hi"), token: token)
        #expect(request.url == "http://127.0.0.1:9/bot\(token.rawValue)/sendMessage")
        #expect(request.method == .POST)
        #expect(request.headers["Content-Type"] == ["application/json"])
    }

    @Test func sendDocumentIsMultipart() throws {
        let document = SendDocument(
            chatID: 42, fileName: "запись \"1\".ics", mimeType: "text/calendar", contents: [0, 1, 2, 255], caption: "Ваша запись")
        let form = document.multipartForm()
        let body = form.encoded()
        let text = String(decoding: body, as: UTF8.self)
        #expect(text.contains("name=\"chat_id\"\r\n\r\n42\r\n"))
        #expect(text.contains("name=\"caption\"\r\n\r\nВаша запись\r\n"))
        #expect(text.contains("name=\"document\"; filename=\"запись %221%22.ics\"\r\nContent-Type: text/calendar\r\n\r\n"))
        #expect(text.hasSuffix("--\(form.boundary)--\r\n"))
        let marker = Array("text/calendar\r\n\r\n".utf8)
        let start = try #require(body.indices.first { body[$0...].starts(with: marker) }) + marker.count
        #expect(Array(body[start..<start + 4]) == [0, 1, 2, 255])
        let request = try HTTPBotAPIClient(httpClient: .shared).makeRequest(document, token: token)
        #expect(request.headers["Content-Type"].first?.hasPrefix("multipart/form-data; boundary=") == true)
    }

    @Test func longPollsGetTenSecondsMore() {
        let client = HTTPBotAPIClient(httpClient: .shared, requestTimeout: .seconds(7))
        #expect(client.timeout(for: GetUpdates(timeout: 25)) == .seconds(35))
        #expect(client.timeout(for: GetUpdates()) == .seconds(7))
        #expect(client.timeout(for: GetMe()) == .seconds(7))
    }

    @Test func successIsDecoded() throws {
        let body = ByteBuffer(string: #"{"ok":true,"result":true}"#)
        #expect(try HTTPBotAPIClient.decode(DeleteMessage.self, status: 200, body: body) == true)
    }

    @Test(arguments: [
        (
            #"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7","parameters":{"retry_after":7}}"#,
            TelegramError.retryAfter(7)
        ),
        // A hostile or broken server's wait is bounded before it reaches a clock.
        (
            #"{"ok":false,"error_code":429,"description":"x","parameters":{"retry_after":9223372036854775807}}"#,
            .retryAfter(3_600)
        ),
        (#"{"ok":false,"error_code":429,"description":"x","parameters":{"retry_after":-5}}"#, .retryAfter(1)),
        (
            #"{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}"#,
            .forbidden("Forbidden: bot was blocked by the user")
        ),
        (#"{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}"#, .badRequest("Bad Request: chat not found")),
        (#"{"ok":false,"error_code":409,"description":"Conflict: x"}"#, .conflict("Conflict: x")),
        (#"{"ok":false,"error_code":401,"description":"Unauthorized"}"#, .unauthorized("Unauthorized")),
    ])
    func errorsBecomeValues(_ json: String, _ expected: TelegramError) {
        #expect(throws: expected) { try HTTPBotAPIClient.decode(SendMessage.self, status: 400, body: ByteBuffer(string: json)) }
    }

    @Test func undecodableBodyIsTransport() {
        let error = #expect(throws: TelegramError.self) {
            try HTTPBotAPIClient.decode(GetMe.self, status: 502, body: ByteBuffer(string: "<html>Bad gateway</html>"))
        }
        guard case .transport = error else {
            Issue.record("expected transport, got \(String(describing: error))")
            return
        }
    }

    @Test func unreachableServerIsTransport() async {
        let client = HTTPBotAPIClient(httpClient: .shared, baseURL: "http://127.0.0.1:1", requestTimeout: .seconds(1))
        do {
            _ = try await client.call(GetMe(), token: token)
            Issue.record("expected a failure")
        } catch {
            guard case .transport(let message) = error else {
                Issue.record("expected transport, got \(error)")
                return
            }
            #expect(!message.contains(token.rawValue))
        }
    }
}
