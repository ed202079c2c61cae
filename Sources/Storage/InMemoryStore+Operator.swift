import BookingCore
import Foundation

extension InMemoryStore: OperatorTokenStore, TenantStatsStore {
    public func insertOperatorToken(_ token: OperatorToken, audit: OperatorAuditEntry) throws {
        if let existing = operatorTokenRows[token.name], existing.revokedAt == nil { throw StorageError.duplicate(token.name) }
        operatorTokenRows[token.name] = token
        appendOperatorAudit(audit)
    }

    public func revokeOperatorToken(named name: String, at: Date, audit: OperatorAuditEntry) -> Bool {
        guard let token = operatorTokenRows[name], token.revokedAt == nil else { return false }
        operatorTokenRows[name]?.revokedAt = at
        appendOperatorAudit(audit)
        return true
    }

    public func operatorTokens() -> [OperatorToken] { operatorTokenRows.values.sorted { $0.name < $1.name } }

    public func tenantStats(_ tenant: TenantID) -> TenantStats {
        var byStatus: [String: Int] = [:]
        for booking in (bookings[tenant] ?? [:]).values { byStatus[booking.status.code, default: 0] += 1 }
        return TenantStats(customers: customers[tenant]?.count ?? 0, bookingsByStatus: byStatus, lastUpdateAt: lastUpdateAt[tenant])
    }
}
