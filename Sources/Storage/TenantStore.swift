import BookingCore
import Foundation

/// Platform table of tenants, and the operator audit of what was done to them.
public protocol TenantStore: Sendable {
    /// Adds a tenant, with `audit` when given, in one transaction; throws `StorageError.duplicate` when the id is taken.
    func insertTenant(_ record: TenantRecord, audit: OperatorAuditEntry?) async throws
    /// One tenant, or nil.
    func tenant(_ id: TenantID) async throws -> TenantRecord?
    /// Every tenant, by id.
    func allTenants() async throws -> [TenantRecord]
    /// Changes a tenant's status.
    func setStatus(_ status: TenantStatus, of id: TenantID) async throws
    /// Reads the tenant, applies `change` and stores the result in one transaction (a concurrent change waits or is
    /// seen), with `audit` (its detail set to what changed) when given. Returns the stored record. The id and the
    /// creation time cannot change. Throws `StorageError.notFound` for an unknown tenant.
    func updateTenant(
        _ id: TenantID, audit: OperatorAuditEntry?, _ change: @Sendable (inout TenantRecord) throws -> Void
    ) async throws -> TenantRecord
    /// Removes the tenant and every row it owns (its schema on PostgreSQL), with `audit`, in one transaction.
    func purgeTenant(_ id: TenantID, audit: OperatorAuditEntry) async throws
    /// Records an operator action that changes no tenant row.
    func appendOperatorAudit(_ entry: OperatorAuditEntry) async throws
    /// The newest operator audit entries first, of one tenant or of all; at most `limit`.
    func operatorAudit(tenant: TenantID?, limit: Int) async throws -> [OperatorAuditEntry]
}

extension TenantStore {
    /// Adds a tenant without an audit entry (tests, seeding).
    public func insertTenant(_ record: TenantRecord) async throws { try await insertTenant(record, audit: nil) }
}
