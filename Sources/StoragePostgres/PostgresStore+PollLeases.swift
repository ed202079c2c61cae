import BookingCore
import Foundation
import PostgresNIO
import Storage

extension PostgresStore: PollLeaseStore {
    public func registerPollLeases(_ tenants: [TenantID]) async throws {
        guard !tenants.isEmpty else { return }
        try await query(
            """
            INSERT INTO zapis.poll_leases (tenant_id, owner, lease_until)
            SELECT unnest(\(tenants.map(\.rawValue))::text[]), '', 'epoch'::timestamptz
            ON CONFLICT (tenant_id) DO NOTHING
            """)
    }

    public func renewPollLeases(owner: String, until: Date, now: Date) async throws -> Set<TenantID> {
        // Ours (still valid) and every expired one: a dead instance's bots move here in one statement. Rows another
        // instance is renewing at the same moment are skipped rather than waited for.
        let rows = try await query(
            """
            UPDATE zapis.poll_leases l SET owner = \(owner), lease_until = \(until)
            FROM (SELECT tenant_id FROM zapis.poll_leases
                  WHERE (owner = \(owner) AND lease_until >= \(now)) OR lease_until < \(now)
                  FOR UPDATE SKIP LOCKED) picked
            WHERE l.tenant_id = picked.tenant_id
            RETURNING l.tenant_id
            """)
        return Set(try rows.compactMap { TenantID(try $0.decode(String.self)) })
    }

    public func pollLeaseOwners(now: Date) async throws -> [TenantID: String] {
        var owners: [TenantID: String] = [:]
        for row in try await query("SELECT tenant_id, owner FROM zapis.poll_leases WHERE lease_until >= \(now)") {
            let (tenant, owner) = try row.decode((String, String).self)
            if let id = TenantID(tenant) { owners[id] = owner }
        }
        return owners
    }

    public func releasePollLeases(owner: String) async throws {
        try await query("UPDATE zapis.poll_leases SET lease_until = 'epoch'::timestamptz WHERE owner = \(owner)")
    }
}
