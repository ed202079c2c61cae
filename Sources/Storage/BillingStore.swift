import BookingCore
import Foundation

/// Plans, subscriptions and payments (platform tables `plans`, `subscriptions`, `payments`). Applying a payment is
/// idempotent by its id: the payment is marked applied and the subscription extended in one transaction.
public protocol BillingStore: NotificationLog, ProspectStore {
    /// Every plan, by display order then code (the defaults until the operator edits them).
    func plans() async throws -> [Plan]
    /// Stores `plan` (new or replacing the one with its code) with `audit` (its detail set to what changed).
    func savePlan(_ plan: Plan, audit: OperatorAuditEntry) async throws
    /// A tenant's subscription; nil for a tenant that never had one (provisioned before billing: never expires).
    func subscription(_ tenant: TenantID) async throws -> Subscription?
    /// Every subscription, by tenant.
    func subscriptions() async throws -> [Subscription]
    /// Stores `subscription` when the tenant has none; false (and nothing written) when it has one.
    func startSubscription(_ subscription: Subscription) async throws -> Bool
    /// Stores a new pending payment; returns it with its id.
    func createPayment(_ payment: PaymentRecord) async throws -> PaymentRecord
    /// One payment, or nil.
    func payment(_ id: PaymentID) async throws -> PaymentRecord?
    /// The payment with the provider's id, or nil.
    func payment(externalID: String) async throws -> PaymentRecord?
    /// Records the provider's id of a payment (once; an attempt to change it throws `StorageError.duplicate`).
    func setExternalID(_ externalID: String, of id: PaymentID) async throws
    /// Marks a pending payment canceled; false when it is not pending.
    func cancelPayment(_ id: PaymentID) async throws -> Bool
    /// Applies a payment once: marks it succeeded and applied at `now` and extends the tenant's subscription from
    /// max(now, paid_until) by its days (starting one when there is none). Nil when it was applied before or was
    /// canceled (nothing is written). Throws `StorageError.notFound` for an unknown payment.
    func applyPayment(_ id: PaymentID, at now: Date) async throws -> Subscription?
    /// Payments newest first, of one tenant or of all; at most `limit`.
    func payments(tenant: TenantID?, limit: Int) async throws -> [PaymentRecord]
}

extension Plan {
    /// What changed from `old` to this plan, for the operator audit (`field: old → new` joined by `; `).
    public func changes(from old: Plan?) -> String {
        guard let old else {
            return "new plan \(code): \(nameEN) / \(nameRU), \(MoneyAmount(minor: priceMinor)) \(currency), \(periodDays) days"
                + (active ? "" : ", inactive")
        }
        var parts: [String] = []
        func note(_ field: String, _ before: String, _ after: String) {
            if before != after { parts.append("\(field): \(before.debugDescription) → \(after.debugDescription)") }
        }
        note("name_ru", old.nameRU, nameRU)
        note("name_en", old.nameEN, nameEN)
        note("price", MoneyAmount(minor: old.priceMinor).decimal, MoneyAmount(minor: priceMinor).decimal)
        note("currency", old.currency, currency)
        note("period_days", String(old.periodDays), String(periodDays))
        note("active", String(old.active), String(active))
        note("order", String(old.displayOrder), String(displayOrder))
        return parts.joined(separator: "; ")
    }
}
