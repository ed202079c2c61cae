import BookingCore
import Foundation
import PostgresNIO
import Storage

extension PostgresStore: CatalogStore {
    public func services(_ tenant: TenantID) async throws -> [Service] {
        try await cachedCatalog(\.services, tenant: tenant) {
            try await query("SELECT * FROM \(unescaped: tenant.schema).services ORDER BY display_order, id").map(Self.service)
        }
    }

    // Every catalog write bumps the tenant's `catalog_version` in the same statement (see `CatalogCache`). The guard
    // `(SELECT count(*) FROM bump) >= 0` is always true; it makes the bump run (and lock the tenant row) before the
    // catalog row is touched, so concurrent catalog writers queue on the tenant row instead of deadlocking.

    public func saveService(_ service: Service, tenant: TenantID) async throws -> Service {
        let s = tenant.schema
        let price = try jsonText(service.price)
        let masters = try jsonText(service.masterIDs)
        let deposit = try service.deposit.map { try jsonText($0) }
        let rows: [PostgresRow] = try await changingCatalog(of: tenant) {
            if service.id.rawValue == 0 {
                return try await query(
                    """
                    WITH bump AS (UPDATE zapis.tenants SET catalog_version = catalog_version + 1 WHERE id = \(tenant.rawValue) RETURNING id)
                    INSERT INTO \(unescaped: s).services (name, description, duration_minutes, price, slot_interval_minutes,
                        buffer_before_minutes, buffer_after_minutes, is_active, display_order, master_ids, deposit)
                    SELECT \(service.name), \(service.description), \(service.durationMinutes), \(price)::jsonb,
                        \(service.slotIntervalMinutes)::integer, \(service.bufferBeforeMinutes), \(service.bufferAfterMinutes),
                        \(service.isActive), \(service.displayOrder), \(masters)::jsonb, \(deposit)::jsonb
                    WHERE (SELECT count(*) FROM bump) >= 0
                    RETURNING *
                    """)
            }
            return try await query(
                """
                WITH bump AS (UPDATE zapis.tenants SET catalog_version = catalog_version + 1 WHERE id = \(tenant.rawValue) RETURNING id)
                UPDATE \(unescaped: s).services SET name = \(service.name), description = \(service.description),
                    duration_minutes = \(service.durationMinutes), price = \(price)::jsonb,
                    slot_interval_minutes = \(service.slotIntervalMinutes), buffer_before_minutes = \(service.bufferBeforeMinutes),
                    buffer_after_minutes = \(service.bufferAfterMinutes), is_active = \(service.isActive),
                    display_order = \(service.displayOrder), master_ids = \(masters)::jsonb, deposit = \(deposit)::jsonb
                WHERE id = \(service.id.rawValue) AND (SELECT count(*) FROM bump) >= 0 RETURNING *
                """)
        }
        guard let row = rows.first else { throw StorageError.notFound("service \(service.id)") }
        return try Self.service(row)
    }

    public func masters(_ tenant: TenantID) async throws -> [Master] {
        try await cachedCatalog(\.masters, tenant: tenant) {
            try await query("SELECT * FROM \(unescaped: tenant.schema).masters ORDER BY display_order, id").map(Self.master)
        }
    }

    public func saveMaster(_ master: Master, tenant: TenantID) async throws -> Master {
        let s = tenant.schema
        let plan = try jsonText(master.plan)
        let exceptions = try jsonText(master.exceptions)
        let rows: [PostgresRow] = try await changingCatalog(of: tenant) {
            if master.id.rawValue == 0 {
                return try await query(
                    """
                    WITH bump AS (UPDATE zapis.tenants SET catalog_version = catalog_version + 1 WHERE id = \(tenant.rawValue) RETURNING id)
                    INSERT INTO \(unescaped: s).masters (name, is_active, plan, exceptions, description, display_order, feed_token)
                    SELECT \(master.name), \(master.isActive), \(plan)::jsonb, \(exceptions)::jsonb, \(master.description),
                        \(master.displayOrder), \(master.feedToken)
                    WHERE (SELECT count(*) FROM bump) >= 0 RETURNING *
                    """)
            }
            return try await query(
                """
                WITH bump AS (UPDATE zapis.tenants SET catalog_version = catalog_version + 1 WHERE id = \(tenant.rawValue) RETURNING id)
                UPDATE \(unescaped: s).masters SET name = \(master.name), is_active = \(master.isActive), plan = \(plan)::jsonb,
                    exceptions = \(exceptions)::jsonb, description = \(master.description), display_order = \(master.displayOrder),
                    feed_token = \(master.feedToken)
                WHERE id = \(master.id.rawValue) AND (SELECT count(*) FROM bump) >= 0 RETURNING *
                """)
        }
        guard let row = rows.first else { throw StorageError.notFound("master \(master.id)") }
        return try Self.master(row)
    }

    static func service(_ row: PostgresRow) throws -> Service {
        let r = row.makeRandomAccess()
        return Service(
            id: ServiceID(try r.get("id")), name: try r.get("name"), description: try r.get("description"),
            durationMinutes: try r.get("duration_minutes"), price: try r.json("price", as: Price.self),
            slotIntervalMinutes: try r.get("slot_interval_minutes"), bufferBeforeMinutes: try r.get("buffer_before_minutes"),
            bufferAfterMinutes: try r.get("buffer_after_minutes"), isActive: try r.get("is_active"),
            displayOrder: try r.get("display_order"), masterIDs: try r.json("master_ids", as: [MasterID].self),
            deposit: try r.contains("deposit") ? r.get("deposit", as: String?.self).flatMap { try JSONDecoder().decode(DepositRule?.self, from: Data($0.utf8)) } : nil)
    }

    static func master(_ row: PostgresRow) throws -> Master {
        let r = row.makeRandomAccess()
        return Master(
            id: MasterID(try r.get("id")), name: try r.get("name"), isActive: try r.get("is_active"),
            plan: try r.json("plan", as: WeeklyPlan.self), exceptions: try r.json("exceptions", as: [PlanException].self),
            description: try r.get("description"), displayOrder: try r.get("display_order"), feedToken: try r.get("feed_token"))
    }
}
