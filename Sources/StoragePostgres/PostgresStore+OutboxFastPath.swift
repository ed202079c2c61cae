import BookingCore
import Foundation
import PostgresNIO
import Storage

extension PostgresStore: OutboxFastPath {
    public func enqueue(_ entries: [OutboxEntry], tenant: TenantID, now: Date, claim: OutboxClaim) async throws -> [OutboxMessage] {
        try await insert(entries, tenant: tenant, now: now, claim: claim).filter { $0.claimed }.map(\.message)
    }

    /// Inserts `entries` in one statement, in order (unnest takes no NULL elements from PostgresNIO: absent values
    /// travel as 0 or with a flag). With a claim, each claimable row whose chat has nothing ahead
    /// of it is written already claimed (the rows of this statement do not see each other, so an update's replies
    /// to one chat are claimed together).
    func insert(_ entries: [OutboxEntry], tenant: TenantID, now: Date, claim: OutboxClaim?) async throws
        -> [(message: OutboxMessage, claimed: Bool)]
    {
        guard !entries.isEmpty else { return [] }
        let claimable = entries.map { claim != nil && $0.isClaimableAtOnce(now: now) }
        let rows = try await query(
            """
            INSERT INTO zapis.outbox (tenant_id, chat_id, payload, priority, due_at, booking_id, created_at, kind, tag, expires_at,
                claimed_by, lease_until)
            SELECT \(tenant.rawValue), NULLIF(e.chat_id, 0), e.payload, e.priority, e.due_at, NULLIF(e.booking_id, 0), \(now), e.kind,
                CASE WHEN e.has_tag THEN e.tag END, CASE WHEN e.has_expiry THEN e.expires_at END, c.owner, c.lease_until
            FROM unnest(\(entries.map { $0.chatID ?? 0 })::int8[], \(entries.map { ByteBuffer(bytes: $0.payload) })::bytea[],
                    \(entries.map(\.priority.rawValue))::int4[], \(entries.map(\.dueAt))::timestamptz[],
                    \(entries.map { $0.bookingID?.rawValue ?? 0 })::int8[], \(entries.map { Int16($0.kind.rawValue) })::int2[],
                    \(entries.map { $0.tag ?? "" })::text[], \(entries.map { $0.tag != nil })::bool[],
                    \(entries.map { $0.expiresAt ?? now })::timestamptz[], \(entries.map { $0.expiresAt != nil })::bool[],
                    \(claimable)::bool[])
                WITH ORDINALITY AS e(chat_id, payload, priority, due_at, booking_id, kind, tag, has_tag, expires_at, has_expiry, claimable, n)
            LEFT JOIN LATERAL (
                SELECT \(claim?.owner)::text AS owner, \(claim?.leaseUntil)::timestamptz AS lease_until
                WHERE e.claimable AND NOT EXISTS (
                    SELECT 1 FROM zapis.outbox p
                    WHERE p.tenant_id = \(tenant.rawValue) AND p.chat_id = e.chat_id AND p.sent_at IS NULL AND p.failed_at IS NULL
                        AND (p.due_at <= \(now) OR p.attempts > 0 OR p.lease_until >= \(now)))
            ) c ON true
            ORDER BY e.n
            RETURNING *
            """)
        return try rows.map { row in
            (try Self.outboxMessage(row), try row.makeRandomAccess().get("claimed_by", as: String?.self) != nil)
        }.sorted { $0.message.id < $1.message.id }
    }

    public func mark(sent: [Int64], attempted: [Int64], owner: String, at: Date) async throws -> Set<Int64> {
        guard !sent.isEmpty || !attempted.isEmpty else { return [] }
        let rows = try await query(
            """
            WITH sent AS (UPDATE zapis.outbox SET sent_at = \(at), lease_until = NULL WHERE id = ANY(\(sent)::int8[]))
            UPDATE zapis.outbox SET attempted_at = \(at)
            WHERE id = ANY(\(attempted)::int8[]) AND claimed_by = \(owner) AND sent_at IS NULL AND failed_at IS NULL
            RETURNING id
            """)
        return Set(try rows.map { try $0.decode(Int64.self) })
    }
}
