import BookingCore
import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore: OutboxStore, UnitOfWork {
    public func inTransaction<T: Sendable>(_ body: @Sendable (TransactionContext) async throws -> T) async throws -> T {
        try await withTransactionView { view in
            try await body(TransactionContext(stores: Stores(view), outbox: view))
        }
    }

    public func enqueue(_ entries: [OutboxEntry], tenant: TenantID, now: Date) async throws {
        guard !entries.isEmpty else { return }
        try await transaction { db in
            for entry in entries {
                _ = try await db.query(
                    """
                    INSERT INTO outbox (tenant_id, chat_id, payload, priority, due_at, booking_id, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        .text(tenant.rawValue), entry.chatID.map { .integer(Int($0)) } ?? .null, .blob(.init(bytes: entry.payload)),
                        .integer(entry.priority.rawValue), entry.dueAt.sqlite,
                        entry.bookingID.map { .integer(Int($0.rawValue)) } ?? .null, now.sqlite,
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
        ).map { row in
            guard let tenant = TenantID(try row.text("tenant_id")), let payload = row.column("payload")?.blob,
                let priority = OutboxPriority(rawValue: Int(try row.int("priority")))
            else { throw StorageError.corrupt("outbox row") }
            return OutboxMessage(
                id: try row.int("id"), tenant: tenant, chatID: row.column("chat_id")?.integer.map(Int64.init),
                payload: Array(payload.readableBytesView), priority: priority, dueAt: try row.date("due_at"),
                attempts: Int(try row.int("attempts")), bookingID: row.column("booking_id")?.integer.map { BookingID(Int64($0)) })
        }
    }

    public func markSent(_ id: Int64, at: Date) async throws {
        _ = try await query("UPDATE outbox SET sent_at = ? WHERE id = ?", [at.sqlite, .integer(Int(id))])
    }

    public func markFailed(_ id: Int64, error: String, retryAt: Date?, at: Date) async throws {
        if let retryAt {
            _ = try await query(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ?, due_at = ? WHERE id = ?",
                [.text(error), retryAt.sqlite, .integer(Int(id))])
        } else {
            _ = try await query(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ?, failed_at = ? WHERE id = ?",
                [.text(error), at.sqlite, .integer(Int(id))])
        }
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
}
