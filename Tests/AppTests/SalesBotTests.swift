import AsyncHTTPClient
import App
import BookingCore
import BotFlows
import Foundation
import Storage
import Testing
import TelegramBotAPI
import TelegramSandbox
import YooKassaSandbox
import ZapisTools

/// The sales bot end to end through both sandboxes over HTTP: the real service serves the sales bot (a platform bot,
/// its token from the configuration) like any tenant's; YooKassa's sandbox takes the payment and notifies the service.
@Suite("Sales bot", .serialized)
struct SalesBotTests {
    static let buyerID: Int64 = 500_001

    /// The service with a sales bot and YooKassa pointed at the sandbox (notifications through a trusted proxy).
    static func run(rateLimits: Bool = true, _ body: @Sendable (LocalStack, YooKassaSandbox, SimulatedUser) async throws -> Void) async throws {
        try await run(rateLimits: rateLimits) { stack, yookassa, buyer, _ in try await body(stack, yookassa, buyer) }
    }

    /// `run`, with the operator bot too (its token given to `body`; operator 900001 is alerted).
    static func run(
        rateLimits: Bool = true, _ body: @Sendable (LocalStack, YooKassaSandbox, SimulatedUser, BotToken) async throws -> Void
    ) async throws {
        try await withYooKassaSandbox { yookassa in
            var environment = [
                "ZAPIS_YOOKASSA_API_URL": yookassa.apiURL, "ZAPIS_YOOKASSA_SHOP_ID": yookassa.shopID, "ZAPIS_YOOKASSA_SECRET_KEY": yookassa.secretKey,
                "ZAPIS_BILLING_CHECK_INTERVAL": "1", "ZAPIS_YOOKASSA_TRUSTED_PROXIES": "127.0.0.1", "ZAPIS_TENANT_REFRESH": "1",
                "ZAPIS_SALES_RETRY_INTERVAL": "1", "ZAPIS_OPERATOR_IDS": "900001",
            ]
            if !rateLimits { environment["ZAPIS_RATE_LIMITS"] = "0" }
            let salesToken = SalesTokenBox()
            let operatorToken = SalesTokenBox()
            try await LocalStack.run(mode: .webhook, environment: environment) { sandbox in
                let token = await sandbox.registerBot(username: "zapis_sales_bot", firstName: "Zapis")
                salesToken.set(token)
                let operatorBot = await sandbox.registerBot(username: "zapis_operator_bot", firstName: "Operator")
                operatorToken.set(operatorBot)
                return ["ZAPIS_SALES_BOT_TOKEN": token.rawValue, "ZAPIS_OPERATOR_BOT_TOKEN": operatorBot.rawValue]
            } _: { stack in
                yookassa.setNotificationURL("http://127.0.0.1:\(stack.appPort)/yookassa/notifications")
                yookassa.setForwardedFor(PaymentNotificationTests.yookassaSource)
                let token = try #require(salesToken.get())
                _ = try await stack.sandbox.waitForWebhookInfo(bot: token, timeout: .seconds(10)) { !$0.url.isEmpty }
                try await body(
                    stack, yookassa, stack.sandbox.user(buyerID, firstName: "Buyer", languageCode: "ru", bot: token), try #require(operatorToken.get()))
            }
        }
    }

    /// Buy up to the token: start, Buy, the 3-month plan, the business name; returns after the @BotFather guide.
    static func buyUntilToken(_ buyer: SimulatedUser, name: String = "Салон Лада") async throws {
        try await buyer.send("/start")
        try await buyer.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Здравствуйте! Zapis") == true }
        try await buyer.press("🛒 Купить")
        try await buyer.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Выберите тариф:") == true }
        try await buyer.press("3 месяца — 799.00 RUB")
        try await buyer.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Как называется ваш бизнес?") == true }
        try await buyer.send(name)
        try await buyer.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains("@BotFather") == true }
    }

    /// The most important journey: a prospect buys the 3-month plan, pays on YooKassa's confirmation page, and within
    /// seconds owns a working bot in which a customer books.
    @Test func aProspectBuysPaysAndOwnsAWorkingBotInWhichACustomerBooks() async throws {
        try await Self.run { stack, yookassa, buyer in
            // The sales bot's command menu is /start alone (no booking commands).
            let deadline = ContinuousClock.now + .seconds(10)
            while stack.sandbox.commands(for: buyer.bot, languageCode: "ru").isEmpty, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(stack.sandbox.commands(for: buyer.bot, languageCode: "ru").map(\.command) == ["start"])
            try await Self.buyUntilToken(buyer)
            let newToken = await stack.sandbox.registerBot(username: "lada_salon_bot", firstName: "Lada")
            try await buyer.send(newToken.rawValue)
            try await buyer.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains("Бот @lada_salon_bot проверен") == true }
            // The message holding the token was deleted from the chat.
            #expect(!(await buyer.transcript()).contains { $0.text?.contains(newToken.rawValue) == true })
            try await buyer.press("Europe/Moscow")
            try await buyer.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("На каком языке") == true }
            try await buyer.press("Русский")
            let order = try await buyer.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Заказ:") == true }
            let link = try #require(order.inlineButtons.first?.url)
            let tenant = try #require(Prospect.tenantID(forBot: Int64(newToken.rawValue.split(separator: ":")[0])!))
            #expect(try await stack.stores.billing.prospect(tenant)?.status == .ordered)
            // The buyer opens the link (redirected to YooKassa's page) and presses Pay there.
            let started = ContinuousClock.now
            #expect(try await SalesPage.payOnConfirmationPage(link, yookassa: yookassa) == 200)
            let ready = try await buyer.waitForBotMessage(timeout: .seconds(15)) { $0.text?.hasPrefix("🎉 Ваш бот готов") == true }
            let elapsed = ContinuousClock.now - started
            #expect(ready.text?.contains("https://t.me/lada_salon_bot") == true)
            #expect(elapsed < .seconds(10), "bought to ready in \(elapsed)")
            let record = try #require(try await stack.stores.tenants.tenant(tenant))
            #expect(record.profile.status == .active && record.ownerID == UserID(Self.buyerID) && record.profile.name == "Салон Лада")
            let paidUntil = try #require(try await stack.stores.billing.subscription(tenant)).paidUntil
            #expect(abs(paidUntil.timeIntervalSinceNow - 90 * 86_400) < 120)
            #expect(try await stack.stores.billing.prospect(tenant)?.status == .provisioned)
            // The owner's bot serves: its webhook is set, and a customer books in it (the owner added services).
            _ = try await stack.sandbox.waitForWebhookInfo(bot: newToken, timeout: .seconds(10)) { !$0.url.isEmpty }
            try await DemoSalon.seed(stack.stores, tenant: tenant)
            let customer = CustomerJourney(user: stack.sandbox.user(600_001, firstName: "Client", languageCode: "ru", bot: newToken))
            try await customer.start()
            #expect(try await customer.bookFirstFreeSlot().hasPrefix("✅ Вы записаны!"))
            print("sales bot: paid → bot ready in \(elapsed)")
        }
    }
}

/// The sales bot's token, set once the sandbox registered it.
final class SalesTokenBox: Sendable {
    private let token = Mutex<BotToken?>(nil)
    func set(_ value: BotToken) { token.withLock { $0 = value } }
    func get() -> BotToken? { token.withLock { $0 } }
}

/// A buyer in a browser: opens our pay link, lands on YooKassa's confirmation page, presses Pay.
enum SalesPage {
    static func payOnConfirmationPage(_ link: String, yookassa: YooKassaSandbox, pay: Bool = true) async throws -> Int {
        var request = HTTPClientRequest(url: link)
        request.method = .GET
        let page = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let html = String(buffer: try await page.body.collect(upTo: 1 << 20))
        let action = pay ? "confirm" : "cancel"
        guard let range = html.range(of: #"/pay/[^"]+/"# + action, options: .regularExpression) else { return Int(page.status.code) }
        var post = HTTPClientRequest(url: yookassa.baseURL + html[range])
        post.method = .POST
        return Int(try await HTTPClient.shared.execute(post, timeout: .seconds(10)).status.code)
    }
}

import Synchronization
