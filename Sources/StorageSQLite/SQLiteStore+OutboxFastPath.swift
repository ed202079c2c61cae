import BookingCore
import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore {
    public func enqueue(_ entries: [OutboxEntry], tenant: TenantID, now: Date, claim: OutboxClaim) async throws -> [OutboxMessage] {
        guard !entries.isEmpty else { return [] }
        return try await transaction { db in
            // A chat with an earlier row due, retried or leased keeps its order: its new rows wait for a claim.
            var free: [Int64?: Bool] = [:]
            var claimed: [OutboxMessage] = []
            for entry in entries {
                var owner: SQLiteData = .null
                var lease: SQLiteData = .null
                if entry.isClaimableAtOnce(now: now) {
                    if free[entry.chatID] == nil {
                        free[entry.chatID] = try await Self.nothingAhead(of: entry.chatID, tenant: tenant, now: now, on: db)
                    }
                    if free[entry.chatID] == true { (owner, lease) = (.text(claim.owner), claim.leaseUntil.sqlite) }
                }
                let row = try await db.query(
                    """
                    INSERT INTO outbox (tenant_id, chat_id, payload, priority, due_at, booking_id, created_at, kind, tag, expires_at,
                        claimed_by, lease_until)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *
                    """,
                    [
                        .text(tenant.rawValue), entry.chatID.map { .integer(Int($0)) } ?? .null, .blob(.init(bytes: entry.payload)),
                        .integer(entry.priority.rawValue), entry.dueAt.sqlite, entry.bookingID.map { .integer(Int($0.rawValue)) } ?? .null,
                        now.sqlite, .integer(entry.kind.rawValue), entry.tag.map { .text($0) } ?? .null, entry.expiresAt?.sqlite ?? .null,
                        owner, lease,
                    ])
                if owner != .null, let first = row.first { claimed.append(try Self.outboxMessage(first)) }
            }
            return claimed
        }
    }

    /// Ids as a JSON array, for `json_each`.
    static func jsonList(_ ids: [Int64]) -> SQLiteData { .text("[" + ids.map(String.init).joined(separator: ",") + "]") }

    /// True when the chat has no unsent row that is due, retried or leased (the claim rule's "head" test).
    private static func nothingAhead(of chat: Int64?, tenant: TenantID, now: Date, on db: SQLiteConnection) async throws -> Bool {
        guard let chat else { return true }
        return try await db.query(
            """
            SELECT 1 FROM outbox
            WHERE tenant_id = ?1 AND chat_id = ?2 AND sent_at IS NULL AND failed_at IS NULL
                AND (due_at <= ?3 OR attempts > 0 OR lease_until >= ?3)
            LIMIT 1
            """, [.text(tenant.rawValue), .integer(Int(chat)), now.sqlite]
        ).isEmpty
    }

    public func mark(sent: [Int64], attempted: [Int64], owner: String, at: Date) async throws -> Set<Int64> {
        guard !sent.isEmpty || !attempted.isEmpty else { return [] }
        let (sentList, attemptedList) = (Self.jsonList(sent), Self.jsonList(attempted))
        return try await transaction { db in
            if !sent.isEmpty {
                _ = try await db.query(
                    "UPDATE outbox SET sent_at = ?, lease_until = NULL WHERE id IN (SELECT value FROM json_each(?))", [at.sqlite, sentList])
            }
            guard !attempted.isEmpty else { return [] }
            let rows = try await db.query(
                """
                UPDATE outbox SET attempted_at = ?
                WHERE id IN (SELECT value FROM json_each(?)) AND claimed_by = ? AND sent_at IS NULL AND failed_at IS NULL
                RETURNING id
                """, [at.sqlite, attemptedList, .text(owner)])
            return Set(try rows.map { try $0.int("id") })
        }
    }
}
