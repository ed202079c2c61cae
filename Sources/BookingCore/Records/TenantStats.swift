import Foundation

/// What the operator sees of a tenant's activity: its customers, its bookings by status and its latest update.
public struct TenantStats: Hashable, Sendable {
    /// Customers who ever talked to the bot.
    public var customers: Int
    /// Bookings by stored status code (`confirmed`, `cancelled`, `completed`, `no_show`); absent codes are 0.
    public var bookingsByStatus: [String: Int]
    /// When the latest update of the tenant was processed; nil when none is recorded (or update dedupe lives in Redis).
    public var lastUpdateAt: Date?

    /// Creates stats.
    public init(customers: Int, bookingsByStatus: [String: Int], lastUpdateAt: Date?) {
        self.customers = customers
        self.bookingsByStatus = bookingsByStatus
        self.lastUpdateAt = lastUpdateAt
    }
}
