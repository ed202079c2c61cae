import BookingCore
import Foundation
import PostgresNIO
import Storage

/// Where one tenant's rows live: its schema and its rows in the platform tables that belong to it (see
/// `PortableTable.Scope.platformOfTenant`). Kept on the primary server; a tenant without a row is on the primary.
public struct TenantPlacement: Sendable, Equatable {
    /// The tenant.
    public var tenant: TenantID
    /// The server holding its rows.
    public var server: String
    /// The server it is being moved to; while set, its updates wait (answered 503, Telegram delivers them again).
    public var movingTo: String?
    /// Orders changes: each change takes the next value of `zapis.placement_version`.
    public var version: Int64
}

/// The placement table, on the primary's store (platform migration 16).
extension PostgresStore {
    /// Placements changed after `version` (every placement for 0), oldest change first.
    public func placements(after version: Int64) async throws -> [TenantPlacement] {
        try await query(
            "SELECT tenant_id, server, moving_to, version FROM zapis.placement WHERE version > \(version) ORDER BY version"
        ).map { row in
            let (tenant, server, movingTo, version) = try row.decode((String, String, String?, Int64).self)
            guard let id = TenantID(tenant) else { throw StorageError.notFound("placement of \(tenant)") }
            return TenantPlacement(tenant: id, server: server, movingTo: movingTo, version: version)
        }
    }

    /// Tenants per server (servers without tenants are absent).
    public func placementCounts() async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try await query("SELECT server, count(*)::bigint FROM zapis.placement GROUP BY server") {
            let (server, count) = try row.decode((String, Int64).self)
            counts[server] = Int(count)
        }
        return counts
    }

    /// Records `tenant` on the server among `servers` with the fewest tenants (the first on a tie), unless it has a
    /// placement already; returns its server. Concurrent callers take turns, so a burst of new tenants spreads evenly.
    public func place(_ tenant: TenantID, amongst servers: [String], now: Date) async throws -> String {
        guard !servers.isEmpty else { throw StorageError.notFound("servers to place \(tenant) on") }
        return try await transaction { c in
            try await c.rows("SELECT pg_advisory_xact_lock(hashtext('zapis.placement'))::text", logger: logger)
            let existing = try await c.rows("SELECT server FROM zapis.placement WHERE tenant_id = \(tenant.rawValue)", logger: logger)
            if let row = existing.first { return try row.decode(String.self) }
            var counts: [String: Int64] = [:]
            for row in try await c.rows("SELECT server, count(*)::bigint FROM zapis.placement GROUP BY server", logger: logger) {
                let (server, count) = try row.decode((String, Int64).self)
                counts[server] = count
            }
            let chosen = servers.min { counts[$0, default: 0] < counts[$1, default: 0] }!
            try await c.rows(
                """
                INSERT INTO zapis.placement (tenant_id, server, version, changed_at)
                VALUES (\(tenant.rawValue), \(chosen), nextval('zapis.placement_version'), \(now))
                """, logger: logger)
            return chosen
        }
    }

    /// Records every tenant in `tenants` that has no placement as being on `server` (the primary's tenants from before
    /// placement was configured).
    public func adopt(_ tenants: [TenantID], on server: String, now: Date) async throws {
        guard !tenants.isEmpty else { return }
        try await query(
            """
            INSERT INTO zapis.placement (tenant_id, server, version, changed_at)
            SELECT t, \(server), nextval('zapis.placement_version'), \(now) FROM unnest(\(tenants.map(\.rawValue))) AS t
            ON CONFLICT (tenant_id) DO NOTHING
            """)
    }

    /// Forgets the placement of a purged tenant.
    public func removePlacement(_ tenant: TenantID) async throws {
        try await query("DELETE FROM zapis.placement WHERE tenant_id = \(tenant.rawValue)")
    }

    /// Marks `tenant` as moving from `source` to `target`; false when it is not on `source` or is already moving.
    public func beginMove(_ tenant: TenantID, from source: String, to target: String, now: Date) async throws -> Bool {
        try await !query(
            """
            UPDATE zapis.placement SET moving_to = \(target), version = nextval('zapis.placement_version'), changed_at = \(now)
            WHERE tenant_id = \(tenant.rawValue) AND server = \(source) AND moving_to IS NULL RETURNING tenant_id
            """
        ).isEmpty
    }

    /// Ends a move: the tenant is on `server` (its target when the copy is complete, its source when it was undone).
    public func endMove(_ tenant: TenantID, on server: String, now: Date) async throws {
        try await query(
            """
            UPDATE zapis.placement SET server = \(server), moving_to = NULL, version = nextval('zapis.placement_version'),
                changed_at = \(now)
            WHERE tenant_id = \(tenant.rawValue)
            """)
    }

    /// Numbers this server's new payments from `start` on (unless it has passed it), so that a payment id names one
    /// server: pay links and YooKassa's notifications carry only the id.
    public func reservePaymentIDs(from start: Int64) async throws {
        try await query(
            """
            SELECT setval(pg_get_serial_sequence('zapis.payments', 'id'),
                GREATEST(\(start), (SELECT last_value FROM zapis.payments_id_seq)))::text
            """)
    }

    /// Waits for every transaction that has claimed an update on this server to end (new claims wait meanwhile, for
    /// as long as the lock is held: an instant). After it, no transaction that began before it still writes.
    public func fenceClaims(timeout: Duration) async throws {
        let milliseconds = min(max(timeout.components.seconds, 1), 3_600) * 1000
        try await transaction { c in
            try await c.run("SET LOCAL lock_timeout = \(unescaped: String(milliseconds))", logger: logger)
            try await c.run("LOCK TABLE zapis.processed_updates IN EXCLUSIVE MODE", logger: logger)
        }
    }

    /// Removes a moved tenant's rows from this (its former) server, unless it claimed updates after its copy was taken:
    /// with claims locked out (an instant), compares the tenant's processed updates with `copied`; false (nothing
    /// removed) when they differ, so an update that slipped in during the copy is never dropped.
    public func removeMovedTenant(_ tenant: TenantID, copiedUpdates copied: Int, timeout: Duration) async throws -> Bool {
        let milliseconds = min(max(timeout.components.seconds, 1), 3_600) * 1000
        let logger = logger
        let removed = try await transaction { c in
            try await c.run("SET LOCAL lock_timeout = \(unescaped: String(milliseconds))", logger: logger)
            try await c.run("LOCK TABLE zapis.processed_updates IN EXCLUSIVE MODE", logger: logger)
            let row = try await c.rows(
                "SELECT count(*)::bigint FROM zapis.processed_updates WHERE tenant_id = \(tenant.rawValue)", logger: logger
            ).first
            guard try row?.decode(Int64.self) == Int64(copied) else { return false }
            try await PostgresPortable(connection: c, logger: logger).removeTenant(tenant)
            return true
        }
        catalogCache.invalidate(tenant)
        return removed
    }

    /// How many of `tenant`'s unsent outbox rows a sender holds right now (being sent).
    public func leasedOutboxRows(_ tenant: TenantID, now: Date) async throws -> Int {
        let row = try await query(
            """
            SELECT count(*)::bigint FROM zapis.outbox
            WHERE tenant_id = \(tenant.rawValue) AND sent_at IS NULL AND failed_at IS NULL AND lease_until >= \(now)
            """
        ).first
        return Int(try row?.decode(Int64.self) ?? 0)
    }
}
