import BookingCore
import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore: CatalogStore {
    public func services(_ tenant: TenantID) async throws -> [Service] {
        try await query("SELECT * FROM services WHERE tenant_id = ? ORDER BY display_order, id", [.text(tenant.rawValue)])
            .map(Self.service)
    }

    public func saveService(_ service: Service, tenant: TenantID) async throws -> Service {
        let values: [SQLiteData] = [
            .text(service.name), .text(service.description), .integer(service.durationMinutes), try jsonText(service.price),
            service.slotIntervalMinutes.map { .integer($0) } ?? .null, .integer(service.bufferBeforeMinutes),
            .integer(service.bufferAfterMinutes), .integer(service.isActive ? 1 : 0), .integer(service.displayOrder),
            try jsonText(service.masterIDs), try service.deposit.map { try jsonText($0) } ?? .null,
        ]
        let rows: [SQLiteRow]
        if service.id.rawValue == 0 {
            rows = try await query(
                """
                INSERT INTO services (name, description, duration_minutes, price, slot_interval_minutes,
                    buffer_before_minutes, buffer_after_minutes, is_active, display_order, master_ids, deposit, tenant_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *
                """, values + [.text(tenant.rawValue)])
        } else {
            rows = try await query(
                """
                UPDATE services SET name = ?, description = ?, duration_minutes = ?, price = ?, slot_interval_minutes = ?,
                    buffer_before_minutes = ?, buffer_after_minutes = ?, is_active = ?, display_order = ?, master_ids = ?, deposit = ?
                WHERE tenant_id = ? AND id = ? RETURNING *
                """, values + [.text(tenant.rawValue), .integer(Int(service.id.rawValue))])
        }
        guard let row = rows.first else { throw StorageError.notFound("service \(service.id)") }
        return try Self.service(row)
    }

    public func masters(_ tenant: TenantID) async throws -> [Master] {
        try await query("SELECT * FROM masters WHERE tenant_id = ? ORDER BY display_order, id", [.text(tenant.rawValue)]).map(Self.master)
    }

    public func saveMaster(_ master: Master, tenant: TenantID) async throws -> Master {
        let values: [SQLiteData] = [
            .text(master.name), .integer(master.isActive ? 1 : 0), try jsonText(master.plan), try jsonText(master.exceptions),
            .text(master.description), .integer(master.displayOrder), master.feedToken.map { .text($0) } ?? .null,
        ]
        let rows: [SQLiteRow]
        if master.id.rawValue == 0 {
            rows = try await query(
                """
                INSERT INTO masters (name, is_active, plan, exceptions, description, display_order, feed_token, tenant_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *
                """,
                values + [.text(tenant.rawValue)])
        } else {
            rows = try await query(
                """
                UPDATE masters SET name = ?, is_active = ?, plan = ?, exceptions = ?, description = ?, display_order = ?, feed_token = ?
                WHERE tenant_id = ? AND id = ? RETURNING *
                """,
                values + [.text(tenant.rawValue), .integer(Int(master.id.rawValue))])
        }
        guard let row = rows.first else { throw StorageError.notFound("master \(master.id)") }
        return try Self.master(row)
    }

    static func service(_ row: SQLiteRow) throws -> Service {
        Service(
            id: ServiceID(try row.int("id")), name: try row.text("name"), description: try row.text("description"),
            durationMinutes: Int(try row.int("duration_minutes")), price: try row.json("price", as: Price.self),
            slotIntervalMinutes: row.column("slot_interval_minutes")?.integer,
            bufferBeforeMinutes: Int(try row.int("buffer_before_minutes")),
            bufferAfterMinutes: Int(try row.int("buffer_after_minutes")), isActive: try row.int("is_active") != 0,
            displayOrder: Int(try row.int("display_order")), masterIDs: try row.json("master_ids", as: [MasterID].self),
            deposit: try row.optionalText("deposit").flatMap { try JSONDecoder().decode(DepositRule?.self, from: Data($0.utf8)) })
    }

    static func master(_ row: SQLiteRow) throws -> Master {
        Master(
            id: MasterID(try row.int("id")), name: try row.text("name"), isActive: try row.int("is_active") != 0,
            plan: try row.json("plan", as: WeeklyPlan.self), exceptions: try row.json("exceptions", as: [PlanException].self),
            description: try row.text("description"), displayOrder: Int(try row.int("display_order")), feedToken: row.optionalText("feed_token"))
    }
}
