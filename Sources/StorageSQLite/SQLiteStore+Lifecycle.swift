import BookingCore
import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore {
    public func updateTenant(
        _ id: TenantID, audit: OperatorAuditEntry?, _ change: @Sendable (inout TenantRecord) throws -> Void
    ) async throws -> TenantRecord {
        try await transaction { db in
            guard let row = try await db.query("SELECT * FROM tenants WHERE id = ?", [.text(id.rawValue)]).first else {
                throw StorageError.notFound(id.rawValue)
            }
            let old = try Self.tenantRecord(row)
            var new = old
            try change(&new)
            guard new.id == old.id, new.createdAt == old.createdAt else { throw StorageError.corrupt("a tenant's id and creation time are fixed") }
            let p = new.profile
            _ = try await db.query(
                """
                UPDATE tenants SET name = ?, time_zone = ?, default_language = ?, currency = ?, address = ?, contact = ?,
                    status = ?, policies = ?, encrypted_token = ?, bot_id = ?, bot_username = ?, owner_user_id = ?,
                    status_reason = ?, status_changed_at = ?, presentation = ?
                WHERE id = ?
                """,
                [
                    .text(p.name), .text(p.timeZone), .text(p.defaultLanguage), .text(p.currency), .text(p.address), .text(p.contact),
                    .text(p.status.rawValue), try jsonText(new.policies), .blob(.init(bytes: new.encryptedToken)), .integer(Int(new.botID)),
                    .text(new.botUsername), .integer(Int(new.ownerID.rawValue)), .text(new.statusReason),
                    new.statusChangedAt?.sqlite ?? .null, try jsonText(p.presentation), .text(id.rawValue),
                ])
            if var audit {
                audit.detail = [audit.detail, new.changes(from: old)].filter { !$0.isEmpty }.joined(separator: "; ")
                try await Self.insert(audit, into: db)
            }
            return new
        }
    }

    public func purgeTenant(_ id: TenantID, audit: OperatorAuditEntry) async throws {
        try await transaction { db in
            // Every table with a tenant_id column, so a table added later is purged too; references are checked
            // once, at commit. Payments and YooKassa notifications are the platform's money records: kept.
            _ = try await db.query("PRAGMA defer_foreign_keys = ON", [])
            let tables = try await db.query(
                """
                SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c
                WHERE m.type = 'table' AND c.name = 'tenant_id'
                    AND m.name NOT IN ('operator_audit', 'payments', 'yookassa_notifications')
                """, [])
            for table in try tables.map({ try $0.text("name") }) {
                _ = try await db.query("DELETE FROM \"\(table)\" WHERE tenant_id = ?", [.text(id.rawValue)])
            }
            let deleted = try await db.query("DELETE FROM tenants WHERE id = ? RETURNING id", [.text(id.rawValue)])
            guard !deleted.isEmpty else { throw StorageError.notFound(id.rawValue) }
            try await Self.insert(audit, into: db)
        }
    }

    public func appendOperatorAudit(_ entry: OperatorAuditEntry) async throws {
        try await transaction { db in try await Self.insert(entry, into: db) }
    }

    public func operatorAudit(tenant: TenantID?, limit: Int) async throws -> [OperatorAuditEntry] {
        let bounded = max(0, min(limit, 10_000))
        let rows =
            if let tenant {
                try await query("SELECT * FROM operator_audit WHERE tenant_id = ? ORDER BY id DESC LIMIT ?", [.text(tenant.rawValue), .integer(bounded)])
            } else {
                try await query("SELECT * FROM operator_audit ORDER BY id DESC LIMIT ?", [.integer(bounded)])
            }
        return try rows.map { row in
            OperatorAuditEntry(
                id: try row.int("id"), at: try row.date("at"), actor: try row.text("actor"),
                tenant: row.optionalText("tenant_id").flatMap(TenantID.init), action: try row.text("action"), detail: try row.text("detail"))
        }
    }

    static func insert(_ entry: OperatorAuditEntry, into db: SQLiteConnection) async throws {
        _ = try await db.query(
            "INSERT INTO operator_audit (at, actor, tenant_id, action, detail) VALUES (?, ?, ?, ?, ?)",
            [entry.at.sqlite, .text(entry.actor), entry.tenant.map { .text($0.rawValue) } ?? .null, .text(entry.action), .text(entry.detail)])
    }
}
