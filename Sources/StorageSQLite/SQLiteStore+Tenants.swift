import BookingCore
import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore: TenantStore {
    public func insertTenant(_ record: TenantRecord, audit: OperatorAuditEntry?) async throws {
        let p = record.profile
        try await transaction { db in
            let exists = try await db.query("SELECT 1 FROM tenants WHERE id = ?", [.text(p.id.rawValue)])
            guard exists.isEmpty else { throw StorageError.duplicate(p.id.rawValue) }
            _ = try await db.query(
                """
                INSERT INTO tenants (id, name, time_zone, default_language, currency, address, contact, status, policies,
                    encrypted_token, bot_id, bot_username, owner_user_id, created_at, presentation)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(p.id.rawValue), .text(p.name), .text(p.timeZone), .text(p.defaultLanguage), .text(p.currency),
                    .text(p.address), .text(p.contact), .text(p.status.rawValue), try jsonText(record.policies),
                    .blob(.init(bytes: record.encryptedToken)), .integer(Int(record.botID)), .text(record.botUsername),
                    .integer(Int(record.ownerID.rawValue)), record.createdAt.sqlite, try jsonText(p.presentation),
                ])
            if let audit { try await Self.insert(audit, into: db) }
        }
    }

    public func tenant(_ id: TenantID) async throws -> TenantRecord? {
        try await query("SELECT * FROM tenants WHERE id = ?", [.text(id.rawValue)]).first.map(Self.tenantRecord)
    }

    public func allTenants() async throws -> [TenantRecord] {
        try await query("SELECT * FROM tenants ORDER BY id").map(Self.tenantRecord)
    }

    public func setStatus(_ status: TenantStatus, of id: TenantID) async throws {
        let rows = try await query("UPDATE tenants SET status = ? WHERE id = ? RETURNING id", [.text(status.rawValue), .text(id.rawValue)])
        guard !rows.isEmpty else { throw StorageError.notFound(id.rawValue) }
    }

    static func tenantRecord(_ row: SQLiteRow) throws -> TenantRecord {
        guard let id = TenantID(try row.text("id")), let status = TenantStatus(rawValue: try row.text("status")),
            let token = row.column("encrypted_token")?.blob
        else { throw StorageError.corrupt("tenant row") }
        let profile = TenantProfile(
            id: id, name: try row.text("name"), timeZone: try row.text("time_zone"),
            defaultLanguage: try row.text("default_language"), currency: try row.text("currency"),
            address: try row.text("address"), contact: try row.text("contact"), status: status,
            presentation: try row.json("presentation", as: TenantPresentation.self))
        return TenantRecord(
            profile: profile, policies: try row.json("policies", as: Policies.self),
            encryptedToken: Array(token.readableBytesView), botID: try row.int("bot_id"),
            botUsername: try row.text("bot_username"), ownerID: UserID(try row.int("owner_user_id")), createdAt: try row.date("created_at"),
            statusReason: try row.text("status_reason"), statusChangedAt: row.column("status_changed_at")?.double.map(Date.init(timeIntervalSince1970:)))
    }
}
