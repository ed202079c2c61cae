@testable import App
import BookingCore
import Foundation
import Logging
import Payments
import Storage
import TelegramSandbox
import Testing
import YooKassaSandbox

/// A subscription paid by a tenant on another server than the primary: its pay link reaches its server's payment (ids
/// name one server), and YooKassa's notification, received and kept on the primary, extends the subscription there.
/// And the sales bot, on the primary, refuses to sell a bot that a tenant on another server serves.
@Suite("Payments across PostgreSQL servers", .serialized)
struct PlacementBillingTests {
    @Test(.enabled(if: PlacementServeTests.enabled, "needs three PostgreSQL servers"), .timeLimit(.minutes(4)))
    func aTenantOnAnotherServerPaysThroughThePrimaryAndItsBotIsNotSoldAgain() async throws {
        try #require(PlacementServeTests.servers.count >= 2, "CI needs ZAPIS_TEST_POSTGRES_SERVERS")
        try await withYooKassaSandbox { yookassa in
            try await PlacementServeTests.withThreeServers { sandbox, configuration, logger in
                let ids = (0..<3).map { TenantID("paying_\($0)")! }
                let tokens = try await PlacementServeTests.provision(ids, sandbox: sandbox, configuration: configuration, logger: logger)
                let salesBot = await sandbox.registerBot(username: "zapis_sales_bot", firstName: "Zapis")

                let port = try ServeProcess.freePort()
                let serve = ServeProcess(
                    environment: PlacementServeTests.serveEnvironment(
                        configuration, port: port,
                        [
                            "ZAPIS_DATABASE_POOL_SIZE": "4", "ZAPIS_YOOKASSA_API_URL": yookassa.apiURL, "ZAPIS_YOOKASSA_SHOP_ID": yookassa.shopID,
                            "ZAPIS_YOOKASSA_SECRET_KEY": yookassa.secretKey, "ZAPIS_YOOKASSA_TRUSTED_PROXIES": "127.0.0.1",
                            "ZAPIS_SALES_BOT_TOKEN": salesBot.rawValue, "ZAPIS_RATE_LIMITS": "0",
                        ]), port: port)
                try serve.start()
                defer { serve.kill() }
                try await serve.waitUntilReady()
                yookassa.setNotificationURL("http://127.0.0.1:\(port)/yookassa/notifications")
                yookassa.setForwardedFor(PaymentNotificationTests.yookassaSource)

                try await LiveDependencies.withRunning(configuration, logger: logger) { all in
                    let placement = try #require(all.placement)
                    let tenant = try #require(ids.first { placement.map.server(of: $0) == "c" })
                    let home = all.serving(tenant)
                    let before = try #require(try await home.stores.billing.subscription(tenant)).paidUntil
                    let plan = try #require(try await home.stores.billing.plans().first { $0.code == PlanCode("m3") })
                    let checkout = Checkout(client: yookassa.client(), billing: home.stores.billing, returnURL: "https://t.me/x", now: { Date() })
                    let (payment, _) = try await checkout.start(tenant: tenant, plan: plan)
                    #expect(placement.server(ofPayment: payment.id.rawValue) == "c", "payment \(payment.id) numbered in c's range")

                    let link = "http://127.0.0.1:\(port)/pay/\(payment.id.rawValue)/\(PayRoutes.signature(payment.id, vault: all.vault))"
                    #expect(try await SalesPage.payOnConfirmationPage(link, yookassa: yookassa) == 200)
                    let deadline = ContinuousClock.now + .seconds(20)
                    var paidUntil = before
                    while paidUntil == before, ContinuousClock.now < deadline {
                        try await Task.sleep(for: .milliseconds(100))
                        paidUntil = try #require(try await home.stores.billing.subscription(tenant)).paidUntil
                    }
                    #expect(paidUntil == before.addingTimeInterval(90 * 86_400), "extended on the tenant's server")
                    let settled = try await placement.primary.notifications(limit: 10).map { $0.outcome ?? "-" }
                    #expect(settled == ["applied"], "the notification is kept and settled on the primary")
                    let forged = "http://127.0.0.1:\(port)/pay/\(payment.id.rawValue)/\(PayRoutes.signature(PaymentID(1), vault: all.vault))"
                    #expect(try await CalendarFeedTests.get(port, String(forged.dropFirst("http://127.0.0.1:\(port)".count))).0 == 404)

                    // The sales bot lives on the primary; the bot of the tenant on c is taken all the same.
                    _ = try await sandbox.waitForWebhookInfo(bot: salesBot, timeout: .seconds(20)) { !$0.url.isEmpty }
                    let buyer = sandbox.user(SalesBotTests.buyerID, firstName: "Buyer", languageCode: "ru", bot: salesBot)
                    try await SalesBotTests.buyUntilToken(buyer)
                    try await buyer.send(try #require(tokens[tenant]).rawValue)
                    try await buyer.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Этот бот уже подключён") == true }
                }
            }
        }
    }
}
