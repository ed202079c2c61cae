import BookingCore
import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore {
    public func completeEndedBookings(tenant: TenantID, now: Date) async throws -> Int {
        let t = SQLiteData.text(tenant.rawValue)
        return try await transaction { db in
            let rows = try await db.query(
                "UPDATE bookings SET status = 'completed' WHERE tenant_id = ? AND status = 'confirmed' AND end_at <= ? RETURNING id",
                [t, now.sqlite])
            for row in rows {
                try await Self.recordHistory(
                    db, tenant: tenant, booking: BookingID(try row.int("id")), at: now, actor: "system", old: "confirmed", new: "completed",
                    note: nil)
            }
            return rows.count
        }
    }

    public func markVisit(_ id: BookingID, _ mark: VisitMark, tenant: TenantID, now: Date, actor: String) async throws -> Booking {
        let t = SQLiteData.text(tenant.rawValue)
        return try await transaction { db in
            guard let row = try await db.query("SELECT * FROM bookings WHERE tenant_id = ? AND id = ?", [t, .integer(Int(id.rawValue))]).first
            else { throw BookingError.notFound }
            let booking = try Self.booking(row)
            guard booking.start <= now else { throw BookingError.tooSoon }
            guard let new = booking.marking(mark, now: now) else { throw BookingError.notActive }
            let rows = try await db.query(
                "UPDATE bookings SET status = ? WHERE tenant_id = ? AND id = ? RETURNING *", [.text(new.code), t, .integer(Int(id.rawValue))])
            guard let updated = rows.first else { throw BookingError.notFound }
            try await Self.recordHistory(db, tenant: tenant, booking: id, at: now, actor: actor, old: booking.status.code, new: new.code, note: nil)
            return try Self.booking(updated)
        }
    }
}
