import BookingCore
import Foundation

/// How the outbox rows of one tag (one broadcast) are doing.
public struct BroadcastCounts: Hashable, Sendable {
    /// Rows enqueued with the tag.
    public var total: Int
    /// Accepted by Telegram.
    public var sent: Int
    /// Given up for any reason but a block (bad request, repeated transport errors, …).
    public var failed: Int
    /// Given up because the user blocked the bot (403).
    public var blocked: Int
    /// Neither sent nor given up yet.
    public var pending: Int

    /// Creates counts.
    public init(total: Int = 0, sent: Int = 0, failed: Int = 0, blocked: Int = 0, pending: Int = 0) {
        self.total = total
        self.sent = sent
        self.failed = failed
        self.blocked = blocked
        self.pending = pending
    }

    /// True when nothing is left to send.
    public var isFinished: Bool { pending == 0 }
}

/// Progress of tagged outbox rows, read by the admin side (broadcast status). Scoped to one tenant, so a forged
/// tag of another tenant reads as empty.
public protocol BroadcastLog: Sendable {
    /// Counts of the rows of `tenant` enqueued with `tag`.
    func broadcastCounts(tag: String, tenant: TenantID) async throws -> BroadcastCounts
}
