import BookingCore
import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    public func completeEndedBookings(tenant: TenantID, now: Date) async throws -> Int {
        let s = tenant.schema
        let logger = logger
        // One statement: the rows it changes and their history entries.
        return try await transaction(savepoint: false) { c in
            try await c.rows(
                """
                WITH done AS (
                    UPDATE \(unescaped: s).bookings SET status = 'completed' WHERE status = 'confirmed' AND end_at <= \(now) RETURNING id),
                history AS (
                    INSERT INTO \(unescaped: s).booking_history (booking_id, at, actor, old_status, new_status)
                    SELECT id, \(now), 'system', 'confirmed', 'completed' FROM done)
                SELECT count(*) FROM done
                """, logger: logger
            ).first.map { try $0.first(as: Int64.self) }.map(Int.init) ?? 0
        }
    }

    public func markVisit(_ id: BookingID, _ mark: VisitMark, tenant: TenantID, now: Date, actor: String) async throws -> Booking {
        let s = tenant.schema
        let logger = logger
        return try await transaction(savepoint: false) { c in
            // The row is locked while the change is decided, so a concurrent sweep or mark waits and sees the result.
            guard let row = try await c.rows("SELECT * FROM \(unescaped: s).bookings WHERE id = \(id.rawValue) FOR UPDATE", logger: logger).first
            else { throw BookingError.notFound }
            let booking = try Self.booking(row)
            guard booking.start <= now else { throw BookingError.tooSoon }
            guard let new = booking.marking(mark, now: now) else { throw BookingError.notActive }
            let rows = try await c.rows(
                """
                WITH changed AS (
                    UPDATE \(unescaped: s).bookings SET status = \(new.code) WHERE id = \(id.rawValue) RETURNING *),
                history AS (
                    INSERT INTO \(unescaped: s).booking_history (booking_id, at, actor, old_status, new_status)
                    SELECT id, \(now), \(actor), \(booking.status.code), \(new.code) FROM changed)
                SELECT * FROM changed
                """, logger: logger)
            guard let updated = rows.first else { throw BookingError.notFound }
            return try Self.booking(updated)
        }
    }
}
