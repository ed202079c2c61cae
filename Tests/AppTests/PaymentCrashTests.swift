import App
import BookingCore
import Foundation
import Payments
import Storage
import Testing
import YooKassaSandbox

/// `zapis serve` killed (SIGKILL) right after storing a YooKassa notification, before processing it.
@Suite("Payment crash drill", .serialized)
struct PaymentCrashTests {
    @Test(arguments: ProcessStack.Database.available)
    func aNotificationStoredBeforeACrashExtendsExactlyOnceAfterRestart(database: ProcessStack.Database) async throws {
        try await withYooKassaSandbox { yookassa in
            try await ProcessStack.run(database, tenants: 1) { stack in
                let tenant = TenantID("crash_000")!
                let port = try ServeProcess.freePort()
                var environment = stack.environment
                environment["ZAPIS_PUBLIC_URL"] = "http://127.0.0.1:\(port)"
                environment["ZAPIS_YOOKASSA_API_URL"] = yookassa.apiURL
                environment["ZAPIS_YOOKASSA_SHOP_ID"] = yookassa.shopID
                environment["ZAPIS_YOOKASSA_SECRET_KEY"] = yookassa.secretKey
                environment["ZAPIS_YOOKASSA_NETWORKS"] = "127.0.0.1/32"
                environment["ZAPIS_BILLING_CHECK_INTERVAL"] = "1"
                var crashing = environment
                crashing["ZAPIS_TEST_YOOKASSA_CRASH_AFTER_STORE"] = "true"
                yookassa.setNotificationURL("http://127.0.0.1:\(port)/yookassa/notifications")

                let (before, externalID) = try await stack.withDatabase { dependencies in
                    let plan = try #require(try await dependencies.stores.billing.plans().first { $0.code == PlanCode("m3") })
                    let checkout = Checkout(client: yookassa.client(), billing: dependencies.stores.billing, returnURL: "https://t.me/x", now: { Date() })
                    let (payment, _) = try await checkout.start(tenant: tenant, plan: plan)
                    return (try #require(try await dependencies.stores.billing.subscription(tenant)).paidUntil, payment.externalID!)
                }

                let first = ServeProcess(environment: crashing, port: port)
                try first.start()
                defer { first.kill() }
                try await first.waitUntilReady()
                #expect(await yookassa.complete(externalID, pay: true) == nil, "the process dies before answering")
                _ = try await first.waitForExit(timeout: .seconds(20))
                let stored = try await stack.withDatabase { try await $0.stores.billing.unfinishedNotifications(limit: 10) }
                #expect(stored.map(\.externalID) == [externalID])
                #expect(try await stack.withDatabase { try await $0.stores.billing.subscription(tenant)?.paidUntil } == before)

                let second = ServeProcess(environment: environment, port: port)
                try second.start()
                defer { second.kill() }
                try await second.waitUntilReady()
                var after: Date?
                for _ in 0..<100 {
                    after = try await stack.withDatabase { try await $0.stores.billing.subscription(tenant)?.paidUntil }
                    if after != before { break }
                    try await Task.sleep(for: .milliseconds(200))
                }
                #expect(after == before.addingTimeInterval(90 * 86_400))
                // YooKassa redelivers the notification it never got an answer for: a duplicate, nothing more.
                #expect(await yookassa.notify(event: "payment.succeeded", paymentID: externalID, claimedStatus: "succeeded") == 200)
                let outcomes = try await stack.withDatabase { try await $0.stores.billing.notifications(limit: 10).reversed().map { $0.outcome ?? "-" } }
                #expect(outcomes == ["applied", "duplicate"])
                #expect(try await stack.withDatabase { try await $0.stores.billing.subscription(tenant)?.paidUntil } == before.addingTimeInterval(90 * 86_400))
            }
        }
    }
}
