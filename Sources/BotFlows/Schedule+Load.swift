import BookingCore
import Foundation
import Storage

extension Schedule {
    /// Loads what the engine needs for the given local days of `tenant` (with a margin for zones and buffers): the
    /// masters, and the active bookings, blocks and live waitlist holds around those days. A hold counts as a
    /// booking for everyone but `viewer` (the customer it is held for, who may book it; nil: it counts for everyone),
    /// as the store counts it. Needs only these two stores, so a flow that checks times holds them and nothing more.
    static func load(
        _ tenant: TenantContext, days: Range<Int>, now: Date, catalog: any CatalogStore, bookings: any BookingStore, viewer: UserID?
    ) async throws -> Schedule {
        let from = Date(timeIntervalSince1970: Double(days.lowerBound - 2) * 86_400)
        let range = from..<Date(timeIntervalSince1970: Double(days.upperBound + 2) * 86_400)
        async let masters = catalog.masters(tenant.id)
        async let active = bookings.activeBookings(overlapping: range, tenant: tenant.id)
        async let blocks = bookings.blocks(overlapping: range, tenant: tenant.id)
        async let holds = bookings.holds(overlapping: range, tenant: tenant.id, now: now)
        let held = try await holds.filter { $0.customer != viewer }.map { Self.placeholder($0, now: now) }
        return Schedule(
            calendar: tenant.calendar, policies: tenant.policies, masters: try await masters, bookings: try await active + held,
            blocks: try await blocks, now: now)
    }

    /// A hold as the engine sees it: a booking that is not in the store, occupying the held time.
    static func placeholder(_ hold: SlotHold, now: Date) -> Booking {
        Booking(
            id: BookingID(-1), customer: hold.customer, chat: ChatID(hold.customer.rawValue), serviceID: ServiceID(0), masterID: hold.masterID,
            start: hold.held.lowerBound, end: hold.held.upperBound, createdAt: now)
    }
}

extension Schedule {
    /// The day `date` for an admin's batch change of stored bookings (a shift, a change of service): masters, and the
    /// active bookings and blocks around it, without the waitlist's holds (the batch moves bookings, not holds). Nil
    /// when `master` is given and is not one of the tenant's.
    static func loadForBatch(
        _ tenant: TenantContext, date: LocalDate, master: MasterID?, now: Date, catalog: any CatalogStore, bookings: any BookingStore
    ) async throws -> Schedule? {
        var schedule = try await load(
            tenant, days: date.daysSinceEpoch..<date.daysSinceEpoch + 1, now: now, catalog: catalog, bookings: bookings, viewer: nil)
        if let master, !schedule.masters.contains(where: { $0.id == master }) { return nil }
        schedule.bookings.removeAll { $0.id.rawValue < 0 }
        return schedule
    }
}
