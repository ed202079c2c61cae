import BookingCore
import Foundation

/// A tenant's bookings and blocks. Creation is atomic with the overlap and cap checks.
public protocol BookingStore: Sendable {
    /// Inserts a booking if, inside one write transaction, no active booking or block of the master and no live
    /// waitlist hold of another customer (`offer_until > now`) overlaps it (buffers included), the customer holds fewer than `maxActivePerCustomer` future active bookings
    /// and fewer than `perDay.limit` active bookings starting within `perDay.day`. Throws `BookingError.slotTaken`,
    /// `.customerLimitReached` or `.dailyLimitReached`.
    func createBooking(_ request: BookingRequest, tenant: TenantID, maxActivePerCustomer: Int, perDay: DailyCap?, now: Date)
        async throws -> Booking
    /// Cancels an active booking; throws `BookingError.notFound` / `.notActive`.
    func cancelBooking(_ id: BookingID, tenant: TenantID, by: CancelledBy, reason: String?, now: Date) async throws -> Booking
    /// One booking, or nil.
    func booking(_ id: BookingID, tenant: TenantID) async throws -> Booking?
    /// A customer's bookings, every status, by start.
    func bookings(of customer: UserID, tenant: TenantID) async throws -> [Booking]
    /// Active bookings whose occupied time overlaps `range`.
    func activeBookings(overlapping range: Range<Date>, tenant: TenantID) async throws -> [Booking]
    /// Blocks overlapping `range`.
    func blocks(overlapping range: Range<Date>, tenant: TenantID) async throws -> [Block]
    /// Waitlist holds live at `now` whose held time overlaps `range`.
    func holds(overlapping range: Range<Date>, tenant: TenantID, now: Date) async throws -> [SlotHold]
    /// Adds a block.
    func addBlock(_ block: Block, tenant: TenantID) async throws -> Block
    /// One block of the tenant, or nil.
    func block(_ id: BlockID, tenant: TenantID) async throws -> Block?
    /// Removes one block of the tenant and returns it; nil when there is none (removed meanwhile, or another tenant's).
    func removeBlock(_ id: BlockID, tenant: TenantID) async throws -> Block?
    /// Moves an active booking of `request.customer` to the request's time, master and service, in place (same id),
    /// inside one write transaction: only if the new occupied time is free of other active bookings, blocks and other
    /// customers' live waitlist holds, and
    /// the customer's other future active bookings stay under `maxActivePerCustomer` (and those starting within
    /// `perDay.day` under `perDay.limit`). Records the move in the
    /// booking's history as done by `actor` (`customer:<id>` or `admin`). Throws `BookingError.notFound` (no such
    /// booking of that customer), `.notActive`, `.slotTaken`, `.customerLimitReached` or `.dailyLimitReached`; on any failure nothing changes.
    func rescheduleBooking(
        _ id: BookingID, to request: BookingRequest, tenant: TenantID, maxActivePerCustomer: Int, perDay: DailyCap?, now: Date, actor: String
    ) async throws -> Booking
    /// The recorded changes of one booking, oldest first.
    func history(of id: BookingID, tenant: TenantID) async throws -> [BookingHistoryEntry]
}

extension BookingStore {
    /// A booking without a per-day cap.
    public func createBooking(_ request: BookingRequest, tenant: TenantID, maxActivePerCustomer: Int, now: Date) async throws -> Booking {
        try await createBooking(request, tenant: tenant, maxActivePerCustomer: maxActivePerCustomer, perDay: nil, now: now)
    }

    /// A move without a per-day cap (an admin's move, which no customer cap limits).
    public func rescheduleBooking(
        _ id: BookingID, to request: BookingRequest, tenant: TenantID, maxActivePerCustomer: Int, now: Date, actor: String
    ) async throws -> Booking {
        try await rescheduleBooking(id, to: request, tenant: tenant, maxActivePerCustomer: maxActivePerCustomer, perDay: nil, now: now, actor: actor)
    }

    /// A move by the booking's own customer.
    public func rescheduleBooking(_ id: BookingID, to request: BookingRequest, tenant: TenantID, maxActivePerCustomer: Int, now: Date)
        async throws -> Booking
    {
        try await rescheduleBooking(
            id, to: request, tenant: tenant, maxActivePerCustomer: maxActivePerCustomer, now: now, actor: "customer:\(request.customer)")
    }
}
