import BookingCore
import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore: OutboxStore, UnitOfWork, BroadcastLog {
    public func inTransaction<T: Sendable>(_ body: @Sendable (TransactionContext) async throws -> T) async throws -> T {
        try await withTransactionView { view in
            try await body(TransactionContext(stores: Stores(view), outbox: view))
        }
    }

    public func reading<T: Sendable>(tenant: TenantID, _ body: @Sendable (Stores) async throws -> T) async throws -> T {
        try await readOnlyView { view in try await body(Stores(view)) }
    }

    public func enqueue(_ entries: [OutboxEntry], tenant: TenantID, now: Date) async throws {
        guard !entries.isEmpty else { return }
        try await transaction { db in
            for entry in entries {
                _ = try await db.query(
                    """
                    INSERT INTO outbox (tenant_id, chat_id, payload, priority, due_at, booking_id, created_at, kind, tag, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        .text(tenant.rawValue), entry.chatID.map { .integer(Int($0)) } ?? .null, .blob(.init(bytes: entry.payload)),
                        .integer(entry.priority.rawValue), entry.dueAt.sqlite,
                        entry.bookingID.map { .integer(Int($0.rawValue)) } ?? .null, now.sqlite, .integer(entry.kind.rawValue),
                        entry.tag.map { .text($0) } ?? .null, entry.expiresAt?.sqlite ?? .null,
                    ])
            }
        }
    }

    public func dueMessages(now: Date, limit: Int) async throws -> [OutboxMessage] {
        try await query(
            """
            SELECT * FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND due_at <= ?
            ORDER BY priority, id LIMIT ?
            """, [now.sqlite, .integer(limit)]
        ).map(Self.outboxMessage)
    }

    public func backlog(now: Date) async throws -> OutboxBacklog {
        // A range scan of the partial index outbox_pending (due_at of unsent rows).
        let row = try await query(
            "SELECT count(*) AS due, min(due_at) AS oldest FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND due_at <= ?", [now.sqlite]
        ).first
        return OutboxBacklog(
            dueRows: row?.column("due")?.integer ?? 0, oldestDue: row?.column("oldest")?.double.map(Date.init(timeIntervalSince1970:)))
    }

    public func claimDue(now: Date, limit: Int, owner: String, leaseUntil: Date, kind: OutboxKind?) async throws -> [OutboxMessage] {
        let (lowest, highest) = kind.map { ($0.rawValue, $0.rawValue) } ?? (OutboxKind.call.rawValue, OutboxKind.timer.rawValue)
        return try await transaction { db in
            // The same rule as on PostgreSQL (see OutboxStore.claimDue); one process holds the file, so no SKIP LOCKED.
            let heads = try await db.query(
                """
                UPDATE outbox SET claimed_by = ?1, lease_until = ?2
                WHERE id IN (
                    SELECT o.id FROM outbox o
                    WHERE o.sent_at IS NULL AND o.failed_at IS NULL AND o.due_at <= ?3
                        AND (o.lease_until IS NULL OR o.lease_until < ?3) AND o.kind BETWEEN ?5 AND ?6
                        AND (o.chat_id IS NULL OR NOT EXISTS (
                            SELECT 1 FROM outbox p
                            WHERE p.tenant_id = o.tenant_id AND p.chat_id = o.chat_id
                                AND p.sent_at IS NULL AND p.failed_at IS NULL AND (p.priority, p.id) < (o.priority, o.id)
                                AND (p.due_at <= ?3 OR p.attempts > 0 OR p.lease_until >= ?3)))
                    ORDER BY o.priority, o.id LIMIT ?4)
                RETURNING *
                """, [.text(owner), leaseUntil.sqlite, now.sqlite, .integer(limit), .integer(lowest), .integer(highest)]
            ).map(Self.outboxMessage)
            let chatHeads = heads.filter { $0.chatID != nil }.map { String($0.id) }
            guard !chatHeads.isEmpty else { return heads }
            let followers = try await db.query(
                """
                UPDATE outbox SET claimed_by = ?1, lease_until = ?2
                WHERE id IN (
                    -- From each head through its chat's pending rows (outbox_chat_pending), not over the whole queue.
                    SELECT o.id FROM json_each(?4) AS j
                        JOIN outbox h ON h.id = j.value
                        JOIN outbox o ON o.tenant_id = h.tenant_id AND o.chat_id = h.chat_id
                    WHERE o.id <> h.id AND o.sent_at IS NULL AND o.failed_at IS NULL AND o.due_at <= ?3
                        AND (o.lease_until IS NULL OR o.lease_until < ?3) AND o.kind BETWEEN ?5 AND ?6
                        AND NOT EXISTS (
                            SELECT 1 FROM outbox q
                            WHERE q.tenant_id = o.tenant_id AND q.chat_id = o.chat_id AND q.sent_at IS NULL AND q.failed_at IS NULL
                                AND q.kind NOT BETWEEN ?5 AND ?6 AND (q.priority, q.id) < (o.priority, o.id)))
                RETURNING *
                """,
                [
                    .text(owner), leaseUntil.sqlite, now.sqlite, .text("[" + chatHeads.joined(separator: ",") + "]"), .integer(lowest),
                    .integer(highest),
                ]
            ).map(Self.outboxMessage)
            return (heads + followers).sorted { ($0.priority, $0.id) < ($1.priority, $1.id) }
        }
    }

    public func markAttempted(_ id: Int64, owner: String, at: Date) async throws -> Bool {
        try await !query(
            """
            UPDATE outbox SET attempted_at = ?
            WHERE id = ? AND claimed_by = ? AND sent_at IS NULL AND failed_at IS NULL RETURNING id
            """, [at.sqlite, .integer(Int(id)), .text(owner)]
        ).isEmpty
    }

    public func release(_ ids: [Int64], owner: String) async throws {
        guard !ids.isEmpty else { return }
        _ = try await query(
            """
            UPDATE outbox SET claimed_by = NULL, lease_until = NULL
            WHERE id IN (SELECT value FROM json_each(?)) AND claimed_by = ? AND sent_at IS NULL AND attempted_at IS NULL
            """, [.text("[" + ids.map(String.init).joined(separator: ",") + "]"), .text(owner)])
    }

    public func markSent(_ id: Int64, at: Date) async throws {
        _ = try await query("UPDATE outbox SET sent_at = ?, lease_until = NULL WHERE id = ?", [at.sqlite, .integer(Int(id))])
    }

    public func markFailed(_ id: Int64, error: String, retryAt: Date?, at: Date) async throws {
        if let retryAt {
            _ = try await query(
                """
                UPDATE outbox SET attempts = attempts + 1, last_error = ?, due_at = ?, claimed_by = NULL, lease_until = NULL,
                    attempted_at = NULL
                WHERE id = ?
                """, [.text(error), retryAt.sqlite, .integer(Int(id))])
        } else {
            _ = try await query(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ?, failed_at = ?, lease_until = NULL WHERE id = ?",
                [.text(error), at.sqlite, .integer(Int(id))])
        }
    }

    public func markBlocked(_ id: Int64, error: String, at: Date) async throws {
        _ = try await query(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ?, error_code = 403, failed_at = ?, lease_until = NULL WHERE id = ?",
            [.text(error), at.sqlite, .integer(Int(id))])
    }

    public func broadcastCounts(tag: String, tenant: TenantID) async throws -> BroadcastCounts {
        let rows = try await query(
            """
            SELECT count(*) AS total, count(sent_at) AS sent,
                sum(CASE WHEN failed_at IS NOT NULL AND error_code IS 403 THEN 1 ELSE 0 END) AS blocked,
                sum(CASE WHEN failed_at IS NOT NULL AND error_code IS NOT 403 THEN 1 ELSE 0 END) AS failed
            FROM outbox WHERE tenant_id = ? AND tag = ?
            """, [.text(tenant.rawValue), .text(tag)])
        guard let row = rows.first else { return BroadcastCounts() }
        let (total, sent) = (Int(try row.int("total")), Int(try row.int("sent")))
        let blocked = row.column("blocked")?.integer ?? 0
        let failed = row.column("failed")?.integer ?? 0
        return BroadcastCounts(total: total, sent: sent, failed: failed, blocked: blocked, pending: total - sent - failed - blocked)
    }

    public func markUnreachable(chat: Int64, tenant: TenantID, at: Date) async throws {
        _ = try await query(
            "UPDATE customers SET unreachable_at = ? WHERE tenant_id = ? AND chat_id = ?", [at.sqlite, .text(tenant.rawValue), .integer(Int(chat))])
    }

    public func withdraw(booking: BookingID, tenant: TenantID) async throws {
        _ = try await query(
            "DELETE FROM outbox WHERE tenant_id = ? AND booking_id = ? AND sent_at IS NULL",
            [.text(tenant.rawValue), .integer(Int(booking.rawValue))])
    }

    public func withdrawScheduled(tenant: TenantID, after now: Date, reason: String) async throws -> Int {
        try await query(
            """
            UPDATE outbox SET failed_at = ?, last_error = ?
            WHERE tenant_id = ? AND sent_at IS NULL AND failed_at IS NULL AND kind = 0 AND booking_id IS NOT NULL AND due_at > ?
            RETURNING id
            """, [now.sqlite, .text(reason), .text(tenant.rawValue), now.sqlite]
        ).count
    }

    static func outboxMessage(_ row: SQLiteRow) throws -> OutboxMessage {
        guard let tenant = TenantID(try row.text("tenant_id")), let payload = row.column("payload")?.blob,
            let priority = OutboxPriority(rawValue: Int(try row.int("priority"))),
            let kind = OutboxKind(rawValue: Int(try row.int("kind")))
        else { throw StorageError.corrupt("outbox row") }
        return OutboxMessage(
            id: try row.int("id"), tenant: tenant, chatID: row.column("chat_id")?.integer.map(Int64.init),
            payload: Array(payload.readableBytesView), priority: priority, dueAt: try row.date("due_at"),
            attempts: Int(try row.int("attempts")), bookingID: row.column("booking_id")?.integer.map { BookingID(Int64($0)) },
            kind: kind, attemptedAt: row.column("attempted_at")?.double.map { Date(timeIntervalSince1970: $0) },
            expiresAt: row.column("expires_at")?.double.map { Date(timeIntervalSince1970: $0) }, tag: row.column("tag")?.string)
    }
}
