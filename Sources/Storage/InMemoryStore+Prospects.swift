import BookingCore
import Foundation

extension InMemoryStore: ProspectStore {
    public func saveProspect(_ prospect: Prospect) -> Bool {
        if let old = billing.prospects[prospect.tenant], old.buyer != prospect.buyer || old.status != .ordered { return false }
        var stored = prospect
        stored.createdAt = billing.prospects[prospect.tenant]?.createdAt ?? prospect.createdAt
        billing.prospects[prospect.tenant] = stored
        return true
    }

    public func prospect(_ tenant: TenantID) -> Prospect? { billing.prospects[tenant] }

    public func markProspectPaid(_ tenant: TenantID, at: Date) -> Bool { move(tenant, from: .ordered, to: .paid, at: at) }

    public func prospectsToProvision(limit: Int) -> [Prospect] {
        Array(billing.prospects.values.filter { $0.status == .paid }.sorted { $0.updatedAt < $1.updatedAt }.prefix(max(0, min(limit, 1_000))))
    }

    public func finishProspect(_ tenant: TenantID, at: Date) -> Bool { move(tenant, from: .paid, to: .provisioned, at: at) }

    public func prospectFailed(_ tenant: TenantID, error: String, at: Date) -> Int {
        guard billing.prospects[tenant] != nil else { return 0 }
        billing.prospects[tenant]?.attempts += 1
        billing.prospects[tenant]?.lastError = String(error.prefix(500))
        return billing.prospects[tenant]?.attempts ?? 0
    }

    private func move(_ tenant: TenantID, from: ProspectStatus, to: ProspectStatus, at: Date) -> Bool {
        guard billing.prospects[tenant]?.status == from else { return false }
        billing.prospects[tenant]?.status = to
        billing.prospects[tenant]?.updatedAt = at
        return true
    }
}
