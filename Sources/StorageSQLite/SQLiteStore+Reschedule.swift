import BookingCore
import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore {
    public func rescheduleBooking(
        _ id: BookingID, to request: BookingRequest, tenant: TenantID, maxActivePerCustomer: Int, perDay: DailyCap?, now: Date, actor: String
    )
        async throws -> Booking
    {
        let occupied = request.occupied
        let t = SQLiteData.text(tenant.rawValue)
        let bookingID = SQLiteData.integer(Int(id.rawValue))
        let master = SQLiteData.integer(Int(request.masterID.rawValue))
        return try await transaction { db in
            let current = try await db.query("SELECT * FROM bookings WHERE tenant_id = ? AND id = ?", [t, bookingID])
            guard let row = current.first else { throw BookingError.notFound }
            let old = try Self.booking(row)
            guard old.customer == request.customer else { throw BookingError.notFound }
            // A held booking waits for its deposit: it is paid for as it is, or it runs out; it does not move.
            guard old.status == .confirmed else { throw BookingError.notActive }
            let clash = try await db.query(
                """
                SELECT 1 FROM bookings WHERE tenant_id = ? AND master_id = ? AND status IN ('confirmed', 'held') AND id <> ?
                    AND occupied_from < ? AND occupied_to > ?
                UNION ALL
                SELECT 1 FROM blocks WHERE tenant_id = ? AND (master_id IS NULL OR master_id = ?)
                    AND start_at < ? AND end_at > ?
                LIMIT 1
                """,
                [
                    t, master, bookingID, occupied.upperBound.sqlite, occupied.lowerBound.sqlite,
                    t, master, occupied.upperBound.sqlite, occupied.lowerBound.sqlite,
                ])
            guard clash.isEmpty else { throw BookingError.slotTaken }
            try await Self.requireNotHeld(request, tenant: tenant, now: now, on: db)
            let held = try await db.query(
                "SELECT count(*) AS n FROM bookings WHERE tenant_id = ? AND customer_id = ? AND status IN ('confirmed', 'held') AND end_at > ? AND id <> ?",
                [t, .integer(Int(request.customer.rawValue)), now.sqlite, bookingID])
            if try held.first?.int("n") ?? 0 >= Int64(maxActivePerCustomer) {
                throw BookingError.customerLimitReached(maxActivePerCustomer)
            }
            try await Self.requireUnderDailyCap(perDay, customer: request.customer, excluding: id, tenant: tenant, on: db)
            let rows = try await db.query(
                """
                UPDATE bookings SET chat_id = ?, service_id = ?, master_id = ?, start_at = ?, end_at = ?, occupied_from = ?,
                    occupied_to = ?, buffer_before_minutes = ?, buffer_after_minutes = ?
                WHERE tenant_id = ? AND id = ? RETURNING *
                """,
                [
                    .integer(Int(request.chat.rawValue)), .integer(Int(request.service.id.rawValue)), master,
                    request.start.sqlite, request.end.sqlite, occupied.lowerBound.sqlite, occupied.upperBound.sqlite,
                    .integer(request.service.bufferBeforeMinutes), .integer(request.service.bufferAfterMinutes), t, bookingID,
                ])
            guard let updated = rows.first else { throw BookingError.notFound }
            let booking = try Self.booking(updated)
            let from = BookingPlacement(old)
            let to = BookingPlacement(booking)
            _ = try await db.query(
                """
                INSERT INTO booking_history (tenant_id, booking_id, at, actor, old_status, new_status,
                    from_start_at, from_end_at, from_master_id, from_service_id, to_start_at, to_end_at, to_master_id, to_service_id)
                VALUES (?, ?, ?, ?, 'confirmed', 'confirmed', ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [t, bookingID, now.sqlite, .text(actor)] + Self.binds(from) + Self.binds(to))
            return booking
        }
    }

    public func history(of id: BookingID, tenant: TenantID) async throws -> [BookingHistoryEntry] {
        try await query(
            "SELECT * FROM booking_history WHERE tenant_id = ? AND booking_id = ? ORDER BY id",
            [.text(tenant.rawValue), .integer(Int(id.rawValue))]
        ).map { row in
            BookingHistoryEntry(
                at: try row.date("at"), actor: try row.text("actor"), oldStatus: row.optionalText("old_status"),
                newStatus: try row.text("new_status"), note: row.optionalText("note"), from: try Self.placement(row, "from"),
                to: try Self.placement(row, "to"))
        }
    }

    static func binds(_ placement: BookingPlacement) -> [SQLiteData] {
        [
            placement.start.sqlite, placement.end.sqlite, .integer(Int(placement.masterID.rawValue)),
            .integer(Int(placement.serviceID.rawValue)),
        ]
    }

    static func placement(_ row: SQLiteRow, _ side: String) throws -> BookingPlacement? {
        guard row.column("\(side)_start_at")?.double != nil else { return nil }
        return BookingPlacement(
            start: try row.date("\(side)_start_at"), end: try row.date("\(side)_end_at"),
            masterID: MasterID(try row.int("\(side)_master_id")), serviceID: ServiceID(try row.int("\(side)_service_id")))
    }
}
