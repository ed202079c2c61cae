import BookingCore
import Foundation
import PostgresNIO
import Storage

extension PostgresStore: ProspectStore {
    public func saveProspect(_ p: Prospect) async throws -> Bool {
        // Replaces only an unpaid order of the same buyer: another buyer's order or a paid one is never overwritten.
        let rows = try await query(
            """
            INSERT INTO zapis.prospects (tenant_id, buyer_id, language, business_name, time_zone, bot_id, bot_username, encrypted_token,
                plan, status, attempts, last_error, created_at, updated_at)
            VALUES (\(p.tenant.rawValue), \(p.buyer.rawValue), \(p.language), \(p.businessName), \(p.timeZone), \(p.botID),
                \(p.botUsername), \(Data(p.encryptedToken)), \(p.plan.rawValue), 'ordered', 0, '', \(p.createdAt), \(p.updatedAt))
            ON CONFLICT (tenant_id) DO UPDATE SET language = excluded.language, business_name = excluded.business_name,
                time_zone = excluded.time_zone, bot_username = excluded.bot_username, encrypted_token = excluded.encrypted_token,
                plan = excluded.plan, updated_at = excluded.updated_at
            WHERE zapis.prospects.buyer_id = excluded.buyer_id AND zapis.prospects.status = 'ordered'
            RETURNING tenant_id
            """)
        return !rows.isEmpty
    }

    public func prospect(_ tenant: TenantID) async throws -> Prospect? {
        try await query("SELECT * FROM zapis.prospects WHERE tenant_id = \(tenant.rawValue)").first.map(Self.prospect)
    }

    public func markProspectPaid(_ tenant: TenantID, at: Date) async throws -> Bool {
        try await move(tenant, from: .ordered, to: .paid, at: at)
    }

    public func prospectsToProvision(limit: Int) async throws -> [Prospect] {
        let bounded = max(0, min(limit, 1_000))
        return try await query("SELECT * FROM zapis.prospects WHERE status = 'paid' ORDER BY updated_at LIMIT \(bounded)").map(Self.prospect)
    }

    public func finishProspect(_ tenant: TenantID, at: Date) async throws -> Bool {
        try await move(tenant, from: .paid, to: .provisioned, at: at)
    }

    public func prospectFailed(_ tenant: TenantID, error: String, at: Date) async throws -> Int {
        let rows = try await query(
            """
            UPDATE zapis.prospects SET attempts = attempts + 1, last_error = \(String(error.prefix(500)))
            WHERE tenant_id = \(tenant.rawValue) RETURNING attempts
            """)
        return Int(try rows.first?.first(as: Int32.self) ?? 0)
    }

    private func move(_ tenant: TenantID, from: ProspectStatus, to: ProspectStatus, at: Date) async throws -> Bool {
        let rows = try await query(
            """
            UPDATE zapis.prospects SET status = \(to.rawValue), updated_at = \(at)
            WHERE tenant_id = \(tenant.rawValue) AND status = \(from.rawValue) RETURNING tenant_id
            """)
        return !rows.isEmpty
    }

    static func prospect(_ row: PostgresRow) throws -> Prospect {
        let r = row.makeRandomAccess()
        guard let tenant = TenantID(try r.get("tenant_id", as: String.self)), let plan = PlanCode(try r.get("plan", as: String.self)),
            let status = ProspectStatus(rawValue: try r.get("status", as: String.self))
        else { throw StorageError.corrupt("prospect") }
        return Prospect(
            tenant: tenant, buyer: UserID(try r.get("buyer_id", as: Int64.self)), language: try r.get("language"),
            businessName: try r.get("business_name"), timeZone: try r.get("time_zone"), botID: try r.get("bot_id"),
            botUsername: try r.get("bot_username"), encryptedToken: [UInt8](try r.get("encrypted_token", as: Data.self)), plan: plan,
            status: status, attempts: Int(try r.get("attempts", as: Int32.self)), lastError: try r.get("last_error"),
            createdAt: try r.get("created_at"), updatedAt: try r.get("updated_at"))
    }
}
