import BookingCore
import Foundation

/// Platform table of tenants.
public protocol TenantStore: Sendable {
    /// Adds a tenant; throws `StorageError.duplicate` when the id is taken.
    func insertTenant(_ record: TenantRecord) async throws
    /// One tenant, or nil.
    func tenant(_ id: TenantID) async throws -> TenantRecord?
    /// Every tenant, by id.
    func allTenants() async throws -> [TenantRecord]
    /// Changes a tenant's status.
    func setStatus(_ status: TenantStatus, of id: TenantID) async throws
}
