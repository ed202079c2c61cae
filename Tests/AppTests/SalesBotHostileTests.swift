import App
import BookingCore
import Foundation
import Storage
import Testing
import TelegramBotAPI
import TelegramSandbox

/// The sales bot refuses what it must: forged tokens, a token of a bot served already, a token Telegram cannot be
/// asked about, forged buttons and oversize input; every token message is deleted. A paid order whose provisioning
/// fails is retried, the operator alerted, and the payment kept.
@Suite("Sales bot, hostile input and failures", .serialized)
struct SalesBotHostileTests {
    static func tokenMessages(_ buyer: SimulatedUser, _ token: String) async -> Int {
        await buyer.transcript().filter { $0.text?.contains(token) == true }.count
    }

    @Test func forgedUsedAndUncheckableTokensAreRefusedAndDeleted() async throws {
        // A scripted buyer types faster than a person; the limiter's own case is `tokensSentInAFloodAreAllDeleted`.
        try await SalesBotTests.run(rateLimits: false) { stack, _, buyer in
          do {
            // A token sent before Buy is deleted too.
            let stray = stack.tokens[LocalStack.tenantA]!.rawValue
            try await buyer.send(stray)
            // (The chat's only user message was deleted: wait on the transcript, not "since the user's last message".)
            _ = try await buyer.waitForTranscript(timeout: .seconds(10)) { $0.contains { $0.text?.hasPrefix("Я удалил сообщение с токеном") == true } }
            #expect(await Self.tokenMessages(buyer, stray) == 0)
            try await SalesBotTests.buyUntilToken(buyer)
            // Forged: shaped like a token, unknown to Telegram (getMe 401).
            let forged = "123456789:AAH" + String(repeating: "x", count: 32)
            try await buyer.send(forged)
            try await buyer.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Telegram не принимает этот токен") == true }
            #expect(await Self.tokenMessages(buyer, forged) == 0)
            // The bot of a tenant served already.
            try await buyer.send(stray)
            try await buyer.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Этот бот уже подключён") == true }
            #expect(await Self.tokenMessages(buyer, stray) == 0)
            // Telegram cannot be asked (getMe answers 502).
            let fresh = await stack.sandbox.registerBot(username: "fresh_salon_bot", firstName: "Fresh")
            stack.sandbox.failNext(method: "getMe", bot: fresh, error: 502, description: "Bad Gateway")
            try await buyer.send(fresh.rawValue)
            try await buyer.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Не удалось проверить токен") == true }
            #expect(await Self.tokenMessages(buyer, fresh.rawValue) == 0)
            // Not a token at all.
            try await buyer.send("my token is secret")
            try await buyer.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Это не похоже на токен") == true }
            // The same token again, now checkable: accepted.
            try await buyer.send(fresh.rawValue)
            try await buyer.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains("Бот @fresh_salon_bot проверен") == true }
            // Forged buttons: a zone index out of range, a language we do not speak, an unknown plan; typed nonsense zone.
            for data in ["s:tz:999", "s:tz:-1", "s:lang:xx", "s:plan:nope", "s:" + String(repeating: "z", count: 60), "garbage"] {
                try await buyer.pressData(data, messageID: 1)
            }
            try await buyer.waitUntilAllPressesAnswered(timeout: .seconds(10))
            #expect(try await stack.stores.billing.payments(tenant: nil, limit: 10).isEmpty)
          } catch {
            print("transcript", await buyer.transcript().map { "\($0.fromBot ? "bot" : "user"): \($0.text?.prefix(50) ?? "")" })
            throw error
          }
        }
    }

    /// A flood of token messages hits the incoming rate limit: each is still deleted.
    @Test func tokensSentInAFloodAreAllDeleted() async throws {
        try await SalesBotTests.run { stack, _, buyer in
            try await SalesBotTests.buyUntilToken(buyer)
            let token = stack.tokens[LocalStack.tenantA]!.rawValue
            for _ in 0..<12 { try await buyer.send(token) }
            _ = try await buyer.waitForTranscript(timeout: .seconds(15)) { messages in !messages.contains { $0.text == token } }
            try await Task.sleep(for: .milliseconds(500))
            #expect(await Self.tokenMessages(buyer, token) == 0)
        }
    }

    @Test func oversizeAndOddNamesAreRefusedPolitely() async throws {
        try await SalesBotTests.run { _, _, buyer in
            try await buyer.send("/buy")
            try await buyer.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Выберите тариф:") == true }
            try await buyer.press("1 месяц — 299.00 RUB")
            try await buyer.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Как называется") == true }
            try await buyer.send(String(repeating: "Я", count: 4_000))
            try await buyer.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Название — от 1 до 64") == true }
            try await buyer.send("/cancel")
            try await buyer.waitForBotMessage(timeout: .seconds(10)) { $0.text == "Отменено." }
        }
    }

    /// Telegram fails the provisioning's getMe twice after the payment: the order stays paid, the payment applied, the
    /// operator is alerted through the operator bot, and the retry provisions the tenant and tells the buyer.
    @Test func aFailedProvisioningIsRetriedTheOperatorAlertedAndThePaymentKept() async throws {
        try await SalesBotTests.run { stack, yookassa, buyer, operatorBot in
            try stack.sandbox.startChat(userID: 900_001, firstName: "Op", bot: operatorBot)
            try await SalesBotTests.buyUntilToken(buyer, name: "Studio")
            let bot = await stack.sandbox.registerBot(username: "studio_bot", firstName: "Studio")
            try await buyer.send(bot.rawValue)
            try await buyer.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains("проверен") == true }
            try await buyer.press("Asia/Novosibirsk")
            try await buyer.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("На каком языке") == true }
            try await buyer.press("English")
            let order = try await buyer.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Заказ:") == true }
            stack.sandbox.failNext(method: "getMe", bot: bot, error: 500, description: "Internal Server Error", times: 2)
            #expect(try await SalesPage.payOnConfirmationPage(try #require(order.inlineButtons.first?.url), yookassa: yookassa) == 200)
            let op = stack.sandbox.user(900_001, firstName: "Op", languageCode: "en", bot: operatorBot)
            let alert = try await op.waitForTranscript(timeout: .seconds(15)) { $0.contains { $0.text?.hasPrefix("⚠️ Paid order bot") == true } }
            #expect(alert.contains { $0.text?.contains("@studio_bot") == true })
            // Told in the language chosen for the bot.
            try await buyer.waitForBotMessage(timeout: .seconds(15)) { $0.text?.hasPrefix("🎉 Your bot is ready") == true }
            let tenant = try #require(Prospect.tenantID(forBot: Int64(bot.rawValue.split(separator: ":")[0])!))
            let prospect = try #require(try await stack.stores.billing.prospect(tenant))
            #expect(prospect.status == .provisioned && prospect.attempts >= 1)
            let record = try #require(try await stack.stores.tenants.tenant(tenant))
            #expect(record.profile.defaultLanguage == "en" && record.profile.timeZone == "Asia/Novosibirsk" && record.profile.status == .active)
            #expect(try await stack.stores.billing.payments(tenant: tenant, limit: 5).map(\.status) == [.succeeded])
        }
    }
}
