import Foundation

/// At most `limit` active bookings of one customer starting within `day` (one local day of the tenant): the
/// `maxPerCustomerPerDay` policy as the stores enforce it inside the booking transaction.
public struct DailyCap: Sendable, Equatable {
    /// Bookings allowed on the day.
    public var limit: Int
    /// The local day, as instants.
    public var day: Range<Date>

    /// Creates a cap.
    public init(limit: Int, day: Range<Date>) {
        self.limit = limit
        self.day = day
    }
}

extension Policies {
    /// The per-day cap for a booking starting at `start`, or nil when the tenant sets none.
    public func dailyCap(for start: Date, calendar: ZonedCalendar) -> DailyCap? {
        maxPerCustomerPerDay.map { DailyCap(limit: $0, day: calendar.dayRange(calendar.localDate(of: start))) }
    }
}
