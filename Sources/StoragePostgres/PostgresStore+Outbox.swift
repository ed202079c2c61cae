import BookingCore
import Foundation
import PostgresNIO
import Storage

extension PostgresStore: OutboxStore, UnitOfWork {
    /// Runs `body` in one transaction on one pooled connection: the stores and outbox it is given are bound to it,
    /// so their writes commit or roll back together (their own transactions nest as savepoints).
    public func inTransaction<T: Sendable>(_ body: @Sendable (TransactionContext) async throws -> T) async throws -> T {
        let client = client
        let logger = logger
        return try await transaction { connection in
            let view = PostgresStore(client: client, connection: connection, logger: logger)
            return try await body(TransactionContext(stores: Stores(view), outbox: view))
        }
    }

    public func enqueue(_ entries: [OutboxEntry], tenant: TenantID, now: Date) async throws {
        guard !entries.isEmpty else { return }
        let logger = logger
        try await transaction { c in
            for entry in entries {
                try await c.rows(
                    """
                    INSERT INTO zapis.outbox (tenant_id, chat_id, payload, priority, due_at, booking_id, created_at)
                    VALUES (\(tenant.rawValue), \(entry.chatID), \(Data(entry.payload)), \(entry.priority.rawValue), \(entry.dueAt),
                        \(entry.bookingID?.rawValue), \(now))
                    """, logger: logger)
            }
        }
    }

    public func dueMessages(now: Date, limit: Int) async throws -> [OutboxMessage] {
        try await query(
            """
            SELECT * FROM zapis.outbox WHERE sent_at IS NULL AND failed_at IS NULL AND due_at <= \(now)
            ORDER BY priority, id LIMIT \(limit)
            """
        ).map { row in
            let r = row.makeRandomAccess()
            guard let tenant = TenantID(try r.get("tenant_id", as: String.self)),
                let priority = OutboxPriority(rawValue: try r.get("priority", as: Int.self))
            else { throw StorageError.corrupt("outbox row") }
            return OutboxMessage(
                id: try r.get("id"), tenant: tenant, chatID: try r.get("chat_id"), payload: [UInt8](try r.get("payload", as: Data.self)),
                priority: priority, dueAt: try r.get("due_at"), attempts: try r.get("attempts"),
                bookingID: try r.get("booking_id", as: Int64?.self).map(BookingID.init))
        }
    }

    public func markSent(_ id: Int64, at: Date) async throws {
        try await query("UPDATE zapis.outbox SET sent_at = \(at) WHERE id = \(id)")
    }

    public func markFailed(_ id: Int64, error: String, retryAt: Date?, at: Date) async throws {
        if let retryAt {
            try await query("UPDATE zapis.outbox SET attempts = attempts + 1, last_error = \(error), due_at = \(retryAt) WHERE id = \(id)")
        } else {
            try await query("UPDATE zapis.outbox SET attempts = attempts + 1, last_error = \(error), failed_at = \(at) WHERE id = \(id)")
        }
    }

    public func markUnreachable(chat: Int64, tenant: TenantID, at: Date) async throws {
        try await query("UPDATE \(unescaped: tenant.schema).customers SET unreachable_at = \(at) WHERE chat_id = \(chat)")
    }

    public func withdraw(booking: BookingID, tenant: TenantID) async throws {
        try await query(
            "DELETE FROM zapis.outbox WHERE tenant_id = \(tenant.rawValue) AND booking_id = \(booking.rawValue) AND sent_at IS NULL")
    }
}
