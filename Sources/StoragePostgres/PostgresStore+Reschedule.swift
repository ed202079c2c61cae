import BookingCore
import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    /// One transaction: the customer's lock, the booking's row lock, the checks, then an UPDATE in place. The
    /// exclusion constraint checks the new range against every other confirmed booking (the row's own old
    /// version does not count), so the old time is released only if the new one holds.
    public func rescheduleBooking(
        _ id: BookingID, to request: BookingRequest, tenant: TenantID, maxActivePerCustomer: Int, perDay: DailyCap?, now: Date, actor: String
    )
        async throws -> Booking
    {
        let s = tenant.schema
        let occupied = request.occupied
        let logger = logger
        return try await transaction { c in
            try await Self.lockCustomer(request.customer, tenant: tenant, on: c, logger: logger)
            let current = try await c.rows("SELECT * FROM \(unescaped: s).bookings WHERE id = \(id.rawValue) FOR UPDATE", logger: logger)
            guard let row = current.first else { throw BookingError.notFound }
            let old = try Self.booking(row)
            guard old.customer == request.customer else { throw BookingError.notFound }
            // A held booking waits for its deposit: it is paid for as it is, or it runs out; it does not move.
            guard old.status == .confirmed else { throw BookingError.notActive }
            try await Self.requireFreeAndUnderCap(
                request.masterID, occupied, customer: request.customer, max: maxActivePerCustomer, perDay: perDay, excluding: id, now: now,
                tenant: tenant, on: c, logger: logger)
            let rows = try await c.rows(
                """
                UPDATE \(unescaped: s).bookings SET chat_id = \(request.chat.rawValue), service_id = \(request.service.id.rawValue),
                    master_id = \(request.masterID.rawValue), start_at = \(request.start), end_at = \(request.end),
                    occupied_from = \(occupied.lowerBound), occupied_to = \(occupied.upperBound),
                    buffer_before_minutes = \(request.service.bufferBeforeMinutes),
                    buffer_after_minutes = \(request.service.bufferAfterMinutes)
                WHERE id = \(id.rawValue) RETURNING *
                """, logger: logger)
            guard let updated = rows.first else { throw BookingError.notFound }
            let booking = try Self.booking(updated)
            let from = BookingPlacement(old)
            let to = BookingPlacement(booking)
            try await c.rows(
                """
                INSERT INTO \(unescaped: s).booking_history (booking_id, at, actor, old_status, new_status,
                    from_start_at, from_end_at, from_master_id, from_service_id, to_start_at, to_end_at, to_master_id, to_service_id)
                VALUES (\(id.rawValue), \(now), \(actor), 'confirmed', 'confirmed',
                    \(from.start), \(from.end), \(from.masterID.rawValue), \(from.serviceID.rawValue),
                    \(to.start), \(to.end), \(to.masterID.rawValue), \(to.serviceID.rawValue))
                """, logger: logger)
            return booking
        }
    }

    public func history(of id: BookingID, tenant: TenantID) async throws -> [BookingHistoryEntry] {
        try await query("SELECT * FROM \(unescaped: tenant.schema).booking_history WHERE booking_id = \(id.rawValue) ORDER BY id").map {
            row in
            let r = row.makeRandomAccess()
            return BookingHistoryEntry(
                at: try r.get("at"), actor: try r.get("actor"), oldStatus: try r.get("old_status"), newStatus: try r.get("new_status"),
                note: try r.get("note"), from: try Self.placement(r, "from"), to: try Self.placement(r, "to"))
        }
    }

    static func placement(_ r: PostgresRandomAccessRow, _ side: String) throws -> BookingPlacement? {
        guard let start = try r.get("\(side)_start_at", as: Date?.self) else { return nil }
        return BookingPlacement(
            start: start, end: try r.get("\(side)_end_at"), masterID: MasterID(try r.get("\(side)_master_id")),
            serviceID: ServiceID(try r.get("\(side)_service_id")))
    }
}
