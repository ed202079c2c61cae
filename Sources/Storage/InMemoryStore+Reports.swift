import BookingCore
import Foundation

extension InMemoryStore {
    public func reportGroups(startingIn range: Range<Date>, master: MasterID?, tenant: TenantID) -> [ReportGroup] {
        let list = (bookings[tenant] ?? [:]).values.filter { range.contains($0.start) && (master == nil || $0.masterID == master) }
        let prices = (services[tenant] ?? [:]).mapValues(\.price)
        return ReportGroup.grouping(Array(list), servicePrices: prices)
    }

    public func changeServices(_ moves: [BookingMove], tenant: TenantID, now: Date) throws -> [Booking] {
        let changed = try moveBookings(moves, tenant: tenant, now: now)
        let prices = Dictionary(moves.map { ($0.id, $0.request.service.price) }, uniquingKeysWith: { a, _ in a })
        return changed.map { booking in
            var booking = booking
            booking.price = prices[booking.id] ?? booking.price
            bookings[tenant]?[booking.id] = booking
            return booking
        }
    }
}
