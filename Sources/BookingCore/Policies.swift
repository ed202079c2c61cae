/// A tenant's booking rules. Defaults are the product's.
public struct Policies: Hashable, Sendable, Codable {
    /// Tenant slot grid, 5–240 minutes.
    public var slotIntervalMinutes: Int = 60
    /// Minimum minutes between now and a slot's start.
    public var minNoticeMinutes: Int = 0
    /// How many days ahead customers may book.
    public var horizonDays: Int = 90
    /// Active future bookings one customer may hold.
    public var maxActivePerCustomer: Int = 3
    /// Optional cap of one customer's bookings per day.
    public var maxPerCustomerPerDay: Int? = nil
    /// Cancel / reschedule allowed only this many hours before the start.
    public var cancelNoticeHours: Int = 24

    /// The defaults.
    public init() {}
}

/// Why a booking, cancel or reschedule was refused.
public enum BookingError: Error, Hashable, Sendable {
    /// Someone else holds an overlapping time, or it is blocked.
    case slotTaken
    /// The slot is not on the bookable grid or outside working hours.
    case outsideWorkingHours
    /// The start is in the past or inside the minimum notice.
    case tooSoon
    /// The start is beyond the horizon.
    case beyondHorizon
    /// The customer already holds the maximum of active bookings.
    case customerLimitReached(Int)
    /// The customer already holds the maximum for that day.
    case dailyLimitReached(Int)
    /// The service or master no longer exists or is inactive.
    case unavailable
    /// No such booking for this customer.
    case notFound
    /// The booking is not active any more.
    case notActive
    /// Too close to the start to cancel or move.
    case insideCancelWindow(hours: Int)
}
