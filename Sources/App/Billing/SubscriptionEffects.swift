import BookingCore
import Foundation
import Storage

/// What a verified payment does besides extending `paid_until`, inside the payment's own transaction: a tenant
/// suspended because its subscription expired serves again, and a trial tenant becomes active.
enum SubscriptionEffects {
    /// The status reason of a suspension at expiry (only such a suspension is lifted by a payment; one the operator
    /// made for another reason stays).
    static let expiredReason = "subscription expired"

    /// Applies payment `id` in the transaction `tx` and its effects; nil when it was applied before (nothing changes).
    static func apply(
        _ id: PaymentID, in tx: TransactionContext, at now: Date, actor: String
    ) async throws -> Subscription? {
        guard let subscription = try await tx.stores.billing.applyPayment(id, at: now) else { return nil }
        let tenant = subscription.tenant
        guard let record = try await tx.stores.tenants.tenant(tenant) else { return subscription }
        let status = record.profile.status
        let lifted = status == .suspended && record.statusReason == expiredReason
        guard lifted || status == .trial else { return subscription }
        _ = try await tx.stores.tenants.updateTenant(
            tenant, audit: OperatorAuditEntry(at: now, actor: actor, tenant: tenant, action: lifted ? "tenant.resume" : "tenant.activate", detail: "paid")
        ) { record in
            record.profile.status = .active
            record.statusReason = ""
            record.statusChangedAt = now
        }
        return subscription
    }
}
