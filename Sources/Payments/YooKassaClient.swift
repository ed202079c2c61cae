import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat

/// Why a YooKassa call failed.
public enum YooKassaError: Error, Equatable, CustomStringConvertible {
    /// YooKassa refused the request (4xx): fix it and send it with a new idempotence key.
    case refused(status: Int, body: String)
    /// YooKassa failed (5xx) or did not answer in time, on every attempt with the same key.
    case unavailable(String)
    /// The answer is not what the API documents.
    case malformed(String)

    public var description: String {
        switch self {
        case .refused(let status, let body): "YooKassa refused the request (\(status)): \(body.prefix(300))"
        case .unavailable(let why): "YooKassa is unavailable: \(why)"
        case .malformed(let why): "YooKassa's answer is malformed: \(why)"
        }
    }
}

/// YooKassa's API over AsyncHTTPClient: HTTP Basic `shopId:secretKey`, an `Idempotence-Key` on every POST, repeated
/// with the same key after a 5xx or a timeout.
public struct YooKassaClient: Sendable {
    let httpClient: HTTPClient
    /// e.g. `https://api.yookassa.ru/v3/`.
    let baseURL: String
    let authorization: String
    let timeout: TimeAmount
    /// Attempts of one POST (the same key each time).
    let attempts: Int
    /// Pause before the next attempt (doubled each time).
    let backoff: Duration

    /// Creates a client.
    public init(
        httpClient: HTTPClient, baseURL: String, shopID: String, secretKey: String, timeout: TimeAmount = .seconds(15), attempts: Int = 3,
        backoff: Duration = .milliseconds(300)
    ) {
        self.httpClient = httpClient
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.authorization = "Basic " + Data("\(shopID):\(secretKey)".utf8).base64EncodedString()
        self.timeout = timeout
        self.attempts = max(1, min(attempts, 10))
        self.backoff = backoff
    }

    /// Creates a payment; `idempotenceKey` (≤ 64 characters) makes a repeat return the first result.
    public func createPayment(_ body: YooKassaCreatePayment, idempotenceKey: String) async throws -> YooKassaPayment {
        let data = try JSONEncoder().encode(body)
        var lastFailure = "no attempt"
        for attempt in 0..<attempts {
            if attempt > 0 { try await Task.sleep(for: backoff * (1 << (attempt - 1))) }
            var request = HTTPClientRequest(url: baseURL + "payments")
            request.method = .POST
            request.headers.add(name: "Authorization", value: authorization)
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "Idempotence-Key", value: idempotenceKey)
            request.body = .bytes(ByteBuffer(data: data))
            do {
                return try decode(try await send(request))
            } catch let failure as Retryable {
                lastFailure = failure.why
            }
        }
        throw YooKassaError.unavailable(lastFailure)
    }

    /// The payment as YooKassa knows it now (`GET /v3/payments/{id}`).
    public func payment(id: String) async throws -> YooKassaPayment {
        guard YooKassaPayment.isPlausibleID(id) else { throw YooKassaError.malformed("payment id \(id.prefix(70).debugDescription)") }
        var request = HTTPClientRequest(url: baseURL + "payments/" + id)
        request.headers.add(name: "Authorization", value: authorization)
        do {
            return try decode(try await send(request))
        } catch let failure as Retryable {
            throw YooKassaError.unavailable(failure.why)
        }
    }

    private struct Retryable: Error { let why: String }

    /// Sends one request: the body of a 2xx, `refused` for a 4xx, `Retryable` for a 5xx, a timeout or a transport error.
    private func send(_ request: HTTPClientRequest) async throws -> ByteBuffer {
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await httpClient.execute(request, timeout: timeout)
            body = try await response.body.collect(upTo: 1 << 20)
        } catch {
            throw Retryable(why: "\(error)")
        }
        switch response.status.code {
        case 200..<300: return body
        case 400..<500: throw YooKassaError.refused(status: Int(response.status.code), body: String(buffer: body))
        default: throw Retryable(why: "HTTP \(response.status.code)")
        }
    }

    private func decode(_ body: ByteBuffer) throws -> YooKassaPayment {
        do {
            return try JSONDecoder().decode(YooKassaPayment.self, from: body)
        } catch {
            throw YooKassaError.malformed("\(error)")
        }
    }
}
