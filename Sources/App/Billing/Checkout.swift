import BookingCore
import Foundation
import Payments
import Storage

/// Starts a YooKassa payment of a plan for a tenant: our payment row first (its id is the order id YooKassa's
/// metadata carries back), then the redirect payment with an idempotence key derived from that id (a repeat after a
/// crash or a 5xx gets the same payment), then YooKassa's id stored.
public struct Checkout: Sendable {
    let client: YooKassaClient
    let billing: any BillingStore
    let returnURL: String
    let now: @Sendable () -> Date

    /// Creates a checkout.
    public init(client: YooKassaClient, billing: any BillingStore, returnURL: String, now: @escaping @Sendable () -> Date) {
        self.client = client
        self.billing = billing
        self.returnURL = returnURL
        self.now = now
    }

    /// The stored payment and the page the buyer pays on.
    public func start(tenant: TenantID, plan: Plan, language: String = "ru") async throws -> (PaymentRecord, confirmationURL: String) {
        guard plan.isPurchasable else { throw BillingError.unknownPlan(plan.code.rawValue) }
        let record = try await billing.createPayment(
            PaymentRecord(
                tenant: tenant, plan: plan.code, amount: MoneyAmount(minor: plan.priceMinor), currency: plan.currency, periodDays: plan.periodDays,
                provider: .yookassa, reference: "Zapis: \(plan.nameEN)", createdAt: now()))
        let url = try await open(record, description: "Zapis — \(plan.name(language)) (\(tenant))")
        var stored = record
        stored.externalID = try await billing.payment(record.id)?.externalID
        return (stored, url)
    }

    /// Creates (or, after a crash or a repeat, gets again: same idempotence key) YooKassa's payment of a stored pending
    /// payment row, records its id, and returns the page the buyer pays on.
    public func open(_ record: PaymentRecord, description: String) async throws -> String {
        let remote = try await client.createPayment(
            YooKassaCreatePayment(
                amount: YooKassaAmount(value: record.amount.decimal, currency: record.currency), returnURL: returnURL,
                description: description, metadata: ["order_id": String(record.id.rawValue), "tenant": record.tenant.rawValue]),
            idempotenceKey: "zapis-payment-\(record.id.rawValue)")
        try await billing.setExternalID(remote.id, of: record.id)
        guard let url = remote.confirmation?.confirmationURL else { throw YooKassaError.malformed("no confirmation_url") }
        return url
    }
}
