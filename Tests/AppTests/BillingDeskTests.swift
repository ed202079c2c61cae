import App
import BookingCore
import Foundation
import Logging
import Storage
import Testing

/// The operator's billing commands over the real stores (SQLite, and PostgreSQL when configured).
@Suite("Billing desk")
struct BillingDeskTests {
    static let day: TimeInterval = 86_400
    static let start = Date(timeIntervalSince1970: 1_796_000_000)
    static let tenant = TenantID("billed_salon")!

    /// Runs `body` with dependencies on a new database holding one tenant, and a clock the test sets.
    static func withDesk(
        _ database: ProcessStack.Database, _ body: @Sendable (AppDependencies, Clock) async throws -> Void
    ) async throws {
        var configuration = AppConfiguration(environment: [:])
        configuration.masterKey = TokenVault.generateKey()
        configuration.databaseURL = try await ProcessStack.makeDatabase(database)
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let clock = Clock(start)
        try await LiveDependencies.withRunning(configuration, logger: logger) { live in
            var dependencies = live
            dependencies.now = { clock.now }
            try await dependencies.stores.tenants.insertTenant(
                TenantRecord(
                    profile: TenantProfile(id: tenant, name: "Billed"), encryptedToken: [1], botID: 1, botUsername: "billed_bot", ownerID: UserID(5),
                    createdAt: start))
            try await body(dependencies, clock)
        }
    }

    /// A settable clock.
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Date
        init(_ value: Date) { self.value = value }
        var now: Date { lock.withLock { value } }
        func set(_ date: Date) { lock.withLock { value = date } }
    }

    /// A manual payment extends from max(now, paid_until) at once and is audited with amount, days, reference and
    /// the old and new paid-until; after expiry it extends from now.
    @Test(arguments: ProcessStack.Database.available)
    func manualPaymentsExtendFromTheLaterOfNowAndPaidUntil(database: ProcessStack.Database) async throws {
        try await Self.withDesk(database) { dependencies, clock in
            let desk = BillingDesk(dependencies: dependencies, actor: "cli:test")
            #expect(try await desk.startTrial(Self.tenant))
            let (payment, subscription) = try await desk.recordManualPayment("billed_salon", amount: "799", days: 90, reference: "invoice 17", plan: "m3")
            #expect(payment.amount.decimal == "799.00" && payment.provider == .manual && payment.status == .succeeded)
            #expect(subscription.paidUntil == Self.start.addingTimeInterval(97 * Self.day) && subscription.plan == PlanCode("m3"))
            // The payment made the trial tenant active.
            #expect(try await dependencies.stores.tenants.tenant(Self.tenant)?.profile.status == .active)

            clock.set(Self.start.addingTimeInterval(300 * Self.day))
            let (_, later) = try await desk.recordManualPayment("billed_salon", amount: "299.00", days: 30, reference: "cash")
            #expect(later.paidUntil == Self.start.addingTimeInterval(330 * Self.day) && later.plan == PlanCode("manual"))

            let audit = try await dependencies.stores.tenants.operatorAudit(tenant: Self.tenant, limit: 10)
            #expect(audit.map(\.action) == ["billing.manual-payment", "billing.manual-payment", "tenant.activate"])
            #expect(audit.last?.actor == "cli:test")
            #expect(audit[1].detail.hasPrefix("payment \(payment.id): 799.00 RUB, 90 days, reference \"invoice 17\"; paid_until: ") == true)
            #expect(try await dependencies.stores.billing.payments(tenant: Self.tenant, limit: 10).count == 2)
        }
    }

    /// A payment lifts a suspension made at expiry, never one the operator made for another reason.
    @Test(arguments: ProcessStack.Database.available)
    func aPaymentResumesOnlyASuspensionAtExpiry(database: ProcessStack.Database) async throws {
        try await Self.withDesk(database) { dependencies, _ in
            let desk = BillingDesk(dependencies: dependencies, actor: "cli:test")
            let lifecycle = TenantLifecycle(dependencies: dependencies, actor: "cli:test")
            _ = try await lifecycle.suspend(Self.tenant, reason: "abuse", cancelReminders: false)
            _ = try await desk.recordManualPayment("billed_salon", amount: "299", days: 30, reference: "r1")
            #expect(try await dependencies.stores.tenants.tenant(Self.tenant)?.profile.status == .suspended)

            _ = try await lifecycle.resume(Self.tenant)
            _ = try await lifecycle.suspend(Self.tenant, reason: "subscription expired", cancelReminders: false)
            _ = try await desk.recordManualPayment("billed_salon", amount: "299", days: 30, reference: "r2")
            let record = try #require(try await dependencies.stores.tenants.tenant(Self.tenant))
            #expect(record.profile.status == .active && record.statusReason.isEmpty)
        }
    }

    /// Hostile values are refused with a clear error and change nothing.
    @Test func hostileValuesAreRefusedAndChangeNothing() async throws {
        try await Self.withDesk(.sqlite) { dependencies, _ in
            let desk = BillingDesk(dependencies: dependencies, actor: "cli:test")
            let refused: [(String, String, Int, String, String?)] = [
                ("billed_salon", "-1", 30, "r", nil), ("billed_salon", "1e9", 30, "r", nil), ("billed_salon", "299.999", 30, "r", nil),
                ("billed_salon", "99999999999999999999", 30, "r", nil), ("billed_salon", "", 30, "r", nil), ("billed_salon", "29 9", 30, "r", nil),
                ("billed_salon", "299", 0, "r", nil), ("billed_salon", "299", Int.max, "r", nil), ("billed_salon", "299", -5, "r", nil),
                ("billed_salon", "299", 30, "  ", nil), ("billed_salon", "299", 30, String(repeating: "я", count: 201), nil),
                ("billed_salon", "299", 30, "r", "no such plan"), ("nobody_here", "299", 30, "r", nil), ("../etc", "299", 30, "r", nil),
            ]
            for (tenant, amount, days, reference, plan) in refused {
                await #expect(throws: BillingError.self, "\(tenant) \(amount) \(days) \(reference.prefix(5)) \(plan ?? "-")") {
                    _ = try await desk.recordManualPayment(tenant, amount: amount, days: days, reference: reference, plan: plan)
                }
            }
            #expect(try await dependencies.stores.billing.payments(tenant: nil, limit: 10).isEmpty)
            #expect(try await dependencies.stores.billing.subscription(Self.tenant) == nil)

            for (code, edit) in [
                ("m1", PlanEdit(price: "-299")), ("m1", PlanEdit(periodDays: 0)), ("m1", PlanEdit(periodDays: 100_000)),
                ("m1", PlanEdit(nameRU: "")), ("m1", PlanEdit(currency: "rub")), ("trial", PlanEdit(price: "10")), ("Bad Code", PlanEdit(price: "1")),
                ("fresh", PlanEdit(price: "100")), ("m1", PlanEdit(displayOrder: -1)), ("m1", PlanEdit(nameEN: String(repeating: "x", count: 65))),
            ] {
                await #expect(throws: BillingError.self, "\(code)") { _ = try await desk.setPlan(code, edit) }
            }
            #expect(try await desk.plans() == Plan.defaults)
            let changed = try await desk.setPlan("m1", PlanEdit(price: "349.00", active: false))
            #expect(changed.priceMinor == 34_900 && !changed.active && !changed.isPurchasable)
            #expect(try await dependencies.stores.tenants.operatorAudit(tenant: nil, limit: 1).first?.action == "plan.set")
        }
    }
}
