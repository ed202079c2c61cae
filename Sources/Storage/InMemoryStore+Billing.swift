import BookingCore
import Foundation

/// Billing rows kept by `InMemoryStore`.
struct InMemoryBillingData {
    var plans: [PlanCode: Plan] = Dictionary(uniqueKeysWithValues: Plan.defaults.map { ($0.code, $0) })
    var subscriptions: [TenantID: Subscription] = [:]
    var payments: [PaymentID: PaymentRecord] = [:]
    var notifications: [StoredNotification] = []
    var expiryNotices: Set<String> = []
    var prospects: [TenantID: Prospect] = [:]
}

extension InMemoryStore: BillingStore {
    public func plans() -> [Plan] { billing.plans.values.sorted { ($0.displayOrder, $0.code) < ($1.displayOrder, $1.code) } }

    public func savePlan(_ plan: Plan, audit: OperatorAuditEntry) {
        var audit = audit
        audit.detail = [audit.detail, plan.changes(from: billing.plans[plan.code])].filter { !$0.isEmpty }.joined(separator: "; ")
        billing.plans[plan.code] = plan
        appendOperatorAudit(audit)
    }

    public func subscription(_ tenant: TenantID) -> Subscription? { billing.subscriptions[tenant] }

    public func subscriptions() -> [Subscription] { billing.subscriptions.values.sorted { $0.tenant < $1.tenant } }

    public func startSubscription(_ subscription: Subscription) -> Bool {
        guard billing.subscriptions[subscription.tenant] == nil else { return false }
        billing.subscriptions[subscription.tenant] = subscription
        return true
    }

    public func createPayment(_ payment: PaymentRecord) throws -> PaymentRecord {
        if let external = payment.externalID, billing.payments.values.contains(where: { $0.externalID == external }) {
            throw StorageError.duplicate(external)
        }
        var stored = payment
        stored.id = PaymentID(makeID())
        billing.payments[stored.id] = stored
        return stored
    }

    public func payment(_ id: PaymentID) -> PaymentRecord? { billing.payments[id] }

    public func payment(externalID: String) -> PaymentRecord? { billing.payments.values.first { $0.externalID == externalID } }

    public func setExternalID(_ externalID: String, of id: PaymentID) throws {
        guard let payment = billing.payments[id] else { throw StorageError.notFound(String(id.rawValue)) }
        if payment.externalID == externalID { return }
        guard payment.externalID == nil, self.payment(externalID: externalID) == nil else { throw StorageError.duplicate(externalID) }
        billing.payments[id]?.externalID = externalID
    }

    public func cancelPayment(_ id: PaymentID) -> Bool {
        guard billing.payments[id]?.status == .pending else { return false }
        billing.payments[id]?.status = .canceled
        return true
    }

    public func applyPayment(_ id: PaymentID, at now: Date) throws -> Subscription? {
        guard let payment = billing.payments[id] else { throw StorageError.notFound(String(id.rawValue)) }
        guard payment.appliedAt == nil, payment.status != .canceled else { return nil }
        billing.payments[id]?.status = .succeeded
        billing.payments[id]?.appliedAt = now
        let current = billing.subscriptions[payment.tenant] ?? Subscription(tenant: payment.tenant, plan: payment.plan, paidUntil: now, paid: true, updatedAt: now)
        let next = current.extended(by: payment.periodDays, plan: payment.plan, at: now)
        billing.subscriptions[payment.tenant] = next
        return next
    }

    public func payments(tenant: TenantID?, limit: Int) -> [PaymentRecord] {
        let rows = billing.payments.values.filter { tenant == nil || $0.tenant == tenant }.sorted { $0.id > $1.id }
        return Array(rows.prefix(max(0, min(limit, 10_000))))
    }
}

extension InMemoryStore: NotificationLog {
    public func storeNotification(_ notification: StoredNotification) -> Int64 {
        var stored = notification
        stored.id = Int64(billing.notifications.count + 1)
        billing.notifications.append(stored)
        return stored.id
    }

    public func finishNotification(_ id: Int64, outcome: String, at: Date) -> Bool {
        guard let index = billing.notifications.firstIndex(where: { $0.id == id }), billing.notifications[index].finishedAt == nil else { return false }
        billing.notifications[index].finishedAt = at
        billing.notifications[index].outcome = outcome
        return true
    }

    public func unfinishedNotifications(limit: Int) -> [StoredNotification] {
        Array(billing.notifications.filter { $0.finishedAt == nil }.prefix(max(0, min(limit, 10_000))))
    }

    public func claimExpiryNotice(tenant: TenantID, paidUntil: Date, days: Int, at: Date) -> Bool {
        billing.expiryNotices.insert("\(tenant)/\(paidUntil.timeIntervalSince1970)/\(days)").inserted
    }

    public func notifications(limit: Int) -> [StoredNotification] { Array(billing.notifications.reversed().prefix(max(0, min(limit, 10_000)))) }
}
