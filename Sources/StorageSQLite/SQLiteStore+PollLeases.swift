import BookingCore
import Foundation
import Storage

extension SQLiteStore: PollLeaseStore {
    public func registerPollLeases(_ tenants: [TenantID]) async throws {
        guard !tenants.isEmpty else { return }
        try await transaction { db in
            for tenant in tenants {
                _ = try await db.query(
                    "INSERT INTO poll_leases (tenant_id, owner, lease_until) VALUES (?, '', 0) ON CONFLICT (tenant_id) DO NOTHING",
                    [.text(tenant.rawValue)])
            }
        }
    }

    public func renewPollLeases(owner: String, until: Date, now: Date) async throws -> Set<TenantID> {
        // Ours (still valid) and every expired one: a dead instance's bots move here in one statement.
        let rows = try await query(
            """
            UPDATE poll_leases SET owner = ?, lease_until = ?
            WHERE (owner = ? AND lease_until >= ?) OR lease_until < ?
            RETURNING tenant_id
            """, [.text(owner), until.sqlite, .text(owner), now.sqlite, now.sqlite])
        return Set(rows.compactMap { $0.column("tenant_id")?.string.flatMap(TenantID.init) })
    }

    public func pollLeaseOwners(now: Date) async throws -> [TenantID: String] {
        var owners: [TenantID: String] = [:]
        for row in try await query("SELECT tenant_id, owner FROM poll_leases WHERE lease_until >= ?", [now.sqlite]) {
            if let id = row.column("tenant_id")?.string.flatMap(TenantID.init), let owner = row.column("owner")?.string { owners[id] = owner }
        }
        return owners
    }

    public func releasePollLeases(owner: String) async throws {
        _ = try await query("UPDATE poll_leases SET lease_until = 0 WHERE owner = ?", [.text(owner)])
    }
}
