import BookingCore
import Foundation

/// A customer with what the tenant knows about them.
public struct CustomerRecord: Hashable, Sendable {
    /// Who they are.
    public var profile: CustomerProfile
    /// First contact.
    public var firstSeen: Date
    /// Since when messages to them fail because they blocked the bot, if they did.
    public var unreachableSince: Date?

    /// Creates a record.
    public init(profile: CustomerProfile, firstSeen: Date, unreachableSince: Date? = nil) {
        self.profile = profile
        self.firstSeen = firstSeen
        self.unreachableSince = unreachableSince
    }
}

/// One booking's new placement in a batch move.
public struct BookingMove: Hashable, Sendable {
    /// The booking.
    public var id: BookingID
    /// Where it goes (customer and chat must be the booking's own).
    public var request: BookingRequest

    /// Creates a move.
    public init(id: BookingID, request: BookingRequest) {
        self.id = id
        self.request = request
    }
}

/// What the admin side reads and changes beyond the customer stores.
public protocol BackOfficeStore: Sendable {
    /// Bookings of every status starting in `range`, by start.
    func bookings(startingIn range: Range<Date>, tenant: TenantID) async throws -> [Booking]
    /// Every customer, by first contact.
    func customerRecords(_ tenant: TenantID) async throws -> [CustomerRecord]
    /// One customer, or nil.
    func customerRecord(_ user: UserID, tenant: TenantID) async throws -> CustomerRecord?
    /// Replaces a tenant's policies; throws `StorageError.notFound` for an unknown tenant.
    func updatePolicies(_ policies: Policies, of tenant: TenantID) async throws
    /// Moves every booking of `moves` or none (one transaction): each must be active, and its new occupied time free of
    /// blocks and of active bookings not in the batch and of the batch's other new times. Throws `BookingError` on a refusal.
    func moveBookings(_ moves: [BookingMove], tenant: TenantID, now: Date) async throws -> [Booking]
}
