import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// Runs the built `zapis demo` as a person would and books through the chat page's HTTP API.
@Suite("zapis demo", .serialized)
struct DemoCommandTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func binary() throws -> URL {
        let candidates = [".build/debug/zapis", ".build/x86_64-unknown-linux-gnu/debug/zapis", ".build/aarch64-unknown-linux-gnu/debug/zapis"]
        let found = candidates.map { packageRoot.appendingPathComponent($0) }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
        return try #require(found, "build the executable first (scripts/test runs `swift build`)")
    }

    @Test func demoBooksThroughTheChatPageAPI() async throws {
        let process = Process()
        process.executableURL = try Self.binary()
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("zapis-demo-\(UUID().uuidString).sqlite").path
        process.arguments = ["demo", "--port", "0", "--sandbox-port", "0", "--database", database]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        // Read the banner until the chat page line appears.
        var banner = ""
        let handle = output.fileHandleForReading
        while !banner.contains("Chat page: ") || !banner.hasSuffix("\n") {
            let chunk = handle.availableData
            guard !chunk.isEmpty else { break }
            banner += String(decoding: chunk, as: UTF8.self)
        }
        let line = try #require(banner.split(separator: "\n").first { $0.hasPrefix("Chat page: ") })
        let chatURL = try #require(URL(string: String(line.dropFirst("Chat page: ".count))))
        let base = "\(chatURL.scheme!)://\(chatURL.host!):\(chatURL.port!)"
        let api = "\(base)/sandbox/api/bots/demo_salon_bot/chats/1001"

        let page = try await HTTPClient.shared.execute(HTTPClientRequest(url: chatURL.absoluteString), timeout: .seconds(10))
        #expect(page.status == .ok)
        let token = try #require(URLComponents(url: chatURL, resolvingAgainstBaseURL: false)?.queryItems?.first { $0.name == "token" }?.value)
        #expect(token.count >= 32)

        // Without the per-run token (a web page of another site) or with a wrong one, the people API refuses.
        for wrong in [nil, "wrong"] {
            var request = HTTPClientRequest(url: "\(api)/send")
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            if let wrong { request.headers.add(name: "X-Sandbox-Token", value: wrong) }
            request.body = .bytes(ByteBuffer(string: #"{"text": "/start"}"#))
            let refused = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            #expect(refused.status == .unauthorized)
            #expect(refused.headers["Access-Control-Allow-Origin"].isEmpty)
            let transcript = try await HTTPClient.shared.execute(HTTPClientRequest(url: "\(api)/transcript"), timeout: .seconds(10))
            #expect(transcript.status == .unauthorized)
        }

        let client = ChatAPI(base: api, token: token)
        try await client.send("/start")
        _ = try await client.waitFor { $0.contains { ($0["text"] as? String)?.contains("Здравствуйте") == true } }
        try await client.send("📅 Записаться")
        let services = try await client.waitFor { $0.contains { (($0["text"] as? String)?.hasPrefix("Выберите услугу:") == true) } }
        let service = try #require(ChatAPI.buttons(services).first { $0.hasPrefix("Женская стрижка") })
        try await client.press(service)
        let calendar = try await client.waitFor { $0.contains { ($0["text"] as? String)?.hasSuffix("Выберите день:") == true } }
        var day = ChatAPI.buttons(calendar, dataPrefix: "d:").first
        if day == nil {
            try await client.press("›")
            let next = try await client.waitFor { !ChatAPI.buttons($0, dataPrefix: "d:").isEmpty }
            day = ChatAPI.buttons(next, dataPrefix: "d:").first
        }
        try await client.press(try #require(day))
        let slots = try await client.waitFor { !ChatAPI.buttons($0, dataPrefix: "t:").isEmpty }
        try await client.press(try #require(ChatAPI.buttons(slots, dataPrefix: "t:").first))
        _ = try await client.waitFor { $0.contains { ($0["text"] as? String)?.hasPrefix("Проверьте запись") == true } }
        try await client.press("✅ Подтвердить")
        _ = try await client.waitFor { $0.contains { ($0["text"] as? String)?.hasPrefix("✅ Вы записаны!") == true } }
    }
}

/// The chat page's JSON API, as the page's script uses it.
struct ChatAPI {
    let base: String
    /// The per-run token of the people API (`X-Sandbox-Token`).
    var token: String?

    func send(_ text: String) async throws {
        try await post("send", ["text": text, "first_name": "Гость", "language_code": "ru"])
    }

    func press(_ text: String) async throws { try await post("press", ["text": text]) }

    private func post(_ action: String, _ body: [String: String]) async throws {
        var request = HTTPClientRequest(url: "\(base)/\(action)")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let token { request.headers.add(name: "X-Sandbox-Token", value: token) }
        request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        #expect(response.status == .ok, "\(action) \(body)")
    }

    func messages() async throws -> [[String: Any]] {
        var request = HTTPClientRequest(url: "\(base)/transcript")
        if let token { request.headers.add(name: "X-Sandbox-Token", value: token) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 22)
        let json = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]
        return json?["messages"] as? [[String: Any]] ?? []
    }

    /// Polls the transcript the way the chat page does until `condition` holds (10 s at most).
    func waitFor(_ condition: ([[String: Any]]) -> Bool) async throws -> [[String: Any]] {
        let deadline = ContinuousClock.now.advanced(by: .seconds(10))
        while ContinuousClock.now < deadline {
            let messages = try await messages()
            if condition(messages) { return messages }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("timed out waiting for the transcript")
        throw CancellationError()
    }

    /// Button texts of the latest bot message with an inline keyboard, optionally filtered by callback data prefix.
    static func buttons(_ messages: [[String: Any]], dataPrefix: String? = nil) -> [String] {
        guard let keyboard = messages.last(where: { $0["inline_keyboard"] is [[Any]] })?["inline_keyboard"] as? [[[String: Any]]] else { return [] }
        return keyboard.flatMap { $0 }.filter { button in
            guard let dataPrefix else { return true }
            return (button["callback_data"] as? String)?.hasPrefix(dataPrefix) == true
        }.compactMap { $0["text"] as? String }
    }
}
