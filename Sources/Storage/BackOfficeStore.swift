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
    /// Marks the confirmed bookings that ended at or before `now` as completed, each with a history entry by
    /// "system"; returns how many. Bookings marked otherwise (cancelled, no-show) are left as they are.
    func completeEndedBookings(tenant: TenantID, now: Date) async throws -> Int
    /// Marks a booking that has started as a no-show (`noShow`: confirmed or completed → no_show) or undoes the mark
    /// (no_show → completed: the visit took place after all), with a history entry by `actor`. Throws
    /// `BookingError.notFound`, `.tooSoon` (not started yet) or `.notActive` (cancelled, or already in that state).
    func setNoShow(_ id: BookingID, _ noShow: Bool, tenant: TenantID, now: Date, actor: String) async throws -> Booking
}

extension BookingStatus {
    /// The status a no-show mark (`noShow`) or its undo moves this one to; nil when it does not apply.
    public func markingNoShow(_ noShow: Bool) -> BookingStatus? {
        switch (self, noShow) {
        case (.confirmed, true), (.completed, true): .noShow
        case (.noShow, false): .completed
        default: nil
        }
    }
}
