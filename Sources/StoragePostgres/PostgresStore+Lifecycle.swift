import BookingCore
import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    public func updateTenant(
        _ id: TenantID, audit: OperatorAuditEntry?, _ change: @Sendable (inout TenantRecord) throws -> Void
    ) async throws -> TenantRecord {
        let logger = logger
        return try await transaction { connection in
            guard let row = try await connection.rows("SELECT * FROM zapis.tenants WHERE id = \(id.rawValue) FOR UPDATE", logger: logger).first
            else { throw StorageError.notFound(id.rawValue) }
            let old = try Self.tenantRecord(row)
            var new = old
            try change(&new)
            guard new.id == old.id, new.createdAt == old.createdAt else { throw StorageError.corrupt("a tenant's id and creation time are fixed") }
            let p = new.profile
            let policies = try jsonText(new.policies)
            let presentation = try jsonText(p.presentation)
            try await connection.run(
                """
                UPDATE zapis.tenants SET name = \(p.name), time_zone = \(p.timeZone), default_language = \(p.defaultLanguage),
                    currency = \(p.currency), address = \(p.address), contact = \(p.contact), status = \(p.status.rawValue),
                    policies = \(policies)::jsonb, encrypted_token = \(Data(new.encryptedToken)), bot_id = \(new.botID),
                    bot_username = \(new.botUsername), owner_user_id = \(new.ownerID.rawValue), status_reason = \(new.statusReason),
                    status_changed_at = \(new.statusChangedAt), presentation = \(presentation)::jsonb
                WHERE id = \(id.rawValue)
                """, logger: logger)
            if var audit {
                audit.detail = [audit.detail, new.changes(from: old)].filter { !$0.isEmpty }.joined(separator: "; ")
                try await Self.insert(audit, on: connection, logger: logger)
            }
            return new
        }
    }

    /// Drops the tenant's schema and deletes its rows of the platform tables (every table with a tenant_id column but
    /// the audit and the money records: payments and YooKassa notifications).
    public func purgeTenant(_ id: TenantID, audit: OperatorAuditEntry) async throws {
        let logger = logger
        try await transaction { connection in
            let deleted = try await connection.rows("DELETE FROM zapis.tenants WHERE id = \(id.rawValue) RETURNING id", logger: logger)
            guard !deleted.isEmpty else { throw StorageError.notFound(id.rawValue) }
            try await connection.run("DROP SCHEMA IF EXISTS \(unescaped: id.schema) CASCADE", logger: logger)
            let tables = try await connection.rows(
                """
                SELECT table_name FROM information_schema.columns
                WHERE table_schema = 'zapis' AND column_name = 'tenant_id'
                    AND table_name NOT IN ('operator_audit', 'payments', 'yookassa_notifications')
                """, logger: logger
            ).map { try $0.decode(String.self) }
            for table in tables {
                try await connection.run("DELETE FROM zapis.\(unescaped: "\"" + table + "\"") WHERE tenant_id = \(id.rawValue)", logger: logger)
            }
            try await Self.insert(audit, on: connection, logger: logger)
        }
        catalogCache.invalidate(id)
    }

    public func appendOperatorAudit(_ entry: OperatorAuditEntry) async throws {
        let logger = logger
        try await transaction { connection in try await Self.insert(entry, on: connection, logger: logger) }
    }

    public func operatorAudit(tenant: TenantID?, limit: Int) async throws -> [OperatorAuditEntry] {
        let bounded = max(0, min(limit, 10_000))
        let rows =
            if let tenant {
                try await query("SELECT * FROM zapis.operator_audit WHERE tenant_id = \(tenant.rawValue) ORDER BY id DESC LIMIT \(bounded)")
            } else {
                try await query("SELECT * FROM zapis.operator_audit ORDER BY id DESC LIMIT \(bounded)")
            }
        return try rows.map { row in
            let r = row.makeRandomAccess()
            return OperatorAuditEntry(
                id: try r.get("id"), at: try r.get("at"), actor: try r.get("actor"),
                tenant: try r.get("tenant_id", as: String?.self).flatMap(TenantID.init), action: try r.get("action"), detail: try r.get("detail"))
        }
    }

    static func insert(_ entry: OperatorAuditEntry, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.run(
            """
            INSERT INTO zapis.operator_audit (at, actor, tenant_id, action, detail)
            VALUES (\(entry.at), \(entry.actor), \(entry.tenant?.rawValue), \(entry.action), \(entry.detail))
            """, logger: logger)
    }
}
