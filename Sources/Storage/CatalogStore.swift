import BookingCore
import Foundation

/// A tenant's services and masters.
public protocol CatalogStore: Sendable {
    /// All services (active and not), by display order.
    func services(_ tenant: TenantID) async throws -> [Service]
    /// Inserts (id 0) or updates a service; returns it as stored.
    func saveService(_ service: Service, tenant: TenantID) async throws -> Service
    /// All masters with plans and exceptions.
    func masters(_ tenant: TenantID) async throws -> [Master]
    /// Inserts (id 0) or updates a master with plan and exceptions; returns it as stored.
    func saveMaster(_ master: Master, tenant: TenantID) async throws -> Master
}
