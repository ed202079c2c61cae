import BookingCore
import Foundation
import Storage
@_spi(Testing) import StoragePostgres
import Testing

@Suite("Billing: plans, subscriptions, payments", .storeScope)
struct BillingContractTests {
    static let day: TimeInterval = 86_400
    static let audit = OperatorAuditEntry(at: Fixtures.now, actor: "cli:test", tenant: nil, action: "plan.set")

    static func payment(_ tenant: TenantID = Fixtures.tenantA, days: Int = 90, external: String? = nil) -> PaymentRecord {
        PaymentRecord(
            tenant: tenant, plan: PlanCode("m3")!, amount: MoneyAmount(minor: 79_900), currency: "RUB", periodDays: days, provider: .yookassa,
            externalID: external, createdAt: Fixtures.now)
    }

    /// The original's plans are there from the first migration, in display order; the operator's change is stored with
    /// an audit entry naming what changed, and a new plan joins the list.
    @Test(arguments: StoreBackend.allCases)
    func plansAreDataWithTheOriginalDefaults(backend: StoreBackend) async throws {
        let stores = try await backend.make()
        let plans = try await stores.billing.plans()
        #expect(plans == Plan.defaults)
        #expect(plans.map { MoneyAmount(minor: $0.priceMinor).decimal } == ["0.00", "299.00", "799.00", "1499.00", "2499.00"])
        #expect(plans.map(\.periodDays) == [7, 30, 90, 180, 365])

        var m1 = plans[1]
        m1.priceMinor = 34_900
        m1.nameEN = "One month"
        try await stores.billing.savePlan(m1, audit: Self.audit)
        let promo = Plan(code: PlanCode("promo")!, nameRU: "Акция", nameEN: "Promo", priceMinor: 9_900, periodDays: 14, active: false, displayOrder: 9)
        try await stores.billing.savePlan(promo, audit: Self.audit)
        #expect(try await stores.billing.plans() == [plans[0], m1] + plans[2...] + [promo])
        let details = try await stores.tenants.operatorAudit(tenant: nil, limit: 5).map(\.detail)
        #expect(details.last == #"name_en: "1 month" → "One month"; price: "299.00" → "349.00""#)
        #expect(details.first?.hasPrefix("new plan promo: Promo / Акция, 99.00 RUB, 14 days, inactive") == true)
    }

    /// A payment extends `paid_until` from max(now, paid_until): inside a running trial from its end, after expiry
    /// from now. Applying it again changes nothing; a canceled one is never applied; an unknown one is refused.
    @Test(arguments: StoreBackend.allCases)
    func paymentsExtendFromTheLaterOfNowAndPaidUntilOnce(backend: StoreBackend) async throws {
        let stores = try await backend.make()
        let a = Fixtures.tenantA
        let now = Fixtures.now
        #expect(try await stores.billing.startSubscription(.trial(a, days: 7, at: now)))
        #expect(try await !stores.billing.startSubscription(.trial(a, days: 30, at: now)))
        #expect(try await stores.billing.subscription(a)?.paidUntil == now.addingTimeInterval(7 * Self.day))
        #expect(try await stores.billing.subscription(a)?.state(at: now, grace: 0) == .trial)

        let first = try await stores.billing.createPayment(Self.payment())
        #expect(first.id.rawValue > 0 && first.status == .pending)
        let extended = try #require(try await stores.billing.applyPayment(first.id, at: now.addingTimeInterval(Self.day)))
        #expect(extended.paidUntil == now.addingTimeInterval(97 * Self.day) && extended.paid && extended.plan == PlanCode("m3"))
        #expect(try await stores.billing.applyPayment(first.id, at: now.addingTimeInterval(2 * Self.day)) == nil)
        #expect(try await stores.billing.subscription(a) == extended)
        let stored = try #require(try await stores.billing.payment(first.id))
        #expect(stored.status == .succeeded && stored.appliedAt == now.addingTimeInterval(Self.day))

        // Long after expiry: from now, not from the old paid_until.
        let late = now.addingTimeInterval(200 * Self.day)
        #expect(extended.state(at: late, grace: 0) == .expired)
        #expect(extended.state(at: now.addingTimeInterval(98 * Self.day), grace: 3 * Self.day) == .grace)
        let second = try await stores.billing.createPayment(Self.payment(days: 30))
        #expect(try await stores.billing.applyPayment(second.id, at: late)?.paidUntil == late.addingTimeInterval(30 * Self.day))

        let canceled = try await stores.billing.createPayment(Self.payment())
        #expect(try await stores.billing.cancelPayment(canceled.id))
        #expect(try await !stores.billing.cancelPayment(canceled.id))
        #expect(try await stores.billing.applyPayment(canceled.id, at: late) == nil)
        await #expect(throws: StorageError.notFound("999999")) { try await stores.billing.applyPayment(PaymentID(999_999), at: late) }
        #expect(try await stores.billing.payments(tenant: a, limit: 10).map(\.id) == [canceled.id, second.id, first.id])
        #expect(try await stores.billing.payments(tenant: Fixtures.tenantB, limit: 10).isEmpty)
    }

    /// Ten concurrent applications of one payment extend the subscription once.
    @Test(arguments: StoreBackend.allCases)
    func concurrentApplicationsExtendOnce(backend: StoreBackend) async throws {
        let stores = try await backend.make(poolSize: 10)
        let payment = try await stores.billing.createPayment(Self.payment(days: 30))
        let applied = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<10 { group.addTask { try await stores.billing.applyPayment(payment.id, at: Fixtures.now) != nil } }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(applied == 1)
        #expect(try await stores.billing.subscription(Fixtures.tenantA)?.paidUntil == Fixtures.now.addingTimeInterval(30 * Self.day))
    }

    /// The provider's id is unique: it is set once, and no second payment can claim it.
    @Test(arguments: StoreBackend.allCases)
    func theProvidersIDIsUnique(backend: StoreBackend) async throws {
        let stores = try await backend.make()
        let first = try await stores.billing.createPayment(Self.payment())
        let second = try await stores.billing.createPayment(Self.payment())
        try await stores.billing.setExternalID("yk-1", of: first.id)
        try await stores.billing.setExternalID("yk-1", of: first.id)
        await #expect(throws: StorageError.duplicate("yk-2")) { try await stores.billing.setExternalID("yk-2", of: first.id) }
        await #expect(throws: StorageError.duplicate("yk-1")) { try await stores.billing.setExternalID("yk-1", of: second.id) }
        await #expect(throws: StorageError.duplicate("yk-1")) { try await stores.billing.createPayment(Self.payment(external: "yk-1")) }
        #expect(try await stores.billing.payment(externalID: "yk-1")?.id == first.id)
        #expect(try await stores.billing.payment(externalID: "nobody") == nil)
    }

    /// Purging a tenant drops its subscription and keeps its payments (the platform's money records).
    @Test(arguments: StoreBackend.allCases)
    func purgeKeepsPaymentsAndDropsTheSubscription(backend: StoreBackend) async throws {
        let stores = try await backend.make()
        let a = Fixtures.tenantA
        try await stores.tenants.insertTenant(Fixtures.tenant(a))
        let payment = try await stores.billing.createPayment(Self.payment())
        _ = try await stores.billing.applyPayment(payment.id, at: Fixtures.now)
        try await stores.tenants.purgeTenant(a, audit: OperatorAuditEntry(at: Fixtures.now, actor: "cli:test", tenant: a, action: "tenant.purge"))
        #expect(try await stores.billing.subscription(a) == nil)
        #expect(try await stores.billing.payment(payment.id)?.appliedAt != nil)
    }

    /// An expiry warning is claimed once per (tenant, paid_until, days), also by ten concurrent claimers (two
    /// instances on PostgreSQL race the same way); a new paid_until has warnings of its own.
    @Test(arguments: StoreBackend.allCases)
    func expiryNoticesAreClaimedOnce(backend: StoreBackend) async throws {
        let stores = try await backend.make(poolSize: 10)
        let until = Fixtures.now.addingTimeInterval(30 * Self.day)
        let claimed = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<10 {
                group.addTask { try await stores.billing.claimExpiryNotice(tenant: Fixtures.tenantA, paidUntil: until, days: 3, at: Fixtures.now) }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(claimed == 1)
        #expect(try await stores.billing.claimExpiryNotice(tenant: Fixtures.tenantA, paidUntil: until, days: 0, at: Fixtures.now))
        #expect(try await stores.billing.claimExpiryNotice(tenant: Fixtures.tenantB, paidUntil: until, days: 3, at: Fixtures.now))
        #expect(try await stores.billing.claimExpiryNotice(tenant: Fixtures.tenantA, paidUntil: until.addingTimeInterval(Self.day), days: 3, at: Fixtures.now))
    }
}
