import BookingCore
import Foundation

extension InMemoryStore {
    public func updateTenant(
        _ id: TenantID, audit: OperatorAuditEntry?, _ change: @Sendable (inout TenantRecord) throws -> Void
    ) throws -> TenantRecord {
        guard let old = tenants[id] else { throw StorageError.notFound(id.rawValue) }
        var new = old
        try change(&new)
        guard new.id == old.id, new.createdAt == old.createdAt else { throw StorageError.corrupt("a tenant's id and creation time are fixed") }
        tenants[id] = new
        if var audit {
            audit.detail = [audit.detail, new.changes(from: old)].filter { !$0.isEmpty }.joined(separator: "; ")
            appendOperatorAudit(audit)
        }
        return new
    }

    public func purgeTenant(_ id: TenantID, audit: OperatorAuditEntry) throws {
        guard tenants.removeValue(forKey: id) != nil else { throw StorageError.notFound(id.rawValue) }
        services[id] = nil
        masters[id] = nil
        bookings[id] = nil
        blocks[id] = nil
        history[id] = nil
        customers[id] = nil
        feedbackRows[id] = nil
        waitlistRows[id] = nil
        admin.admins[id] = nil
        admin.audit[id] = nil
        admin.texts[id] = nil
        admin.firstSeen[id] = nil
        importLedgerRows[id] = nil
        // Payments are kept: they are the platform's money records (revenue), not the tenant's data.
        billing.subscriptions[id] = nil
        states = states.filter { $0.key.tenant != id }
        crashedAttempts = crashedAttempts.filter { $0.key.tenant != id }
        letters = letters.filter { $0.key.tenant != id }
        lastUpdateAt[id] = nil
        appendOperatorAudit(audit)
    }

    public func appendOperatorAudit(_ entry: OperatorAuditEntry) {
        var stored = entry
        stored.id = Int64(operatorLog.count + 1)
        operatorLog.append(stored)
    }

    public func operatorAudit(tenant: TenantID?, limit: Int) -> [OperatorAuditEntry] {
        Array(operatorLog.reversed().filter { tenant == nil || $0.tenant == tenant }.prefix(max(0, limit)))
    }
}
