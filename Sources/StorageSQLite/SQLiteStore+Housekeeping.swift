import Foundation
import Storage

extension SQLiteStore: Housekeeping {
    public func pruneProcessedUpdates(before: Date, limit: Int) async throws -> Int {
        try await query(
            """
            DELETE FROM processed_updates WHERE rowid IN (
                SELECT p.rowid FROM processed_updates p WHERE p.processed_at < ?
                    AND p.update_id < (SELECT max(q.update_id) FROM processed_updates q WHERE q.tenant_id = p.tenant_id)
                LIMIT ?)
            RETURNING 1
            """, [before.sqlite, .integer(max(0, min(limit, 100_000)))]
        ).count
    }

    public func pruneDeliveredOutbox(before: Date, broadcastsBefore: Date, limit: Int) async throws -> Int {
        // Oldest ids first: done rows are mostly old ones, so the scan stops early.
        try await query(
            """
            DELETE FROM outbox WHERE id IN (
                SELECT id FROM outbox
                WHERE coalesce(sent_at, failed_at) < (CASE WHEN tag LIKE 'broadcast:%' THEN ? ELSE ? END)
                ORDER BY id LIMIT ?)
            RETURNING 1
            """, [broadcastsBefore.sqlite, before.sqlite, .integer(max(0, min(limit, 100_000)))]
        ).count
    }
}

extension SQLiteStore {
    /// Rows in the processed-update marks and in the outbox, for tests of pruning.
    @_spi(Testing)
    public func housekeptRows() async throws -> (processedUpdates: Int, outbox: Int) {
        let rows = try await query("SELECT (SELECT count(*) FROM processed_updates) AS updates, (SELECT count(*) FROM outbox) AS outbox")
        guard let row = rows.first else { return (0, 0) }
        return (Int(try row.int("updates")), Int(try row.int("outbox")))
    }
}
