import BookingCore
import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore: ProspectStore {
    public func saveProspect(_ p: Prospect) async throws -> Bool {
        // Replaces only an unpaid order of the same buyer: another buyer's order or a paid one is never overwritten.
        let rows = try await query(
            """
            INSERT INTO prospects (tenant_id, buyer_id, language, business_name, time_zone, bot_id, bot_username, encrypted_token, plan,
                status, attempts, last_error, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ordered', 0, '', ?, ?)
            ON CONFLICT (tenant_id) DO UPDATE SET language = excluded.language, business_name = excluded.business_name,
                time_zone = excluded.time_zone, bot_username = excluded.bot_username, encrypted_token = excluded.encrypted_token,
                plan = excluded.plan, updated_at = excluded.updated_at
            WHERE prospects.buyer_id = excluded.buyer_id AND prospects.status = 'ordered'
            RETURNING tenant_id
            """,
            [
                .text(p.tenant.rawValue), .integer(Int(p.buyer.rawValue)), .text(p.language), .text(p.businessName), .text(p.timeZone),
                .integer(Int(p.botID)), .text(p.botUsername), .blob(.init(bytes: p.encryptedToken)), .text(p.plan.rawValue),
                p.createdAt.sqlite, p.updatedAt.sqlite,
            ])
        return !rows.isEmpty
    }

    public func prospect(_ tenant: TenantID) async throws -> Prospect? {
        try await query("SELECT * FROM prospects WHERE tenant_id = ?", [.text(tenant.rawValue)]).first.map(Self.prospect)
    }

    public func markProspectPaid(_ tenant: TenantID, at: Date) async throws -> Bool {
        try await move(tenant, from: .ordered, to: .paid, at: at)
    }

    public func prospectsToProvision(limit: Int) async throws -> [Prospect] {
        try await query("SELECT * FROM prospects WHERE status = 'paid' ORDER BY updated_at LIMIT ?", [.integer(max(0, min(limit, 1_000)))])
            .map(Self.prospect)
    }

    public func finishProspect(_ tenant: TenantID, at: Date) async throws -> Bool {
        try await move(tenant, from: .paid, to: .provisioned, at: at)
    }

    public func prospectFailed(_ tenant: TenantID, error: String, at: Date) async throws -> Int {
        let rows = try await query(
            "UPDATE prospects SET attempts = attempts + 1, last_error = ? WHERE tenant_id = ? RETURNING attempts",
            [.text(String(error.prefix(500))), .text(tenant.rawValue)])
        return Int(try rows.first?.int("attempts") ?? 0)
    }

    private func move(_ tenant: TenantID, from: ProspectStatus, to: ProspectStatus, at: Date) async throws -> Bool {
        let rows = try await query(
            "UPDATE prospects SET status = ?, updated_at = ? WHERE tenant_id = ? AND status = ? RETURNING tenant_id",
            [.text(to.rawValue), at.sqlite, .text(tenant.rawValue), .text(from.rawValue)])
        return !rows.isEmpty
    }

    static func prospect(_ row: SQLiteRow) throws -> Prospect {
        guard let tenant = TenantID(try row.text("tenant_id")), let plan = PlanCode(try row.text("plan")),
            let status = ProspectStatus(rawValue: try row.text("status")), let token = row.column("encrypted_token")?.blob
        else { throw StorageError.corrupt("prospect row") }
        return Prospect(
            tenant: tenant, buyer: UserID(try row.int("buyer_id")), language: try row.text("language"), businessName: try row.text("business_name"),
            timeZone: try row.text("time_zone"), botID: try row.int("bot_id"), botUsername: try row.text("bot_username"),
            encryptedToken: Array(token.readableBytesView), plan: plan, status: status, attempts: Int(try row.int("attempts")),
            lastError: try row.text("last_error"), createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }
}
