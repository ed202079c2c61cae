import BookingCore
import Foundation
import Logging
import Storage

/// The operator's billing commands: plans (as data), subscriptions and manual payments. Each change is stored with
/// its operator audit entry in one transaction.
public struct BillingDesk: Sendable {
    let stores: Stores
    let unitOfWork: any UnitOfWork
    let now: @Sendable () -> Date
    /// Who acts, for the audit: `cli:<user>`, `api:<token name>`.
    let actor: String

    /// Creates the desk for `actor` over the service's dependencies.
    public init(dependencies: AppDependencies, actor: String) {
        self.stores = dependencies.stores
        self.unitOfWork = dependencies.unitOfWork
        self.now = dependencies.now
        self.actor = actor
    }

    /// Every plan, by display order.
    public func plans() async throws -> [Plan] { try await stores.billing.plans() }

    /// The plan with `code`.
    public func plan(_ code: String) async throws -> Plan {
        guard let code = PlanCode(code), let plan = try await plans().first(where: { $0.code == code }) else { throw BillingError.unknownPlan(code) }
        return plan
    }

    /// Creates or changes a plan: fields not given keep their value (a new plan needs names, a price and a period).
    public func setPlan(_ rawCode: String, _ edit: PlanEdit) async throws -> Plan {
        guard let code = PlanCode(rawCode) else {
            throw BillingError.invalidValue(field: "plan code", value: rawCode, why: "use 1–32 of a-z, 0-9, _")
        }
        let all = try await plans()
        let existing = all.first { $0.code == code }
        var plan = existing ?? Plan(code: code, nameRU: "", nameEN: "", priceMinor: 0, periodDays: 0, displayOrder: all.count)
        if let name = edit.nameRU { plan.nameRU = name.trimmingCharacters(in: .whitespacesAndNewlines) }
        if let name = edit.nameEN { plan.nameEN = name.trimmingCharacters(in: .whitespacesAndNewlines) }
        if let price = edit.price {
            guard let amount = MoneyAmount(decimal: price) else {
                throw BillingError.invalidValue(field: "price", value: price, why: "a decimal like 299.00")
            }
            plan.priceMinor = amount.minor
        }
        if let currency = edit.currency { plan.currency = currency }
        if let days = edit.periodDays { plan.periodDays = days }
        if let active = edit.active { plan.active = active }
        if let order = edit.displayOrder { plan.displayOrder = order }
        if let problem = plan.problem { throw BillingError.invalidValue(field: "plan", value: code.rawValue, why: problem) }
        guard plan != existing else { return plan }
        try await stores.billing.savePlan(plan, audit: OperatorAuditEntry(at: now(), actor: actor, tenant: nil, action: "plan.set"))
        return plan
    }

    /// The tenant's subscription; nil when it has none (provisioned before billing: never expires).
    public func subscription(_ rawID: String) async throws -> Subscription? {
        try await stores.billing.subscription(try knownTenant(rawID))
    }

    /// Records a payment the operator received (bank transfer, cash): `amount` (a decimal) for `days`, with the
    /// operator's `reference`; it extends `paid_until` from max(now, paid_until) at once, resumes a tenant suspended
    /// at expiry, and is audited, all in one transaction.
    public func recordManualPayment(
        _ rawID: String, amount: String, days: Int, reference: String, plan rawPlan: String? = nil
    ) async throws -> (PaymentRecord, Subscription) {
        let tenant = try knownTenantID(rawID)
        guard let money = MoneyAmount(decimal: amount) else { throw BillingError.invalidValue(field: "amount", value: amount, why: "a decimal like 799.00") }
        guard (1...Plan.maxPeriodDays).contains(days) else {
            throw BillingError.invalidValue(field: "days", value: String(days), why: "1–\(Plan.maxPeriodDays)")
        }
        let reference = reference.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(reference.count) else {
            throw BillingError.invalidValue(field: "reference", value: String(reference.prefix(40)), why: "1–200 characters (what the money was)")
        }
        var chosen = PlanCode("manual")!
        if let rawPlan { chosen = try await self.plan(rawPlan).code }
        let plan = chosen
        let (at, actor) = (now(), actor)
        return try await unitOfWork.inTransaction { tx in
            guard let record = try await tx.stores.tenants.tenant(tenant) else { throw BillingError.unknownTenant(tenant.rawValue) }
            let before = try await tx.stores.billing.subscription(tenant)
            let payment = try await tx.stores.billing.createPayment(
                PaymentRecord(
                    tenant: tenant, plan: plan, amount: money, currency: record.profile.currency, periodDays: days, provider: .manual,
                    reference: reference, createdAt: at))
            guard let after = try await SubscriptionEffects.apply(payment.id, in: tx, at: at, actor: actor) else {
                throw StorageError.corrupt("a new payment was applied already")
            }
            let was = before.map { "\($0.paidUntil)" } ?? "none"
            try await tx.stores.tenants.appendOperatorAudit(
                OperatorAuditEntry(
                    at: at, actor: actor, tenant: tenant, action: "billing.manual-payment",
                    detail: "payment \(payment.id): \(money) \(record.profile.currency), \(days) days, reference \(reference.debugDescription); "
                        + "paid_until: \(was) → \(after.paidUntil)"))
            var stored = payment
            stored.status = .succeeded
            stored.appliedAt = at
            return (stored, after)
        }
    }

    /// Starts a new tenant's trial (the trial plan's days from now); false when it has a subscription already.
    @discardableResult
    public func startTrial(_ tenant: TenantID) async throws -> Bool {
        let days = try await plans().first { $0.code == .trial }?.periodDays ?? 7
        return try await stores.billing.startSubscription(.trial(tenant, days: days, at: now()))
    }

    private func knownTenantID(_ raw: String) throws -> TenantID {
        guard let id = TenantID(raw) else { throw BillingError.unknownTenant(raw) }
        return id
    }

    private func knownTenant(_ raw: String) async throws -> TenantID {
        let id = try knownTenantID(raw)
        guard try await stores.tenants.tenant(id) != nil else { throw BillingError.unknownTenant(raw) }
        return id
    }
}

/// The fields of a plan the operator sets; nil keeps a field.
public struct PlanEdit: Sendable, Equatable {
    /// Russian name.
    public var nameRU: String?
    /// English name.
    public var nameEN: String?
    /// Price as a decimal, e.g. "299.00".
    public var price: String?
    /// ISO code.
    public var currency: String?
    /// Days a payment adds.
    public var periodDays: Int?
    /// Offered to buyers.
    public var active: Bool?
    /// Position in lists.
    public var displayOrder: Int?

    /// Creates an edit.
    public init(
        nameRU: String? = nil, nameEN: String? = nil, price: String? = nil, currency: String? = nil, periodDays: Int? = nil, active: Bool? = nil,
        displayOrder: Int? = nil
    ) {
        self.nameRU = nameRU
        self.nameEN = nameEN
        self.price = price
        self.currency = currency
        self.periodDays = periodDays
        self.active = active
        self.displayOrder = displayOrder
    }
}
