import BookingCore
import Foundation

/// Counts over one tenant's rows for the operator (a few aggregate queries, never a scan into memory).
public protocol TenantStatsStore: Sendable {
    /// The tenant's customers, bookings by status and latest processed update.
    func tenantStats(_ tenant: TenantID) async throws -> TenantStats
}
