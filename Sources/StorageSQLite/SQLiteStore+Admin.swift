import BookingCore
import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore: AdminStore, AuditStore, TextOverrideStore {
    public func admins(_ tenant: TenantID) async throws -> [AdminMember] {
        try await query("SELECT * FROM admins WHERE tenant_id = ? ORDER BY user_id", [.text(tenant.rawValue)]).map { row in
            guard let role = AdminRole(rawValue: try row.text("role")) else { throw StorageError.corrupt("admin role") }
            return AdminMember(
                userID: UserID(try row.int("user_id")), role: role, name: try row.text("name"), notify: try row.int("notify") != 0,
                addedAt: try row.date("added_at"), languageCode: row.column("language_code")?.string,
                masterID: row.column("master_id")?.integer.map { MasterID(Int64($0)) })
        }
    }

    public func saveAdmin(_ member: AdminMember, tenant: TenantID) async throws {
        _ = try await query(
            """
            INSERT INTO admins (tenant_id, user_id, role, name, notify, added_at, language_code, master_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (tenant_id, user_id) DO UPDATE SET role = excluded.role, name = excluded.name, notify = excluded.notify,
                master_id = excluded.master_id,
                language_code = coalesce(excluded.language_code, admins.language_code)
            """,
            [
                .text(tenant.rawValue), .integer(Int(member.userID.rawValue)), .text(member.role.rawValue), .text(member.name),
                .integer(member.notify ? 1 : 0), member.addedAt.sqlite, member.languageCode.map { .text($0) } ?? .null,
                member.masterID.map { .integer(Int($0.rawValue)) } ?? .null,
            ])
    }

    @discardableResult
    public func removeAdmin(_ user: UserID, tenant: TenantID) async throws -> Bool {
        let rows = try await query(
            "DELETE FROM admins WHERE tenant_id = ? AND user_id = ? RETURNING user_id", [.text(tenant.rawValue), .integer(Int(user.rawValue))])
        return !rows.isEmpty
    }

    @discardableResult
    public func appendAudit(_ entry: AuditEntry, tenant: TenantID) async throws -> AuditEntry {
        let rows = try await query(
            """
            INSERT INTO audit_log (tenant_id, at, actor, action, target, old_value, new_value, outcome)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """,
            [
                .text(tenant.rawValue), entry.at.sqlite, .integer(Int(entry.actor.rawValue)), .text(entry.action), .text(entry.target),
                entry.oldValue.map { .text($0) } ?? .null, entry.newValue.map { .text($0) } ?? .null, .text(entry.outcome.rawValue),
            ])
        var stored = entry
        stored.id = try rows.first?.int("id") ?? 0
        return stored
    }

    public func auditLog(_ tenant: TenantID, offset: Int, limit: Int) async throws -> [AuditEntry] {
        try await query(
            "SELECT * FROM audit_log WHERE tenant_id = ? ORDER BY id DESC LIMIT ? OFFSET ?",
            [.text(tenant.rawValue), .integer(max(0, limit)), .integer(max(0, offset))]
        ).map { row in
            guard let outcome = AuditOutcome(rawValue: try row.text("outcome")) else { throw StorageError.corrupt("audit outcome") }
            return AuditEntry(
                id: try row.int("id"), at: try row.date("at"), actor: UserID(try row.int("actor")), action: try row.text("action"),
                target: try row.text("target"), oldValue: row.optionalText("old_value"), newValue: row.optionalText("new_value"),
                outcome: outcome)
        }
    }

    public func textOverrides(_ tenant: TenantID) async throws -> [TextOverride] {
        try await query("SELECT * FROM text_overrides WHERE tenant_id = ? ORDER BY key, language", [.text(tenant.rawValue)]).map { row in
            TextOverride(key: try row.text("key"), language: try row.text("language"), template: try row.text("template"))
        }
    }

    public func setTextOverride(key: String, language: String, template: String?, tenant: TenantID) async throws {
        if let template {
            _ = try await query(
                """
                INSERT INTO text_overrides (tenant_id, key, language, template) VALUES (?, ?, ?, ?)
                ON CONFLICT (tenant_id, key, language) DO UPDATE SET template = excluded.template
                """, [.text(tenant.rawValue), .text(key), .text(language), .text(template)])
        } else {
            _ = try await query(
                "DELETE FROM text_overrides WHERE tenant_id = ? AND key = ? AND language = ?",
                [.text(tenant.rawValue), .text(key), .text(language)])
        }
    }
}
