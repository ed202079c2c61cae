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
    /// Puts `mark` on a booking that has started (see `Booking.marking(_:now:)`), with a history entry by `actor`, the
    /// row locked while the change is decided. Throws `BookingError.notFound`, `.tooSoon` (not started yet) or
    /// `.notActive` (cancelled, already in that state, or an undo that no longer applies).
    func markVisit(_ id: BookingID, _ mark: VisitMark, tenant: TenantID, now: Date, actor: String) async throws -> Booking
    /// The bookings starting in `range` (of `master`, or every master's when nil), counted by master, service, status and
    /// price (see `ReportGroup`), in one aggregate query.
    func reportGroups(startingIn range: Range<Date>, master: MasterID?, tenant: TenantID) async throws -> [ReportGroup]
    /// Changes every booking of `moves` to its request's service (same start, master and customer; a new length) or none,
    /// as `moveBookings` does, and sets each one's price to its new service's. Throws `BookingError` on a refusal.
    func changeServices(_ moves: [BookingMove], tenant: TenantID, now: Date) async throws -> [Booking]
}

extension BackOfficeStore {
    /// Marks a booking that has started as a no-show (`noShow`: confirmed or completed → no_show) or undoes the mark
    /// (no_show → completed: the visit took place after all).
    public func setNoShow(_ id: BookingID, _ noShow: Bool, tenant: TenantID, now: Date, actor: String) async throws -> Booking {
        try await markVisit(id, noShow ? .noShow : .undoNoShow, tenant: tenant, now: now, actor: actor)
    }
}

/// What an admin marks on a visit from the booking card once it has started.
public enum VisitMark: String, Sendable, CaseIterable, Codable {
    /// The client did not come (confirmed or completed → no_show).
    case noShow = "n"
    /// They came after all (no_show → completed).
    case undoNoShow = "u"
    /// The client came: the visit counts as taking place (confirmed → completed).
    case arrived = "a"
    /// The arrival was marked by mistake (completed → confirmed), only before the booking ends (then the sweep would
    /// complete it again).
    case undoArrived = "x"
}

extension Booking {
    /// The status `mark` moves this booking to at `now`; nil when it does not apply.
    public func marking(_ mark: VisitMark, now: Date) -> BookingStatus? {
        switch (status, mark) {
        case (.confirmed, .noShow), (.completed, .noShow): .noShow
        case (.noShow, .undoNoShow): .completed
        case (.confirmed, .arrived): .completed
        case (.completed, .undoArrived): end > now ? .confirmed : nil
        default: nil
        }
    }
}
