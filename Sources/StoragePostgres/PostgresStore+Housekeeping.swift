import Foundation
import PostgresNIO
import Storage

extension PostgresStore: Housekeeping {
    public func pruneProcessedUpdates(before: Date, limit: Int) async throws -> Int {
        let bounded = max(0, min(limit, 100_000))
        return try await query(
            """
            DELETE FROM zapis.processed_updates WHERE (tenant_id, update_id) IN (
                SELECT p.tenant_id, p.update_id FROM zapis.processed_updates p WHERE p.processed_at < \(before)
                    AND p.update_id < (SELECT max(q.update_id) FROM zapis.processed_updates q WHERE q.tenant_id = p.tenant_id)
                LIMIT \(bounded))
            RETURNING 1
            """
        ).count
    }

    public func pruneDeliveredOutbox(before: Date, broadcastsBefore: Date, limit: Int) async throws -> Int {
        let bounded = max(0, min(limit, 100_000))
        // Oldest ids first: done rows are mostly old ones, so the scan stops early.
        return try await query(
            """
            DELETE FROM zapis.outbox WHERE id IN (
                SELECT id FROM zapis.outbox
                WHERE coalesce(sent_at, failed_at) < (CASE WHEN tag LIKE 'broadcast:%' THEN \(broadcastsBefore) ELSE \(before) END)
                ORDER BY id LIMIT \(bounded))
            RETURNING 1
            """
        ).count
    }
}
