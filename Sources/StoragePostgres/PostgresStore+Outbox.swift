import BookingCore
import Foundation
import PostgresNIO
import Storage

extension PostgresStore: OutboxStore, UnitOfWork, BroadcastLog {
    /// Runs `body` in one transaction on one pooled connection: the stores and outbox it is given are bound to it,
    /// so their writes commit or roll back together (their own transactions nest as savepoints).
    public func inTransaction<T: Sendable>(_ body: @Sendable (TransactionContext) async throws -> T) async throws -> T {
        try await transactionView { view in try await body(TransactionContext(stores: Stores(view), outbox: view)) }
    }

    /// Reads on one pooled connection without `BEGIN`/`COMMIT`, each statement on its own (see `UnitOfWork.reading`). The
    /// first reads the tenant's catalog version, so the catalog comes from the cache as in a transaction (exact for the
    /// same reason: data read after the version is at least as new). Writes are refused (`StoreReadOnly`).
    public func reading<T: Sendable>(tenant: TenantID, _ body: @Sendable (Stores) async throws -> T) async throws -> T {
        if connection != nil { return try await body(Stores(self)) }
        let (client, logger, cache, meter) = (client, logger, catalogCache, meter)
        return try await leased { connection in
            let catalog = CatalogTransaction()
            let view = PostgresStore(
                client: client, connection: connection, logger: logger, catalogCache: cache, catalogTransaction: catalog, meter: meter,
                readOnly: true)
            if let version = try await view.catalogVersion(tenant) { catalog.record(version, tenant: tenant) }
            return try await body(Stores(view))
        }
    }

    public func committingEach<T: Sendable>(_ body: @Sendable (Stores) async throws -> T) async throws -> T {
        try await body(Stores(self))
    }

    public func enqueue(_ entries: [OutboxEntry], tenant: TenantID, now: Date) async throws {
        _ = try await insert(entries, tenant: tenant, now: now, claim: nil)
    }

    public func dueMessages(now: Date, limit: Int) async throws -> [OutboxMessage] {
        try await query(
            """
            SELECT * FROM zapis.outbox WHERE sent_at IS NULL AND failed_at IS NULL AND kind >= 0 AND due_at <= \(now)
            ORDER BY priority, id LIMIT \(limit)
            """
        ).map(Self.outboxMessage)
    }

    public func backlog(now: Date) async throws -> OutboxBacklog {
        // A range scan of the partial index outbox_pending (due_at of unsent rows).
        let row = try await query(
            "SELECT count(*), min(due_at) FROM zapis.outbox WHERE sent_at IS NULL AND failed_at IS NULL AND due_at <= \(now)"
        ).first
        let (count, oldest) = try row?.decode((Int, Date?).self) ?? (0, nil)
        return OutboxBacklog(dueRows: count, oldestDue: oldest)
    }

    public func claimDue(now: Date, limit: Int, owner: String, leaseUntil: Date, kind: OutboxKind?) async throws -> [OutboxMessage] {
        let logger = logger
        // Kinds as a range keeps the scan on outbox_queue; all kinds is 0...1.
        let (lowest, highest) = kind.map { ($0.rawValue, $0.rawValue) } ?? (OutboxKind.call.rawValue, OutboxKind.timer.rawValue)
        return try await transaction { c in
            // Heads: a row is a chat's head when no earlier unsent row of the chat is due, retried or leased.
            // `kind >= 0` (always true) lets the scan use outbox_queue (see platform migration 6).
            // SKIP LOCKED lets another instance's concurrent claim pass over the heads this one is taking.
            let heads = try await c.rows(
                """
                UPDATE zapis.outbox SET claimed_by = \(owner), lease_until = \(leaseUntil)
                WHERE id IN (
                    SELECT o.id FROM zapis.outbox o
                    WHERE o.sent_at IS NULL AND o.failed_at IS NULL AND o.kind >= \(lowest) AND o.kind <= \(highest) AND o.due_at <= \(now)
                        AND (o.lease_until IS NULL OR o.lease_until < \(now))
                        AND (o.chat_id IS NULL OR NOT EXISTS (
                            SELECT 1 FROM zapis.outbox p
                            WHERE p.tenant_id = o.tenant_id AND p.chat_id = o.chat_id
                                AND p.sent_at IS NULL AND p.failed_at IS NULL AND (p.priority, p.id) < (o.priority, o.id)
                                AND (p.due_at <= \(now) OR p.attempts > 0 OR p.lease_until >= \(now))))
                    ORDER BY o.priority, o.id LIMIT \(limit)
                    FOR UPDATE SKIP LOCKED)
                RETURNING *
                """, logger: logger
            ).map(Self.outboxMessage)
            let chats = heads.filter { $0.chatID != nil }
            guard !chats.isEmpty else { return heads }
            // The rest of each claimed chat's due rows: not heads, so no other instance can take them meanwhile.
            let followers = try await c.rows(
                """
                UPDATE zapis.outbox o SET claimed_by = \(owner), lease_until = \(leaseUntil)
                FROM unnest(\(chats.map(\.tenant.rawValue)), \(chats.map { $0.chatID! }), \(chats.map(\.id))) AS h(tenant_id, chat_id, id)
                WHERE o.tenant_id = h.tenant_id AND o.chat_id = h.chat_id AND o.id <> h.id
                    AND o.sent_at IS NULL AND o.failed_at IS NULL AND o.due_at <= \(now)
                    AND (o.lease_until IS NULL OR o.lease_until < \(now))
                    AND o.kind >= \(lowest) AND o.kind <= \(highest)
                    AND NOT EXISTS (
                        SELECT 1 FROM zapis.outbox q
                        WHERE q.tenant_id = o.tenant_id AND q.chat_id = o.chat_id AND q.sent_at IS NULL AND q.failed_at IS NULL
                            AND (q.kind < \(lowest) OR q.kind > \(highest)) AND (q.priority, q.id) < (o.priority, o.id))
                RETURNING o.*
                """, logger: logger
            ).map(Self.outboxMessage)
            return (heads + followers).sorted { ($0.priority, $0.id) < ($1.priority, $1.id) }
        }
    }

    public func markAttempted(_ id: Int64, owner: String, at: Date) async throws -> Bool {
        try await !query(
            """
            UPDATE zapis.outbox SET attempted_at = \(at)
            WHERE id = \(id) AND claimed_by = \(owner) AND sent_at IS NULL AND failed_at IS NULL RETURNING id
            """
        ).isEmpty
    }

    public func release(_ ids: [Int64], owner: String) async throws {
        guard !ids.isEmpty else { return }
        try await query(
            """
            UPDATE zapis.outbox SET claimed_by = NULL, lease_until = NULL
            WHERE id = ANY(\(ids)) AND claimed_by = \(owner) AND sent_at IS NULL AND attempted_at IS NULL
            """)
    }

    public func markSent(_ id: Int64, at: Date) async throws {
        try await query("UPDATE zapis.outbox SET sent_at = \(at), lease_until = NULL WHERE id = \(id)")
    }

    public func markFailed(_ id: Int64, error: String, retryAt: Date?, at: Date) async throws {
        if let retryAt {
            try await query(
                """
                UPDATE zapis.outbox SET attempts = attempts + 1, last_error = \(error), due_at = \(retryAt),
                    claimed_by = NULL, lease_until = NULL, attempted_at = NULL
                WHERE id = \(id)
                """)
        } else {
            try await query(
                """
                UPDATE zapis.outbox SET attempts = attempts + 1, last_error = \(error), failed_at = \(at), lease_until = NULL
                WHERE id = \(id)
                """)
        }
    }

    public func markBlocked(_ id: Int64, error: String, at: Date) async throws {
        try await query(
            """
            UPDATE zapis.outbox SET attempts = attempts + 1, last_error = \(error), error_code = 403, failed_at = \(at), lease_until = NULL
            WHERE id = \(id)
            """)
    }

    public func broadcastCounts(tag: String, tenant: TenantID) async throws -> BroadcastCounts {
        let rows = try await query(
            """
            SELECT count(*)::bigint, count(sent_at)::bigint,
                count(*) FILTER (WHERE failed_at IS NOT NULL AND error_code IS NOT DISTINCT FROM 403)::bigint,
                count(*) FILTER (WHERE failed_at IS NOT NULL AND error_code IS DISTINCT FROM 403)::bigint
            FROM zapis.outbox WHERE tenant_id = \(tenant.rawValue) AND tag = \(tag)
            """)
        guard let row = rows.first else { return BroadcastCounts() }
        let (total, sent, blocked, failed) = try row.decode((Int, Int, Int, Int).self)
        return BroadcastCounts(total: total, sent: sent, failed: failed, blocked: blocked, pending: total - sent - failed - blocked)
    }

    public func markUnreachable(chat: Int64, tenant: TenantID, at: Date) async throws {
        try await query("UPDATE \(unescaped: tenant.schema).customers SET unreachable_at = \(at) WHERE chat_id = \(chat)")
    }

    public func withdraw(booking: BookingID, tenant: TenantID) async throws {
        try await query(
            "DELETE FROM zapis.outbox WHERE tenant_id = \(tenant.rawValue) AND booking_id = \(booking.rawValue) AND sent_at IS NULL")
    }

    public func withdrawScheduled(tenant: TenantID, after now: Date, reason: String) async throws -> Int {
        try await query(
            """
            UPDATE zapis.outbox SET failed_at = \(now), last_error = \(reason)
            WHERE tenant_id = \(tenant.rawValue) AND sent_at IS NULL AND failed_at IS NULL AND kind = 0 AND booking_id IS NOT NULL
                AND due_at > \(now)
            RETURNING id
            """
        ).count
    }

    /// How many rows each sender instance has sent: which instances are draining the outbox.
    public func sentCountsBySender() async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try await query("SELECT claimed_by, count(*) FROM zapis.outbox WHERE sent_at IS NOT NULL GROUP BY claimed_by") {
            let (owner, count) = try row.decode((String?, Int).self)
            counts[owner ?? "", default: 0] += count
        }
        return counts
    }

    static func outboxMessage(_ row: PostgresRow) throws -> OutboxMessage {
        let r = row.makeRandomAccess()
        guard let tenant = TenantID(try r.get("tenant_id", as: String.self)),
            let priority = OutboxPriority(rawValue: try r.get("priority", as: Int.self)),
            let kind = OutboxKind(rawValue: Int(try r.get("kind", as: Int16.self)))
        else { throw StorageError.corrupt("outbox row") }
        return OutboxMessage(
            id: try r.get("id"), tenant: tenant, chatID: try r.get("chat_id"), payload: [UInt8](try r.get("payload", as: Data.self)),
            priority: priority, dueAt: try r.get("due_at"), attempts: try r.get("attempts"),
            bookingID: try r.get("booking_id", as: Int64?.self).map(BookingID.init), kind: kind,
            attemptedAt: try r.get("attempted_at", as: Date?.self), expiresAt: try r.get("expires_at", as: Date?.self),
            tag: try r.get("tag", as: String?.self))
    }
}
