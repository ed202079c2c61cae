import BookingCore
import Foundation

/// A tenant's customers.
public protocol CustomerStore: Sendable {
    /// Records or refreshes a customer; returns true when seen for the first time.
    func upsertCustomer(_ customer: CustomerProfile, tenant: TenantID, now: Date) async throws -> Bool
}
