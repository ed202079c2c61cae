import BookingCore
import Foundation

/// A tenant's append-only audit log.
public protocol AuditStore: Sendable {
    /// Appends an entry; returns it with its id.
    @discardableResult
    func appendAudit(_ entry: AuditEntry, tenant: TenantID) async throws -> AuditEntry
    /// Entries newest first, skipping `offset`, at most `limit`.
    func auditLog(_ tenant: TenantID, offset: Int, limit: Int) async throws -> [AuditEntry]
}
