import BookingCore
import Foundation

/// A tenant's waitlist. State changes are compare-and-set, so two cancellations at once never offer one entry twice.
public protocol WaitlistStore: Sendable {
    /// Adds `entry` as waiting unless the customer is already in line for the same service, master choice and day;
    /// returns the stored entry (the existing one then) and whether it is new.
    func joinWaitlist(_ entry: WaitlistEntry, tenant: TenantID) async throws -> (entry: WaitlistEntry, isNew: Bool)
    /// One entry, or nil.
    func waitlistEntry(_ id: WaitlistEntryID, tenant: TenantID) async throws -> WaitlistEntry?
    /// The entries in line (waiting or offered) for `date`, first in line first.
    func waitlist(on date: LocalDate, tenant: TenantID) async throws -> [WaitlistEntry]
    /// A customer's entries in line, first in line first.
    func waitlist(of customer: UserID, tenant: TenantID) async throws -> [WaitlistEntry]
    /// Holds `offer` for a waiting entry (waiting → offered), atomically with the check that `offer.held` is free at
    /// `now`: no active booking or block of the master and no other live hold overlaps it. False, changing nothing,
    /// when the entry is not waiting or the time is taken. The hold is a reservation: see `BookingStore.createBooking`.
    func offerWaitlistSlot(_ id: WaitlistEntryID, offer: WaitlistOffer, tenant: TenantID, now: Date) async throws -> Bool
    /// Ends an entry's offer (offered → `status`: booked, expired, or back to waiting); false when it holds no offer.
    func resolveWaitlistOffer(_ id: WaitlistEntryID, as status: WaitlistStatus, tenant: TenantID) async throws -> Bool
    /// Takes `customer`'s entry out of line (→ left); false when it is not theirs or not in line.
    func leaveWaitlist(_ id: WaitlistEntryID, customer: UserID, tenant: TenantID) async throws -> Bool
}
