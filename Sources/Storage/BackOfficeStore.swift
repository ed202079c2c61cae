import BookingCore
import Foundation

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
