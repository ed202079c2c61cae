import BookingCore
import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore: OperatorTokenStore, TenantStatsStore {
    public func insertOperatorToken(_ token: OperatorToken, audit: OperatorAuditEntry) async throws {
        try await transaction { db in
            // A revoked token's name is taken over; a valid one's is not (the upsert then changes no row).
            let rows = try await db.query(
                """
                INSERT INTO operator_tokens (name, hash, created_at, revoked_at) VALUES (?, ?, ?, NULL)
                ON CONFLICT (name) DO UPDATE SET hash = excluded.hash, created_at = excluded.created_at, revoked_at = NULL
                WHERE operator_tokens.revoked_at IS NOT NULL
                RETURNING name
                """, [.text(token.name), .blob(.init(bytes: token.hash)), token.createdAt.sqlite])
            guard !rows.isEmpty else { throw StorageError.duplicate(token.name) }
            try await Self.insert(audit, into: db)
        }
    }

    public func revokeOperatorToken(named name: String, at: Date, audit: OperatorAuditEntry) async throws -> Bool {
        try await transaction { db in
            let rows = try await db.query(
                "UPDATE operator_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL RETURNING name", [at.sqlite, .text(name)])
            guard !rows.isEmpty else { return false }
            try await Self.insert(audit, into: db)
            return true
        }
    }

    public func operatorTokens() async throws -> [OperatorToken] {
        try await query("SELECT * FROM operator_tokens ORDER BY name").map { row in
            OperatorToken(
                name: try row.text("name"), hash: row.column("hash")?.blob.map { Array($0.readableBytesView) } ?? [],
                createdAt: try row.date("created_at"), revokedAt: row.column("revoked_at")?.double.map(Date.init(timeIntervalSince1970:)))
        }
    }

    public func tenantStats(_ tenant: TenantID) async throws -> TenantStats {
        let id: [SQLiteData] = [.text(tenant.rawValue)]
        let customers = try await query("SELECT count(*) AS n FROM customers WHERE tenant_id = ?", id).first?.int("n") ?? 0
        var byStatus: [String: Int] = [:]
        for row in try await query("SELECT status, count(*) AS n FROM bookings WHERE tenant_id = ? GROUP BY status", id) {
            byStatus[try row.text("status")] = Int(try row.int("n"))
        }
        // The primary key's order: the newest update id was processed last.
        let last = try await query("SELECT processed_at FROM processed_updates WHERE tenant_id = ? ORDER BY update_id DESC LIMIT 1", id)
        return TenantStats(customers: Int(customers), bookingsByStatus: byStatus, lastUpdateAt: try last.first?.date("processed_at"))
    }
}
