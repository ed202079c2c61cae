import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat

/// The live `BotAPIClient`: POSTs each method to `{baseURL}/bot{token}/{method}` over AsyncHTTPClient.
public struct HTTPBotAPIClient: BotAPIClient {
    /// The shared HTTP client; its lifetime belongs to the caller.
    public let httpClient: HTTPClient
    /// The Bot API server, e.g. "https://api.telegram.org" or a sandbox's base URL (no trailing slash).
    public let baseURL: String
    /// Time allowed for one request; getUpdates gets its long-poll timeout added on top.
    public var requestTimeout: Duration
    /// Largest response body accepted.
    public var maxResponseBytes: Int

    /// Creates a client for any Bot-API-compatible server.
    public init(
        httpClient: HTTPClient, baseURL: String = "https://api.telegram.org", requestTimeout: Duration = .seconds(30),
        maxResponseBytes: Int = 16 << 20
    ) {
        self.httpClient = httpClient
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.requestTimeout = requestTimeout
        self.maxResponseBytes = maxResponseBytes
    }

    /// Calls `method` as the bot with `token`; every failure arrives as a `TelegramError`.
    public func call<M: BotMethod>(_ method: M, token: BotToken) async throws(TelegramError) -> M.Response {
        try await call(method, token: token, result: M.Response.self)
    }

    /// Calls `method` for its effect: the result (a whole Message for sends) is not decoded, which is most of the
    /// work of reading a response.
    public func send<M: BotMethod>(_ method: M, token: BotToken) async throws(TelegramError) {
        _ = try await call(method, token: token, result: Skipped.self)
    }

    /// Calls the method named `method` with a JSON body encoded before (an outbox row's), for its effect only.
    public func send(_ method: String, json: [UInt8], token: BotToken) async throws(TelegramError) {
        var request = HTTPClientRequest(url: "\(baseURL)/bot\(token.rawValue)/\(method)")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: json))
        let (status, body) = try await execute(request, name: method, timeout: requestTimeout)
        _ = try Self.decode(method, as: Skipped.self, status: status, body: body)
    }

    private func call<M: BotMethod, R: Decodable & Sendable>(_ method: M, token: BotToken, result: R.Type) async throws(TelegramError) -> R {
        let request: HTTPClientRequest
        do {
            request = try makeRequest(method, token: token)
        } catch {
            throw .transport("\(M.name): cannot encode the request: \(error)")
        }
        let (status, body) = try await execute(request, name: M.name, timeout: timeout(for: method))
        return try Self.decode(M.name, as: R.self, status: status, body: body)
    }

    private func execute(_ request: HTTPClientRequest, name: String, timeout: Duration) async throws(TelegramError) -> (UInt, ByteBuffer) {
        do {
            let response = try await httpClient.execute(request, timeout: .init(timeout))
            return (response.status.code, try await response.body.collect(upTo: maxResponseBytes))
        } catch {
            // AsyncHTTPClient's errors name the host at most, never the path with the token.
            throw .transport("\(name): \(error)")
        }
    }

    /// Builds the HTTP request: JSON for every method, multipart/form-data for uploads.
    func makeRequest<M: BotMethod>(_ method: M, token: BotToken) throws -> HTTPClientRequest {
        var request = HTTPClientRequest(url: "\(baseURL)/bot\(token.rawValue)/\(M.name)")
        request.method = .POST
        if let upload = method as? any MultipartBotMethod {
            let form = upload.multipartForm()
            request.headers.add(name: "Content-Type", value: form.contentType)
            request.body = .bytes(ByteBuffer(bytes: form.encoded()))
        } else {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(data: try JSONEncoder().encode(method)))
        }
        return request
    }

    /// The per-request timeout: long polls need their own timeout plus a margin.
    func timeout<M: BotMethod>(for method: M) -> Duration {
        if let poll = method as? GetUpdates, let seconds = poll.timeout, seconds > 0 {
            return .seconds(seconds) + .seconds(10)
        }
        return requestTimeout
    }

    /// Decodes the envelope and turns `ok: false` into a `TelegramError`.
    static func decode<M: BotMethod>(_: M.Type, status: UInt, body: ByteBuffer) throws(TelegramError) -> M.Response {
        try decode(M.name, as: M.Response.self, status: status, body: body)
    }

    /// Decodes the envelope with the result as `R` and turns `ok: false` into a `TelegramError`. A result that is
    /// not looked at is not read either: Telegram answers HTTP 200 exactly when `ok` is true.
    static func decode<R: Decodable & Sendable>(_ name: String, as: R.Type, status: UInt, body: ByteBuffer) throws(TelegramError) -> R {
        if status == 200, R.self == Skipped.self, let skipped = Skipped() as? R { return skipped }
        let envelope: APIResponse<R>
        do {
            envelope = try JSONDecoder().decode(APIResponse<R>.self, from: body)
        } catch {
            throw .transport("\(name): undecodable response (HTTP \(status)): \(error)")
        }
        if envelope.ok, let result = envelope.result {
            return result
        }
        if envelope.ok {
            throw .transport("\(name): response without a result (HTTP \(status))")
        }
        throw TelegramError.from(
            code: envelope.errorCode ?? Int(status), description: envelope.description ?? "HTTP \(status)",
            parameters: envelope.parameters)
    }
}

/// Any result, not looked at.
struct Skipped: Decodable, Sendable {
    init() {}
    init(from decoder: any Decoder) throws {}
}
