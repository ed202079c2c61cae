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

/// The sender's fast path, part of every `OutboxStore`: rows claimed as they are written, and send marks written in
/// batches.
///
/// The defaults keep every store correct with no extra work (nothing claimed at once, one write per mark); a store
/// where a round trip is costly (PostgreSQL, SQLite) implements each in one statement.
extension OutboxStore {
    /// Adds entries like `enqueue`; claims nothing (the sender's next claim takes them).
    public func enqueue(_ entries: [OutboxEntry], tenant: TenantID, now: Date, claim: OutboxClaim) async throws -> [OutboxMessage] {
        try await enqueue(entries, tenant: tenant, now: now)
        return []
    }

    /// One write per mark.
    public func mark(sent: [Int64], attempted: [Int64], owner: String, at: Date) async throws -> Set<Int64> {
        for id in sent { try await markSent(id, at: at) }
        var held: Set<Int64> = []
        for id in attempted where try await markAttempted(id, owner: owner, at: at) { held.insert(id) }
        return held
    }
}
