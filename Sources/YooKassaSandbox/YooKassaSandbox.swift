import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Payments
import ServiceLifecycle
import Synchronization

/// A local fake of YooKassa for tests and `zapis demo`: `POST /v3/payments` (HTTP Basic, `Idempotence-Key`),
/// `GET /v3/payments/{id}`, a confirmation page `/pay/{id}` with Pay and Cancel, and notifications POSTed to the
/// configured URL. Tests can make it send forged, duplicated, out-of-order or mismatched notifications (see the
/// control methods), and fail creations with 500 to check the client's retries.
public final class YooKassaSandbox: Service, Sendable {
    let store: YooKassaSandboxStore
    let host: String
    let requestedPort: Int
    /// Where notifications go (our `/yookassa/notifications`); settable once the service's port is known.
    private let notificationTarget = Mutex<String?>(nil)
    /// The `X-Forwarded-For` notifications carry (as a reverse proxy in front of the service would add); nil: none.
    private let forwardedFor = Mutex<String?>(nil)
    private let boundPort = BoundPort()
    private let started: AsyncStream<Int>
    private let startedSink: AsyncStream<Int>.Continuation
    let httpClient: HTTPClient
    let logger: Logger

    /// Creates a sandbox for one shop.
    public init(shopID: String = "sandbox-shop", secretKey: String = "test_sandbox_secret", host: String = "127.0.0.1", port: Int = 0, httpClient: HTTPClient = .shared, logger: Logger) {
        self.store = YooKassaSandboxStore(shopID: shopID, secretKey: secretKey)
        self.host = host
        self.requestedPort = port
        self.httpClient = httpClient
        self.logger = logger
        (started, startedSink) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// The shop id it accepts.
    public var shopID: String { store.shopID }
    /// The secret key it accepts.
    public var secretKey: String { store.secretKey }

    /// Serves HTTP until graceful shutdown or cancellation.
    public func run() async throws {
        let router = Router()
        YooKassaSandboxRoutes(sandbox: self).register(on: router)
        let app = Application(
            router: router, configuration: .init(address: .hostname(host, port: requestedPort), serverName: nil),
            onServerRunning: { [boundPort, startedSink] channel in
                let bound = channel.localAddress?.port ?? 0
                boundPort.value.withLock { $0 = bound }
                startedSink.yield(bound)
            }, logger: logger)
        try await app.run()
    }

    /// Waits until it listens; returns the port.
    @discardableResult
    public func waitUntilRunning() async throws -> Int {
        if let bound = boundPort.value.withLock({ $0 }) { return bound }
        for await bound in started { return bound }
        throw CancellationError()
    }

    /// "http://host:port/v3/", the API base for `YooKassaClient`.
    public var apiURL: String { "\(baseURL)/v3/" }

    /// "http://host:port".
    public var baseURL: String { "http://\(host):\(boundPort.value.withLock { $0 } ?? 0)" }

    /// Sends notifications to `url` from now on.
    public func setNotificationURL(_ url: String) { notificationTarget.withLock { $0 = url } }

    /// Notifications carry `X-Forwarded-For: address` (as the proxy in front of the service would add), or none.
    public func setForwardedFor(_ address: String?) { forwardedFor.withLock { $0 = address } }

    /// Every payment, by id.
    public func payments() -> [YooKassaPayment] { store.state.withLock { Array($0.payments.values) }.sorted { $0.id < $1.id } }

    /// One payment.
    public func payment(_ id: String) -> YooKassaPayment? { store.state.withLock { $0.payments[id] } }

    /// The API requests received so far.
    public func requests() -> [YooKassaSandboxRequest] { store.state.withLock { $0.requests } }

    /// The next `count` creations do their work and then answer 500 (a lost answer: the client must repeat the key).
    public func failNextCreates(_ count: Int) { store.state.withLock { $0.failNextCreates = count } }

    /// Changes a stored payment as YooKassa would then report it (a mismatched amount, another tenant's metadata…).
    public func tamper(_ id: String, _ change: @Sendable (inout YooKassaPayment) -> Void) {
        store.state.withLock { state in
            guard var payment = state.payments[id] else { return }
            change(&payment)
            state.payments[id] = payment
        }
    }

    /// The buyer pays (or cancels): the status changes and, with `notify`, one notification is sent. Returns the
    /// notification's HTTP status (nil when none was sent or it failed to arrive).
    /// With `redeliveries`, a notification not answered 200 is sent again (as YooKassa does), up to that many times.
    @discardableResult
    public func complete(_ id: String, pay: Bool, notify: Bool = true, redeliveries: Int = 0) async -> Int? {
        let changed: YooKassaPayment? = store.state.withLock { state in
            guard var payment = state.payments[id], payment.status == "pending" else { return nil }
            payment.status = pay ? "succeeded" : "canceled"
            payment.paid = pay
            payment.confirmation = nil
            state.payments[id] = payment
            return payment
        }
        guard let changed, notify else { return nil }
        var status: Int?
        for attempt in 0...max(0, redeliveries) {
            if attempt > 0 { try? await Task.sleep(for: .milliseconds(200)) }
            status = await self.notify(event: pay ? "payment.succeeded" : "payment.canceled", paymentID: changed.id, claimedStatus: changed.status)
            if status == 200 { break }
        }
        return status
    }

    /// Sends one notification about `paymentID` claiming `claimedStatus` (whatever the truth: a forgery, a replay or
    /// an out-of-order one), through the configured forwarding. Returns the HTTP status, nil when it did not arrive.
    @discardableResult
    public func notify(event: String, paymentID: String, claimedStatus: String, forwardedFor override: String?? = .none) async -> Int? {
        let body = YooKassaNotification(event: event, object: .init(id: paymentID, status: claimedStatus))
        return await post(Data((try? JSONEncoder().encode(body)) ?? Data()), forwardedFor: override ?? forwardedFor.withLock { $0 })
    }

    /// POSTs raw bytes to the notification URL (malformed bodies for hostile-input tests).
    public func post(_ body: Data, forwardedFor: String?) async -> Int? {
        guard let url = notificationTarget.withLock({ $0 }) else { return nil }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let forwardedFor { request.headers.add(name: "X-Forwarded-For", value: forwardedFor) }
        request.body = .bytes(ByteBuffer(data: body))
        do {
            let response = try await httpClient.execute(request, timeout: .seconds(30))
            _ = try? await response.body.collect(upTo: 1 << 16)
            return Int(response.status.code)
        } catch {
            logger.warning("notification not delivered", metadata: ["error": "\(error)"])
            return nil
        }
    }
}

/// The port the server bound, once it runs.
final class BoundPort: Sendable {
    let value = Mutex<Int?>(nil)
}
