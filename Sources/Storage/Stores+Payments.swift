import BookingCore
import Foundation

extension Stores {
    /// The status reason of a suspension at expiry (only such a suspension is lifted by a payment; one the operator
    /// made for another reason stays).
    public static let subscriptionExpiredReason = "subscription expired"

    /// Applies payment `id` and its effects with these stores (a transaction's): `paid_until` extended once, a tenant
    /// suspended because its subscription expired serves again, a trial tenant becomes active, and a tenant bought in
    /// the sales bot (no row yet) has its order marked paid. Nil when it was applied before (nothing changes).
    public func applyPayment(_ id: PaymentID, at now: Date, actor: String) async throws -> Subscription? {
        guard let subscription = try await billing.applyPayment(id, at: now) else { return nil }
        let tenant = subscription.tenant
        guard let record = try await tenants.tenant(tenant) else {
            // A tenant bought in the sales bot does not exist before its payment: its order becomes paid here, in the
            // payment's transaction, and is provisioned from that durable row (see `SalesFulfilment`).
            _ = try await billing.markProspectPaid(tenant, at: now)
            return subscription
        }
        let status = record.profile.status
        let lifted = status == .suspended && record.statusReason == Self.subscriptionExpiredReason
        guard lifted || status == .trial else { return subscription }
        _ = try await tenants.updateTenant(
            tenant, audit: OperatorAuditEntry(at: now, actor: actor, tenant: tenant, action: lifted ? "tenant.resume" : "tenant.activate", detail: "paid")
        ) { record in
            record.profile.status = .active
            record.statusReason = ""
            record.statusChangedAt = now
        }
        return subscription
    }
}
