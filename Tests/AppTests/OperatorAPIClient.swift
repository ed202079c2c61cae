import AsyncHTTPClient
import Foundation
import NIOCore

/// Calls the operator API of a running service over HTTP, as an operator's script would.
struct OperatorAPIClient {
    let port: Int
    var bearer: String?

    struct Reply {
        let status: Int
        let contentType: String
        let headers: [String: String]
        let body: String

        /// The body as a JSON object (empty when it is none).
        var json: [String: Any] { ((try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any]) ?? [:] }
        /// Whether it is an RFC 9457 problem with this status.
        func isProblem(_ status: Int) -> Bool {
            self.status == status && contentType == "application/problem+json" && json["status"] as? Int == status
                && json["type"] is String && json["title"] is String && json["detail"] is String
        }
    }

    /// The HTTP methods the API uses.
    enum Method: String { case GET, POST, PATCH }

    func call(_ method: Method, _ path: String, body: String? = nil, bearer override: String?? = nil) async throws -> Reply {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/api/v1\(path)")
        request.method = .init(rawValue: method.rawValue)
        if let token = override ?? bearer { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(15))
        let bytes = try await response.body.collect(upTo: 4 << 20)
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        return Reply(
            status: Int(response.status.code), contentType: response.headers.first(name: "content-type") ?? "", headers: headers,
            body: String(buffer: bytes))
    }

    /// `/metrics` of the same service.
    func metrics() async throws -> String {
        let response = try await HTTPClient.shared.execute(
            HTTPClientRequest(url: "http://127.0.0.1:\(port)/metrics"), timeout: .seconds(15))
        return String(buffer: try await response.body.collect(upTo: 4 << 20))
    }

    func get(_ path: String) async throws -> Reply { try await call(.GET, path) }
    func post(_ path: String, _ body: String) async throws -> Reply { try await call(.POST, path, body: body) }
    func patch(_ path: String, _ body: String) async throws -> Reply { try await call(.PATCH, path, body: body) }

    /// Polls `condition` every 100 ms until it holds (true) or `timeout` passes (false).
    static func waitUntil(timeout: Duration, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try await condition()
    }
}
