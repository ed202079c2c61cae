import Foundation
import PostgresNIO
import Storage

/// Inserts outbox rows from parallel arrays, in order; with a claim, each claimable row whose chat has nothing
/// ahead of it is written already claimed. PostgresNIO binds no NULL array elements: absent values travel as 0 or
/// with a flag.
struct InsertOutboxStatement: PostgresPreparedStatement {
    static let sql = """
        INSERT INTO zapis.outbox (tenant_id, chat_id, payload, priority, due_at, booking_id, created_at, kind, tag, expires_at,
            claimed_by, lease_until)
        SELECT $1, NULLIF(e.chat_id, 0), e.payload, e.priority, e.due_at, NULLIF(e.booking_id, 0), $2, e.kind,
            CASE WHEN e.has_tag THEN e.tag END, CASE WHEN e.has_expiry THEN e.expires_at END,
            CASE WHEN e.free THEN $14::text END, CASE WHEN e.free THEN $15::timestamptz END
        FROM (
            SELECT u.*, u.claimable AND (
                -- A correlated LIMIT 1 lookup stays an index probe per row in the generic plan (NOT EXISTS may become
                -- an anti join over the whole outbox).
                SELECT p.id FROM zapis.outbox p
                WHERE p.tenant_id = $1 AND p.chat_id = u.chat_id AND p.sent_at IS NULL AND p.failed_at IS NULL
                    AND (p.due_at <= $2 OR p.attempts > 0 OR p.lease_until >= $2)
                LIMIT 1) IS NULL AS free
            FROM unnest($3::int8[], $4::bytea[], $5::int4[], $6::timestamptz[], $7::int8[], $8::int2[], $9::text[], $10::bool[],
                    $11::timestamptz[], $12::bool[], $13::bool[])
                WITH ORDINALITY AS u(chat_id, payload, priority, due_at, booking_id, kind, tag, has_tag, expires_at, has_expiry, claimable, n)
            OFFSET 0  -- evaluated once per row, not once per use of `free`
        ) e
        ORDER BY e.n
        RETURNING *
        """
    typealias Row = (message: OutboxMessage, claimed: Bool)

    var tenant: String
    var now: Date
    var entries: [OutboxEntry]
    var claim: OutboxClaim?

    func makeBindings() throws -> PostgresBindings {
        var b = PostgresBindings(capacity: 15)
        b.append(tenant)
        b.append(now)
        b.append(entries.map { $0.chatID ?? 0 })
        b.append(entries.map { ByteBuffer(bytes: $0.payload) })
        b.append(entries.map(\.priority.rawValue))
        b.append(entries.map(\.dueAt))
        b.append(entries.map { $0.bookingID?.rawValue ?? 0 })
        b.append(entries.map { Int16($0.kind.rawValue) })
        b.append(entries.map { $0.tag ?? "" })
        b.append(entries.map { $0.tag != nil })
        b.append(entries.map { $0.expiresAt ?? now })
        b.append(entries.map { $0.expiresAt != nil })
        b.append(entries.map { claim != nil && $0.isClaimableAtOnce(now: now) })
        b.append(claim?.owner ?? "")
        b.append(claim?.leaseUntil ?? now)
        return b
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        (try PostgresStore.outboxMessage(row), try row.makeRandomAccess().get("claimed_by", as: String?.self) != nil)
    }
}

/// Marks rows sent and rows about to be sent (only those `owner` still holds, returned).
///
/// "Not sent, not failed" is written as `coalesce(sent_at, failed_at) IS NULL` on purpose: spelled out, it matches
/// the predicate of `outbox_pending`, and the generic plan of this prepared statement then walked that index through
/// every pending row (reminders included, so the cost grew with future bookings: 1,484 rows and 3.1 ms per call in the
/// load bench) instead of looking the few ids up in the primary key.
struct MarkOutboxStatement: PostgresPreparedStatement {
    static let sql = """
        WITH sent AS (UPDATE zapis.outbox SET sent_at = $1, lease_until = NULL WHERE id = ANY($2::int8[]))
        UPDATE zapis.outbox SET attempted_at = $1
        WHERE id = ANY($3::int8[]) AND claimed_by = $4 AND coalesce(sent_at, failed_at) IS NULL
        RETURNING id
        """
    typealias Row = Int64

    var at: Date
    var sent: [Int64]
    var attempted: [Int64]
    var owner: String

    func makeBindings() throws -> PostgresBindings {
        var b = PostgresBindings(capacity: 4)
        b.append(at)
        b.append(sent)
        b.append(attempted)
        b.append(owner)
        return b
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Int64.self) }
}
