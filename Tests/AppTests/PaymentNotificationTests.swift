import AsyncHTTPClient
import App
import BookingCore
import Foundation
import Payments
import Storage
import Testing
import YooKassaSandbox

/// `POST /yookassa/notifications` on the real service, fed by the YooKassa sandbox over HTTP; the service stands
/// behind a trusted proxy (127.0.0.1) and YooKassa's published networks are the accepted sources.
@Suite("YooKassa notifications", .serialized)
struct PaymentNotificationTests {
    static let yookassaSource = "185.71.76.10"

    /// The service with YooKassa pointed at the sandbox and notifications arriving through a trusted proxy.
    static func run(trustProxy: Bool = true, _ body: @Sendable (LocalStack, YooKassaSandbox, Checkout) async throws -> Void) async throws {
        try await withYooKassaSandbox { yookassa in
            var environment = [
                "ZAPIS_YOOKASSA_API_URL": yookassa.apiURL, "ZAPIS_YOOKASSA_SHOP_ID": yookassa.shopID,
                "ZAPIS_YOOKASSA_SECRET_KEY": yookassa.secretKey, "ZAPIS_BILLING_CHECK_INTERVAL": "1",
            ]
            if trustProxy { environment["ZAPIS_YOOKASSA_TRUSTED_PROXIES"] = "127.0.0.1" }
            try await LocalStack.run(mode: .webhook, environment: environment) { stack in
                yookassa.setNotificationURL("http://127.0.0.1:\(stack.appPort)/yookassa/notifications")
                yookassa.setForwardedFor(Self.yookassaSource)
                let checkout = Checkout(client: yookassa.client(), billing: stack.stores.billing, returnURL: "https://t.me/x", now: { Date() })
                try await body(stack, yookassa, checkout)
            }
        }
    }

    static func m3(_ stack: LocalStack) async throws -> Plan {
        try #require(try await stack.stores.billing.plans().first { $0.code == PlanCode("m3") })
    }

    static func paidUntil(_ stack: LocalStack, _ tenant: TenantID = LocalStack.tenantA) async throws -> Date {
        try #require(try await stack.stores.billing.subscription(tenant)).paidUntil
    }

    static func outcomes(_ stack: LocalStack) async throws -> [String] {
        try await stack.stores.billing.notifications(limit: 100).reversed().map { $0.outcome ?? "-" }
    }

    /// A genuine payment extends the trial by 90 days from its end, once; a replay of it changes nothing.
    @Test func aVerifiedPaymentExtendsOnceAndAReplayChangesNothing() async throws {
        try await Self.run { stack, yookassa, checkout in
            let before = try await Self.paidUntil(stack)
            let (payment, _) = try await checkout.start(tenant: LocalStack.tenantA, plan: try await Self.m3(stack))
            #expect(await yookassa.complete(try #require(payment.externalID), pay: true) == 200)
            #expect(try await Self.paidUntil(stack) == before.addingTimeInterval(90 * 86_400))
            #expect(try await stack.stores.tenants.tenant(LocalStack.tenantA)?.profile.status == .active)
            #expect(await yookassa.notify(event: "payment.succeeded", paymentID: payment.externalID!, claimedStatus: "succeeded") == 200)
            #expect(try await Self.paidUntil(stack) == before.addingTimeInterval(90 * 86_400))
            #expect(try await Self.outcomes(stack) == ["applied", "duplicate"])
            #expect(try await Self.paidUntil(stack, LocalStack.tenantB) < before.addingTimeInterval(86_400))
        }
    }

    /// Every forgery is refused and changes nothing: a wrong source, GET saying pending or canceled, a different
    /// amount or currency, an unknown payment id, metadata naming another tenant, malformed bodies.
    @Test func forgeriesAreRefusedAndChangeNothing() async throws {
        try await Self.run { stack, yookassa, checkout in
            let before = try await Self.paidUntil(stack)
            let plan = try await Self.m3(stack)
            let pending = try await checkout.start(tenant: LocalStack.tenantA, plan: plan).0.externalID!
            // A wrong source address (the proxy saw another sender), even for a real, paid payment.
            #expect(await yookassa.notify(event: "payment.succeeded", paymentID: pending, claimedStatus: "succeeded", forwardedFor: "203.0.113.5") == 403)
            // GET says pending.
            #expect(await yookassa.notify(event: "payment.succeeded", paymentID: pending, claimedStatus: "succeeded") == 200)
            // GET says canceled: the payment is recorded canceled and never applied.
            let canceled = try await checkout.start(tenant: LocalStack.tenantA, plan: plan).0
            #expect(await yookassa.complete(canceled.externalID!, pay: false) == 200)
            #expect(await yookassa.notify(event: "payment.succeeded", paymentID: canceled.externalID!, claimedStatus: "succeeded") == 200)
            #expect(try await stack.stores.billing.payment(canceled.id)?.status == .canceled)
            // The amount or the currency differs from what we asked.
            for (value, currency) in [("1.00", "RUB"), ("799.00", "USD")] {
                let id = try await checkout.start(tenant: LocalStack.tenantA, plan: plan).0.externalID!
                yookassa.tamper(id) { $0.amount = YooKassaAmount(value: value, currency: currency) }
                #expect(await yookassa.complete(id, pay: true) == 200)
            }
            // A payment YooKassa does not know.
            #expect(await yookassa.notify(event: "payment.succeeded", paymentID: "2f999999-000f-5000-9000-999999999999", claimedStatus: "succeeded") == 200)
            // Metadata pointing to another tenant (A's order, B named).
            let other = try await checkout.start(tenant: LocalStack.tenantA, plan: plan).0.externalID!
            yookassa.tamper(other) { $0.metadata?["tenant"] = LocalStack.tenantB.rawValue }
            #expect(await yookassa.complete(other, pay: true) == 200)
            // Malformed bodies and an implausible id.
            #expect(await yookassa.post(Data("{not json".utf8), forwardedFor: Self.yookassaSource) == 400)
            #expect(await yookassa.notify(event: "payment.succeeded", paymentID: "../../v3/refunds", claimedStatus: "succeeded") == 200)

            #expect(try await Self.paidUntil(stack) == before)
            #expect(try await Self.paidUntil(stack, LocalStack.tenantB) < before.addingTimeInterval(86_400))
            #expect(try await stack.stores.billing.payments(tenant: nil, limit: 20).allSatisfy { $0.appliedAt == nil })
            let outcomes = try await Self.outcomes(stack)
            #expect(outcomes.count == 10)
            #expect(outcomes.filter { $0 == "canceled" }.count == 2)
            #expect(outcomes.filter { $0.hasPrefix("refused: ") }.count == 8, "\(outcomes)")
            #expect(outcomes[0] == "refused: source 203.0.113.5 is not a YooKassa network")
        }
    }

    /// The same notification ten times at once: one extension, nine duplicates.
    @Test func tenConcurrentCopiesExtendOnce() async throws {
        try await Self.run { stack, yookassa, checkout in
            let before = try await Self.paidUntil(stack)
            let id = try await checkout.start(tenant: LocalStack.tenantA, plan: try await Self.m3(stack)).0.externalID!
            await yookassa.complete(id, pay: true, notify: false)
            let statuses = await withTaskGroup(of: Int?.self) { group in
                for _ in 0..<10 { group.addTask { await yookassa.notify(event: "payment.succeeded", paymentID: id, claimedStatus: "succeeded") } }
                return await group.reduce(into: [Int?]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == 200 })
            #expect(try await Self.paidUntil(stack) == before.addingTimeInterval(90 * 86_400))
            let outcomes = try await Self.outcomes(stack)
            #expect(outcomes.filter { $0 == "applied" }.count == 1 && outcomes.filter { $0 == "duplicate" }.count == 9)
        }
    }

    /// A notification for an order we have not stored yet is kept (503, so YooKassa redelivers) and applied once the
    /// order exists, by the sweep; one whose YooKassa id we have not recorded yet is matched by its order id.
    @Test func aNotificationBeforeThePaymentRecordIsAppliedOnceItExists() async throws {
        try await Self.run { stack, yookassa, checkout in
            let before = try await Self.paidUntil(stack)
            let plan = try await Self.m3(stack)
            let first = try await checkout.start(tenant: LocalStack.tenantA, plan: plan).0
            // Our next order id, paid at YooKassa before our row exists (SQLite ids increase by one).
            let next = String(first.id.rawValue + 1)
            let early = try await yookassa.client().createPayment(
                YooKassaCreatePayment(
                    amount: YooKassaAmount(value: "799.00", currency: "RUB"), returnURL: "https://t.me/x", description: "early",
                    metadata: ["order_id": next, "tenant": LocalStack.tenantA.rawValue]), idempotenceKey: "early")
            #expect(await yookassa.complete(early.id, pay: true) == 503)
            #expect(try await Self.paidUntil(stack) == before)
            let record = try await stack.stores.billing.createPayment(
                PaymentRecord(
                    tenant: LocalStack.tenantA, plan: plan.code, amount: MoneyAmount(minor: plan.priceMinor), currency: "RUB", periodDays: 90,
                    provider: .yookassa, createdAt: Date()))
            #expect(String(record.id.rawValue) == next)
            var extended = false
            for _ in 0..<100 where !extended {
                extended = try await Self.paidUntil(stack) == before.addingTimeInterval(90 * 86_400)
                if !extended { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(extended)
            #expect(try await stack.stores.billing.payment(record.id)?.externalID == early.id)
        }
    }

    /// Without a trusted proxy, an X-Forwarded-For naming a YooKassa address is the sender's own claim: refused.
    @Test func aForwardedForFromAnUntrustedPeerIsIgnored() async throws {
        try await Self.run(trustProxy: false) { stack, yookassa, checkout in
            let before = try await Self.paidUntil(stack)
            let id = try await checkout.start(tenant: LocalStack.tenantA, plan: try await Self.m3(stack)).0.externalID!
            #expect(await yookassa.complete(id, pay: true) == 403)
            #expect(try await Self.paidUntil(stack) == before)
        }
    }
}
