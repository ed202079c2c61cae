import App
import BookingCore
import Foundation
import Storage
import TelegramSandbox
import Testing

/// Expiry with the service clock moved forward: warnings 3 and 0 days ahead exactly once each (a 7-day trial's
/// 7-day point is its start), suspension at expiry through the lifecycle's status, resume on payment.
@Suite("Subscription expiry", .serialized)
struct SubscriptionExpiryTests {
    static let environment = ["ZAPIS_BILLING_CHECK_INTERVAL": "1", "ZAPIS_TENANT_REFRESH": "1", "ZAPIS_RATE_LIMITS": "0"]

    static func warnings(_ owner: SimulatedUser) async -> [SandboxMessage] {
        await owner.transcript().filter { $0.fromBot && $0.text?.contains("Подписка на бот заканчивается") == true }
    }

    @Test func warningsOnceEachThenSuspensionThenResumeOnPayment() async throws {
        let clock = TestClock()
        try await LocalStack.run(mode: .webhook, clock: clock, environment: Self.environment) { stack in
            let a = LocalStack.tenantA
            let owner = stack.user(1, of: a)
            let paidUntil = try #require(try await stack.stores.billing.subscription(a)).paidUntil
            // The owner has talked to the bot (a bot cannot start a chat).
            try await owner.send("/start")
            _ = try await owner.waitForBotMessage(timeout: .seconds(10))
            func moveTo(_ instant: Date) { clock.advance(by: instant.timeIntervalSince(clock.date())) }

            moveTo(paidUntil.addingTimeInterval(-3 * 86_400 + 60))
            let three = try await owner.waitForBotMessage(timeout: .seconds(20)) { $0.text?.contains("через 3 дн.") == true }
            // The Renew button opens the subscription in the admin panel (RenewalTests pays through it).
            #expect(three.inlineButtons.map(\.text) == ["💳 Подписка"] && three.text?.contains("/admin → Подписка") == true)
            moveTo(paidUntil.addingTimeInterval(-5 * 3_600))
            _ = try await owner.waitForBotMessage(timeout: .seconds(20)) { $0.text?.contains("заканчивается сегодня") == true }

            moveTo(paidUntil.addingTimeInterval(60))
            var status = TenantStatus.trial
            for _ in 0..<100 where status != .suspended {
                status = try #require(try await stack.stores.tenants.tenant(a)).profile.status
                if status != .suspended { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(status == .suspended)
            let customer = stack.user(100, of: a)
            _ = try await TenantLifecycleTests.sendUntil(customer, "/start", replyContains: TenantLifecycleTests.unavailable)
            #expect(await Self.warnings(owner).count == 2, "each warning exactly once")
            #expect(try await stack.stores.tenants.tenant(LocalStack.tenantB)?.profile.status == .suspended, "B's trial ended too")

            // The operator records a payment: A serves again, extended from now (not from the old paid_until).
            var dependencies = stack.dependencies
            dependencies.now = { clock.date() }
            let (_, renewed) = try await BillingDesk(dependencies: dependencies, actor: "cli:test").recordManualPayment(
                a.rawValue, amount: "299.00", days: 30, reference: "bank 42")
            #expect(abs(renewed.paidUntil.timeIntervalSince(clock.date().addingTimeInterval(30 * 86_400))) < 5)
            #expect(try await stack.stores.tenants.tenant(a)?.profile.status == .active)
            _ = try await TenantLifecycleTests.sendUntil(customer, "/start", replyContains: TenantLifecycleTests.greeting)
            let audit = try await stack.stores.tenants.operatorAudit(tenant: a, limit: 5).map { "\($0.actor) \($0.action)" }
            #expect(audit == ["cli:test billing.manual-payment", "cli:test tenant.resume", "zapis:billing tenant.suspend"])
        }
    }
}
