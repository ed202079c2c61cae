import BookingCore
import Foundation
import HTTPTypes
import Logging
import NIOCore
import Payments
import Storage

/// YooKassa's notifications: stored first, then verified by their source network and by re-reading the payment
/// with GET (only that answer's status, amount, currency and metadata are trusted), then applied idempotently by
/// payment id in one transaction with their settlement.
public struct PaymentNotifications: Sendable {
    let client: YooKassaClient
    let stores: Stores
    let unitOfWork: any UnitOfWork
    let networks: SourceNetworks
    let trustedProxies: SourceNetworks
    let now: @Sendable () -> Date
    let logger: Logger
    /// Test-only: the process kills itself right after storing a notification (the crash drill).
    let crashAfterStore: Bool
    /// Told after a payment was applied (the sales fulfilment provisions a bought tenant at once).
    var applied: @Sendable () -> Void = {}
    /// The stores of the server holding a tenant's payments, and whether that is this handler's own (where the
    /// notifications are kept): then a payment and its notification's settlement commit together.
    let home: @Sendable (TenantID) -> (stores: Stores, unitOfWork: any UnitOfWork, isOwn: Bool)

    /// Creates the handler.
    public init(client: YooKassaClient, dependencies: AppDependencies, configuration: BillingConfiguration) {
        self.client = client
        self.stores = dependencies.stores
        self.unitOfWork = dependencies.unitOfWork
        self.networks = SourceNetworks(configuration.yookassaNetworks)
        self.trustedProxies = SourceNetworks(configuration.trustedProxies)
        self.now = dependencies.now
        self.logger = dependencies.logger
        self.crashAfterStore = configuration.testCrashAfterStore
        self.home = { tenant in
            let server = dependencies.serving(tenant)
            return (server.stores, server.unitOfWork, dependencies.placement.map { $0.map.server(of: tenant) == PostgresServer.primary } ?? true)
        }
    }

    /// How a notification was settled.
    enum Outcome: Equatable {
        /// The payment extended the subscription.
        case applied
        /// Settled before (a duplicate or a replay): nothing changed.
        case duplicate
        /// The payment was canceled.
        case canceled
        /// Refused for good (a forgery or a mismatch): nothing changed.
        case refused(String)
        /// Not settled now (YooKassa unreachable, our payment not stored yet): kept for a later attempt.
        case later(String)

        /// What the stored notification records for an outcome that changed or confirmed a payment.
        var settlement: String {
            switch self {
            case .applied: "applied"
            case .duplicate: "duplicate"
            case .canceled: "canceled"
            case .refused(let why): "refused: " + why
            case .later(let why): "later: " + why
            }
        }
    }

    /// Handles one POST: the HTTP status to answer (200 only once the outcome is committed).
    func receive(body: ByteBuffer, peer: SocketAddress?, forwardedFor: String?) async -> HTTPResponse.Status {
        let source = SourceNetworks.source(peer: peer, forwardedFor: forwardedFor, trustedProxies: trustedProxies)
        let parsed = try? JSONDecoder().decode(YooKassaNotification.self, from: body)
        var notification = StoredNotification(
            externalID: String((parsed?.object.id ?? "").prefix(64)), event: String((parsed?.event ?? "").prefix(64)), source: source,
            body: Array(body.readableBytesView), receivedAt: now())
        do {
            notification.id = try await stores.billing.storeNotification(notification)
        } catch {
            logger.error("cannot store a YooKassa notification", metadata: ["error": "\(error)"])
            return .serviceUnavailable
        }
        if crashAfterStore { kill(getpid(), SIGKILL) }
        guard networks.contains(source) else {
            await settle(notification, .refused("source \(source) is not a YooKassa network"))
            return .forbidden
        }
        guard parsed != nil else {
            await settle(notification, .refused("malformed body"))
            return .badRequest
        }
        switch await process(notification) {
        case .applied:
            applied()
            return .ok
        case .duplicate, .canceled, .refused: return .ok
        case .later: return .serviceUnavailable
        }
    }

    /// Verifies and applies a stored notification whose source was accepted.
    func process(_ notification: StoredNotification) async -> Outcome {
        let outcome: Outcome
        do {
            outcome = try await verifyAndApply(notification)
        } catch {
            outcome = .later("\(error)")
        }
        if case .later(let why) = outcome {
            logger.warning("YooKassa notification kept for later", metadata: ["notification": "\(notification.id)", "why": "\(why)"])
        } else if case .refused = outcome {
            await settle(notification, outcome)
        }
        return outcome
    }

    /// Processes every stored notification not settled yet (after a crash, an outage, or a payment stored late).
    func sweep() async {
        defer { applied() }
        guard let pending = try? await stores.billing.unfinishedNotifications(limit: 100) else { return }
        for notification in pending {
            guard networks.contains(notification.source) else {
                await settle(notification, .refused("source \(notification.source) is not a YooKassa network"))
                continue
            }
            _ = await process(notification)
        }
    }

    private func verifyAndApply(_ notification: StoredNotification) async throws -> Outcome {
        guard YooKassaPayment.isPlausibleID(notification.externalID) else { return .refused("no plausible payment id") }
        let remote: YooKassaPayment
        do {
            remote = try await client.payment(id: notification.externalID)
        } catch YooKassaError.refused(let status, _) {
            return .refused("YooKassa does not know payment \(notification.externalID) (\(status))")
        }
        guard remote.id == notification.externalID else { return .refused("YooKassa answered for another payment") }
        guard let order = remote.metadata?["order_id"], order.utf8.count <= 18, let number = Int64(order), number > 0 else {
            return .refused("not a payment of ours (no order id)")
        }
        guard let tenant = remote.metadata?["tenant"].flatMap(TenantID.init) else { return .refused("no tenant in the metadata") }
        let (stores, unitOfWork, isOwn) = home(tenant)
        guard let record = try await stores.billing.payment(PaymentID(number)) else { return .later("payment \(number) not stored yet") }
        guard tenant == record.tenant else { return .refused("metadata names another tenant") }
        guard record.externalID == nil || record.externalID == remote.id else { return .refused("order \(number) belongs to another payment") }
        guard MoneyAmount(decimal: remote.amount.value)?.minor == record.amount.minor, remote.amount.currency == record.currency else {
            return .refused("amount \(remote.amount.value) \(remote.amount.currency) differs from \(record.amount) \(record.currency)")
        }
        let (at, id) = (now(), notification.id)
        let outcome: Outcome
        switch remote.status {
        case "succeeded":
            outcome = try await unitOfWork.inTransaction { tx in
                if record.externalID == nil { try await tx.stores.billing.setExternalID(remote.id, of: record.id) }
                let applied = try await SubscriptionEffects.apply(record.id, in: tx, at: at, actor: "yookassa") != nil
                let outcome = applied ? Outcome.applied : .duplicate
                if isOwn { _ = try await tx.stores.billing.finishNotification(id, outcome: outcome.settlement, at: at) }
                return outcome
            }
        case "canceled":
            outcome = try await unitOfWork.inTransaction { tx in
                if record.externalID == nil { try await tx.stores.billing.setExternalID(remote.id, of: record.id) }
                _ = try await tx.stores.billing.cancelPayment(record.id)
                if isOwn { _ = try await tx.stores.billing.finishNotification(id, outcome: Outcome.canceled.settlement, at: at) }
                return Outcome.canceled
            }
        default:
            return .refused("YooKassa says the payment is \(String(remote.status.prefix(40)))")
        }
        // On another server the settlement follows the payment's commit; a crash between them leaves the notification
        // to the sweep, which finds the payment applied (a duplicate) and settles it.
        if !isOwn { _ = try await self.stores.billing.finishNotification(id, outcome: outcome.settlement, at: at) }
        return outcome
    }

    private func settle(_ notification: StoredNotification, _ outcome: Outcome) async {
        guard case .refused(let why) = outcome else { return }
        logger.warning(
            "YooKassa notification refused",
            metadata: ["notification": "\(notification.id)", "payment": "\(notification.externalID.prefix(64))", "why": "\(why)"])
        _ = try? await stores.billing.finishNotification(notification.id, outcome: "refused: " + why, at: now())
    }
}
