import BookingCore
import Foundation

extension InMemoryStore {
    public func completeEndedBookings(tenant: TenantID, now: Date) -> Int {
        let ended = (bookings[tenant] ?? [:]).values.filter { $0.status == .confirmed && $0.end <= now }
        for booking in ended {
            bookings[tenant]?[booking.id]?.status = .completed
            history[tenant, default: [:]][booking.id, default: []].append(
                BookingHistoryEntry(at: now, actor: "system", oldStatus: "confirmed", newStatus: "completed"))
        }
        return ended.count
    }

    public func markVisit(_ id: BookingID, _ mark: VisitMark, tenant: TenantID, now: Date, actor: String) throws -> Booking {
        guard var booking = bookings[tenant]?[id] else { throw BookingError.notFound }
        guard booking.start <= now else { throw BookingError.tooSoon }
        guard let new = booking.marking(mark, now: now) else { throw BookingError.notActive }
        let old = booking.status.code
        booking.status = new
        bookings[tenant]?[id] = booking
        history[tenant, default: [:]][id, default: []].append(BookingHistoryEntry(at: now, actor: actor, oldStatus: old, newStatus: new.code))
        return booking
    }
}
