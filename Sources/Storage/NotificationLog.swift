import BookingCore
import Foundation

/// A YooKassa notification as received (platform table `yookassa_notifications`): stored before anything else, so
/// a crash before it is processed loses nothing.
public struct StoredNotification: Hashable, Sendable {
    /// Increasing id (0 before it is stored).
    public var id: Int64
    /// The payment id the notification names (unverified; "" when the body had none).
    public var externalID: String
    /// The claimed event.
    public var event: String
    /// The source address it came from (after the trusted proxy).
    public var source: String
    /// The body as received (at most 64 KiB).
    public var body: [UInt8]
    /// When it arrived.
    public var receivedAt: Date
    /// When it was settled (applied, a duplicate or refused); nil: still to process.
    public var finishedAt: Date?
    /// How it was settled, e.g. `applied`, `duplicate`, `refused: source`.
    public var outcome: String?

    /// Creates a notification.
    public init(
        id: Int64 = 0, externalID: String, event: String, source: String, body: [UInt8], receivedAt: Date, finishedAt: Date? = nil,
        outcome: String? = nil
    ) {
        self.id = id
        self.externalID = externalID
        self.event = event
        self.source = source
        self.body = body
        self.receivedAt = receivedAt
        self.finishedAt = finishedAt
        self.outcome = outcome
    }
}

/// The stored YooKassa notifications.
public protocol NotificationLog: Sendable {
    /// Stores a received notification; returns its id.
    func storeNotification(_ notification: StoredNotification) async throws -> Int64
    /// Settles a notification with `outcome` (inside the transaction of its effect); false when it was settled before.
    func finishNotification(_ id: Int64, outcome: String, at: Date) async throws -> Bool
    /// Notifications not settled yet (a crash, an unreachable YooKassa, a payment not stored yet), oldest first.
    func unfinishedNotifications(limit: Int) async throws -> [StoredNotification]
    /// Every notification, newest first, at most `limit`.
    func notifications(limit: Int) async throws -> [StoredNotification]
    /// Records that the warning `days` before `paidUntil` of `tenant` is being sent; false when it was before (on
    /// any instance). Call it in the transaction that enqueues the warning.
    func claimExpiryNotice(tenant: TenantID, paidUntil: Date, days: Int, at: Date) async throws -> Bool
}
