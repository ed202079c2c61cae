import BookingCore
import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    public func enqueue(_ entries: [OutboxEntry], tenant: TenantID, now: Date, claim: OutboxClaim) async throws -> [OutboxMessage] {
        try await insert(entries, tenant: tenant, now: now, claim: claim).filter(\.claimed).map(\.message)
    }

    /// Inserts `entries` in one prepared statement, in order (see `InsertOutboxStatement`). The rows of one statement
    /// do not see each other, so an update's replies to one chat are claimed together.
    func insert(_ entries: [OutboxEntry], tenant: TenantID, now: Date, claim: OutboxClaim?) async throws
        -> [(message: OutboxMessage, claimed: Bool)]
    {
        guard !entries.isEmpty else { return [] }
        let rows = try await execute(InsertOutboxStatement(tenant: tenant.rawValue, now: now, entries: entries, claim: claim))
        return rows.sorted { $0.message.id < $1.message.id }
    }

    public func mark(sent: [Int64], attempted: [Int64], owner: String, at: Date) async throws -> Set<Int64> {
        guard !sent.isEmpty || !attempted.isEmpty else { return [] }
        return Set(try await execute(MarkOutboxStatement(at: at, sent: sent, attempted: attempted, owner: owner)))
    }
}
