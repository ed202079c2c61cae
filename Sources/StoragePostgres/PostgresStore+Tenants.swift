import BookingCore
import Foundation
import PostgresNIO
import Storage

extension PostgresStore: TenantStore {
    /// Inserts the tenant row and creates and migrates its schema, in one transaction: a tenant exists with a
    /// complete schema, or not at all.
    public func insertTenant(_ record: TenantRecord, audit: OperatorAuditEntry?) async throws {
        let p = record.profile
        let policies = try jsonText(record.policies)
        let presentation = try jsonText(p.presentation)
        let logger = logger
        try await transaction { connection in
            let inserted = try await connection.rows(
                """
                INSERT INTO zapis.tenants (id, name, time_zone, default_language, currency, address, contact, status, policies,
                    encrypted_token, bot_id, bot_username, owner_user_id, created_at, presentation)
                VALUES (\(p.id.rawValue), \(p.name), \(p.timeZone), \(p.defaultLanguage), \(p.currency), \(p.address),
                    \(p.contact), \(p.status.rawValue), \(policies)::jsonb, \(Data(record.encryptedToken)), \(record.botID),
                    \(record.botUsername), \(record.ownerID.rawValue), \(record.createdAt), \(presentation)::jsonb)
                ON CONFLICT (id) DO NOTHING RETURNING id
                """, logger: logger)
            guard !inserted.isEmpty else { throw StorageError.duplicate(p.id.rawValue) }
            _ = try await PostgresMigrator.migrate(SchemaName(p.id), on: connection, logger: logger)
            if let audit { try await Self.insert(audit, on: connection, logger: logger) }
        }
        // A tenant recreated under an old id starts again at catalog version 0: forget what was cached under it.
        catalogCache.invalidate(p.id)
    }

    public func tenant(_ id: TenantID) async throws -> TenantRecord? {
        try await query("SELECT * FROM zapis.tenants WHERE id = \(id.rawValue)").first.map(Self.tenantRecord)
    }

    public func allTenants() async throws -> [TenantRecord] {
        try await query("SELECT * FROM zapis.tenants ORDER BY id").map(Self.tenantRecord)
    }

    public func setStatus(_ status: TenantStatus, of id: TenantID) async throws {
        let rows = try await query("UPDATE zapis.tenants SET status = \(status.rawValue) WHERE id = \(id.rawValue) RETURNING id")
        guard !rows.isEmpty else { throw StorageError.notFound(id.rawValue) }
    }

    static func tenantRecord(_ row: PostgresRow) throws -> TenantRecord {
        let r = row.makeRandomAccess()
        guard let id = TenantID(try r.get("id", as: String.self)), let status = TenantStatus(rawValue: try r.get("status", as: String.self))
        else { throw StorageError.corrupt("tenant row") }
        let profile = TenantProfile(
            id: id, name: try r.get("name"), timeZone: try r.get("time_zone"), defaultLanguage: try r.get("default_language"),
            currency: try r.get("currency"), address: try r.get("address"), contact: try r.get("contact"), status: status,
            presentation: try r.json("presentation", as: TenantPresentation.self))
        return TenantRecord(
            profile: profile, policies: try r.json("policies", as: Policies.self),
            encryptedToken: [UInt8](try r.get("encrypted_token", as: Data.self)), botID: try r.get("bot_id"),
            botUsername: try r.get("bot_username"), ownerID: UserID(try r.get("owner_user_id")), createdAt: try r.get("created_at"),
            statusReason: try r.get("status_reason"), statusChangedAt: try r.get("status_changed_at", as: Date?.self))
    }
}
