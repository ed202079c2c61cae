import BookingCore
import Foundation
import Storage

extension Schedule {
    /// Loads what the engine needs for the given local days of `tenant` (with a margin for zones and buffers): the
    /// masters, and the active bookings and blocks around those days. Needs only these two stores, so a flow that
    /// checks times holds them and nothing more.
    static func load(
        _ tenant: TenantContext, days: Range<Int>, now: Date, catalog: any CatalogStore, bookings: any BookingStore
    ) async throws -> Schedule {
        let from = Date(timeIntervalSince1970: Double(days.lowerBound - 2) * 86_400)
        let range = from..<Date(timeIntervalSince1970: Double(days.upperBound + 2) * 86_400)
        async let masters = catalog.masters(tenant.id)
        async let active = bookings.activeBookings(overlapping: range, tenant: tenant.id)
        async let blocks = bookings.blocks(overlapping: range, tenant: tenant.id)
        return Schedule(
            calendar: tenant.calendar, policies: tenant.policies, masters: try await masters, bookings: try await active,
            blocks: try await blocks, now: now)
    }
}
