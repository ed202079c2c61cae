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
        let (status, body) = try await post(method, token: token)
        return try Self.decode(M.self, status: status, body: body)
    }

    /// Calls `method` for its effect: a success's result (a whole Message for sends) is not read at all, which was
    /// most of the work of a response; a failure is decoded for its error.
    public func send<M: BotMethod>(_ method: M, token: BotToken) async throws(TelegramError) {
        let (status, body) = try await post(method, token: token)
        try Self.requireSuccess(M.name, status: status, body: body)
    }

    /// Calls the method named `method` with a JSON body encoded before (an outbox row's), for its effect only.
    public func send(_ method: String, json: [UInt8], token: BotToken) async throws(TelegramError) {
        let request = jsonRequest(method, body: ByteBuffer(bytes: json), token: token)
        let (status, body) = try await execute(request, name: method, timeout: requestTimeout)
        try Self.requireSuccess(method, status: status, body: body)
    }

    private func post<M: BotMethod>(_ method: M, token: BotToken) async throws(TelegramError) -> (UInt, ByteBuffer) {
        let request: HTTPClientRequest
        do {
            request = try makeRequest(method, token: token)
        } catch {
            throw .transport("\(M.name): cannot encode the request: \(error)")
        }
        return try await execute(request, name: M.name, timeout: timeout(for: method))
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
        guard let upload = method as? any MultipartBotMethod else {
            return jsonRequest(M.name, body: ByteBuffer(data: try JSONEncoder().encode(method)), token: token)
        }
        let form = upload.multipartForm()
        var request = HTTPClientRequest(url: "\(baseURL)/bot\(token.rawValue)/\(M.name)")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: form.contentType)
        request.body = .bytes(ByteBuffer(bytes: form.encoded()))
        return request
    }

    private func jsonRequest(_ name: String, body: ByteBuffer, token: BotToken) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: "\(baseURL)/bot\(token.rawValue)/\(name)")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(body)
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

    /// Returns on a success without reading the body (Telegram answers HTTP 200 exactly when `ok` is true);
    /// otherwise throws the error the body describes.
    static func requireSuccess(_ name: String, status: UInt, body: ByteBuffer) throws(TelegramError) {
        guard status != 200 else { return }
        _ = try decode(name, as: Skipped.self, status: status, body: body)
    }

    /// Decodes the envelope with the result as `R` and turns `ok: false` into a `TelegramError`.
    static func decode<R: Decodable & Sendable>(_ name: String, as: R.Type, status: UInt, body: ByteBuffer) throws(TelegramError) -> R {
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
    init(from decoder: any Decoder) throws {}
}
