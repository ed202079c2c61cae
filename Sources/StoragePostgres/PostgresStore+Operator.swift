import BookingCore
import Foundation
import PostgresNIO
import Storage

extension PostgresStore: OperatorTokenStore, TenantStatsStore {
    public func insertOperatorToken(_ token: OperatorToken, audit: OperatorAuditEntry) async throws {
        let logger = logger
        try await transaction { connection in
            // A revoked token's name is taken over; a valid one's is not (the upsert then changes no row).
            let rows = try await connection.rows(
                """
                INSERT INTO zapis.operator_tokens (name, hash, created_at, revoked_at)
                VALUES (\(token.name), \(Data(token.hash)), \(token.createdAt), NULL)
                ON CONFLICT (name) DO UPDATE SET hash = excluded.hash, created_at = excluded.created_at, revoked_at = NULL
                WHERE zapis.operator_tokens.revoked_at IS NOT NULL
                RETURNING name
                """, logger: logger)
            guard !rows.isEmpty else { throw StorageError.duplicate(token.name) }
            try await Self.insert(audit, on: connection, logger: logger)
        }
    }

    public func revokeOperatorToken(named name: String, at: Date, audit: OperatorAuditEntry) async throws -> Bool {
        let logger = logger
        return try await transaction { connection in
            let rows = try await connection.rows(
                "UPDATE zapis.operator_tokens SET revoked_at = \(at) WHERE name = \(name) AND revoked_at IS NULL RETURNING name",
                logger: logger)
            guard !rows.isEmpty else { return false }
            try await Self.insert(audit, on: connection, logger: logger)
            return true
        }
    }

    public func operatorTokens() async throws -> [OperatorToken] {
        try await query("SELECT name, hash, created_at, revoked_at FROM zapis.operator_tokens ORDER BY name").map { row in
            let (name, hash, createdAt, revokedAt) = try row.decode((String, Data, Date, Date?).self)
            return OperatorToken(name: name, hash: [UInt8](hash), createdAt: createdAt, revokedAt: revokedAt)
        }
    }

    public func tenantStats(_ tenant: TenantID) async throws -> TenantStats {
        let customers = try await query("SELECT count(*) FROM \(unescaped: tenant.schema).customers").first?.decode(Int64.self) ?? 0
        var byStatus: [String: Int] = [:]
        for row in try await query("SELECT status, count(*) FROM \(unescaped: tenant.schema).bookings GROUP BY status") {
            let (status, count) = try row.decode((String, Int64).self)
            byStatus[status] = Int(count)
        }
        // The primary key's order: the newest update id was processed last.
        let last = try await query(
            "SELECT processed_at FROM zapis.processed_updates WHERE tenant_id = \(tenant.rawValue) ORDER BY update_id DESC LIMIT 1")
        return TenantStats(customers: Int(customers), bookingsByStatus: byStatus, lastUpdateAt: try last.first?.decode(Date.self))
    }
}
