import BookingCore
import Foundation
import PostgresNIO
import Storage

extension PostgresStore: AdminStore, AuditStore, TextOverrideStore {
    public func admins(_ tenant: TenantID) async throws -> [AdminMember] {
        try await query(
            "SELECT user_id, role, name, notify, added_at, language_code, master_id FROM \(unescaped: tenant.schema).admins ORDER BY user_id"
        ).map { row in
            let (user, role, name, notify, added, language, master) = try row.decode((Int64, String, String, Bool, Date, String?, Int64?).self)
            guard let role = AdminRole(rawValue: role) else { throw StorageError.corrupt("admin role") }
            return AdminMember(userID: UserID(user), role: role, name: name, notify: notify, addedAt: added, languageCode: language,
                masterID: master.map(MasterID.init))
        }
    }

    public func saveAdmin(_ member: AdminMember, tenant: TenantID) async throws {
        try await query(
            """
            INSERT INTO \(unescaped: tenant.schema).admins (user_id, role, name, notify, added_at, language_code, master_id)
            VALUES (\(member.userID.rawValue), \(member.role.rawValue), \(member.name), \(member.notify), \(member.addedAt), \(member.languageCode),
                \(member.masterID?.rawValue))
            ON CONFLICT (user_id) DO UPDATE SET role = excluded.role, name = excluded.name, notify = excluded.notify, master_id = excluded.master_id,
                language_code = coalesce(excluded.language_code, admins.language_code)
            """)
    }

    @discardableResult
    public func removeAdmin(_ user: UserID, tenant: TenantID) async throws -> Bool {
        !(try await query("DELETE FROM \(unescaped: tenant.schema).admins WHERE user_id = \(user.rawValue) RETURNING user_id").isEmpty)
    }

    @discardableResult
    public func appendAudit(_ entry: AuditEntry, tenant: TenantID) async throws -> AuditEntry {
        let rows = try await query(
            """
            INSERT INTO \(unescaped: tenant.schema).audit_log (at, actor, action, target, old_value, new_value, outcome)
            VALUES (\(entry.at), \(entry.actor.rawValue), \(entry.action), \(entry.target), \(entry.oldValue), \(entry.newValue),
                \(entry.outcome.rawValue))
            RETURNING id
            """)
        var stored = entry
        stored.id = try rows.first?.first(as: Int64.self) ?? 0
        return stored
    }

    public func auditLog(_ tenant: TenantID, offset: Int, limit: Int) async throws -> [AuditEntry] {
        try await query(
            """
            SELECT id, at, actor, action, target, old_value, new_value, outcome FROM \(unescaped: tenant.schema).audit_log
            ORDER BY id DESC LIMIT \(max(0, limit)) OFFSET \(max(0, offset))
            """
        ).map { row in
            let (id, at, actor, action, target, old, new, outcome) = try row.decode(
                (Int64, Date, Int64, String, String, String?, String?, String).self)
            guard let outcome = AuditOutcome(rawValue: outcome) else { throw StorageError.corrupt("audit outcome") }
            return AuditEntry(
                id: id, at: at, actor: UserID(actor), action: action, target: target, oldValue: old, newValue: new, outcome: outcome)
        }
    }

    public func textOverrides(_ tenant: TenantID) async throws -> [TextOverride] {
        try await cachedCatalog(\.overrides, tenant: tenant) {
            try await query("SELECT key, language, template FROM \(unescaped: tenant.schema).text_overrides ORDER BY key, language").map {
                let (key, language, template) = try $0.decode((String, String, String).self)
                return TextOverride(key: key, language: language, template: template)
            }
        }
    }

    public func setTextOverride(key: String, language: String, template: String?, tenant: TenantID) async throws {
        // Bumps the catalog version in the same statement, tenant row first (see `PostgresStore+Catalog.swift`).
        let s = tenant.schema
        try await changingCatalog(of: tenant) {
            if let template {
                try await query(
                    """
                    WITH bump AS (UPDATE zapis.tenants SET catalog_version = catalog_version + 1 WHERE id = \(tenant.rawValue) RETURNING id)
                    INSERT INTO \(unescaped: s).text_overrides (key, language, template)
                    SELECT \(key), \(language), \(template) WHERE (SELECT count(*) FROM bump) >= 0
                    ON CONFLICT (key, language) DO UPDATE SET template = excluded.template
                    """)
            } else {
                try await query(
                    """
                    WITH bump AS (UPDATE zapis.tenants SET catalog_version = catalog_version + 1 WHERE id = \(tenant.rawValue) RETURNING id)
                    DELETE FROM \(unescaped: s).text_overrides
                    WHERE key = \(key) AND language = \(language) AND (SELECT count(*) FROM bump) >= 0
                    """)
            }
        }
    }
}
