import BookingCore
import Foundation

/// A claim taken while rows are written: the writer's own sender sends them straight away, with no claim query.
public struct OutboxClaim: Hashable, Sendable {
    /// The sender instance that holds the rows.
    public var owner: String
    /// Until when; after that the rows return to the queue like any expired claim.
    public var leaseUntil: Date

    /// Creates a claim.
    public init(owner: String, leaseUntil: Date) {
        self.owner = owner
        self.leaseUntil = leaseUntil
    }
}

extension OutboxEntry {
    /// True for rows a writer may claim as it writes them: calls due now that are not bulk.
    public func isClaimableAtOnce(now: Date) -> Bool {
        kind == .call && priority != .bulk && dueAt <= now
    }
}

/// The sender's fast path: rows claimed as they are written, and send marks written in batches.
///
/// The defaults keep every store correct with no extra work (nothing claimed at once, one write per mark); a store
/// where a round trip is costly (PostgreSQL) does each in one statement.
public protocol OutboxFastPath: Sendable {
    /// Adds entries like `enqueue` and claims for `claim` those due now whose chat has nothing ahead of them (no
    /// earlier unsent row that is due, retried or leased). Returns the claimed rows, in order: the caller sends them.
    func enqueue(_ entries: [OutboxEntry], tenant: TenantID, now: Date, claim: OutboxClaim) async throws -> [OutboxMessage]
    /// Marks rows sent and rows about to be sent (as `markSent` and `markAttempted` do, one by one) and returns
    /// the ids of `attempted` that `owner` still held.
    func mark(sent: [Int64], attempted: [Int64], owner: String, at: Date) async throws -> Set<Int64>
}

extension OutboxStore {
    /// One write per mark.
    public func markEach(sent: [Int64], attempted: [Int64], owner: String, at: Date) async throws -> Set<Int64> {
        for id in sent { try await markSent(id, at: at) }
        var held: Set<Int64> = []
        for id in attempted where try await markAttempted(id, owner: owner, at: at) { held.insert(id) }
        return held
    }
}
