import Foundation
import TelegramBotAPI
import TelegramSandbox
import Testing

/// Telegram Payments in the sandbox (issue 22, part 3): invoices checked like Telegram, pre-checkout queries with their
/// 10 s deadline, successful payments and Stars refunds.
@Suite("Sandbox payments")
struct SandboxPaymentTests {
    static func stars(_ chat: Int64, payload: String = "deposit:1", amount: Int64 = 50) -> SendInvoice {
        SendInvoice(
            chatID: chat, title: "Deposit", description: "Deposit for a haircut", payload: payload, providerToken: "", currency: "XTR",
            prices: [LabeledPrice(label: "Haircut", amount: amount)])
    }

    /// The bot's next pre-checkout query, read by long polling.
    static func nextQuery(_ h: Harness, _ bot: BotToken, after offset: inout Int64) async throws -> PreCheckoutQuery {
        for _ in 0..<20 {
            let updates = try await h.call(GetUpdates(offset: offset, timeout: 1), token: bot)
            if let last = updates.last { offset = last.updateID + 1 }
            if let query = updates.compactMap(\.preCheckoutQuery).first { return query }
        }
        throw SandboxError.timedOut("a pre-checkout query")
    }

    @Test func hostileInvoicesAreRefusedLikeTelegram() async throws {
        try await withSandbox { h in
            let bot = await h.bot()
            let user = try await h.startedUser(bot: bot)
            var bad: [SendInvoice] = [Self.stars(user.id, payload: ""), Self.stars(user.id, payload: String(repeating: "x", count: 129))]
            for amount: Int64 in [0, -1, 2_000_000_000] { bad.append(Self.stars(user.id, amount: amount)) }
            var withToken = Self.stars(user.id)
            withToken.providerToken = "381764678:TEST:1"
            var money = Self.stars(user.id)
            money.currency = "RUB"
            var marker = money
            marker.providerToken = SendInvoice.tenantProviderToken
            var currency = money
            currency.currency = "rubles"
            currency.providerToken = "381764678:TEST:1"
            bad += [withToken, money, marker, currency]
            for invoice in bad {
                await #expect(throws: TelegramError.self, "\(invoice)") { _ = try await h.call(invoice, token: bot) }
            }
            #expect(await user.transcript().allSatisfy { $0.invoice == nil })
        }
    }

    @Test func aStarsPaymentGoesThroughAndIsRefundedOnce() async throws {
        try await withSandbox { h in
            let bot = await h.bot()
            let user = try await h.startedUser(bot: bot)
            let sent = try await h.call(Self.stars(user.id), token: bot)
            #expect(sent.invoice?.totalAmount == 50 && sent.invoice?.currency == "XTR")
            var offset: Int64 = 0
            async let paying = user.pay()
            let query = try await Self.nextQuery(h, bot, after: &offset)
            #expect(query.invoicePayload == "deposit:1" && query.totalAmount == 50 && query.from.id == user.id)
            #expect(try await h.call(AnswerPreCheckoutQuery(preCheckoutQueryID: query.id, ok: true), token: bot))
            // Answered once only.
            await #expect(throws: TelegramError.self) { _ = try await h.call(AnswerPreCheckoutQuery(preCheckoutQueryID: query.id, ok: true), token: bot) }
            guard case .paid(let charge) = try await paying else { Issue.record("not paid"); return }
            let updates = try await h.call(GetUpdates(offset: offset, timeout: 1), token: bot)
            let payments = updates.compactMap { $0.message?.successfulPayment }
            let payment = try #require(payments.first)
            #expect(payment.telegramPaymentChargeID == charge && payment.invoicePayload == "deposit:1" && payment.totalAmount == 50)
            await #expect(throws: TelegramError.self) {
                _ = try await h.call(RefundStarPayment(userID: user.id + 1, telegramPaymentChargeID: charge), token: bot)
            }
            #expect(try await h.call(RefundStarPayment(userID: user.id, telegramPaymentChargeID: charge), token: bot))
            await #expect(throws: TelegramError.badRequest("Bad Request: CHARGE_ALREADY_REFUNDED")) {
                _ = try await h.call(RefundStarPayment(userID: user.id, telegramPaymentChargeID: charge), token: bot)
            }
            #expect(await user.isRefunded(chargeID: charge) == true)
        }
    }

    @Test func aRefusalReachesThePayerAndASilentBotMissesTheDeadline() async throws {
        try await withSandbox { h in
            let bot = await h.bot()
            let user = try await h.startedUser(bot: bot)
            _ = try await h.call(Self.stars(user.id), token: bot)
            var offset: Int64 = 0
            async let refusing = user.pay()
            let query = try await Self.nextQuery(h, bot, after: &offset)
            // A refusal must say why.
            await #expect(throws: TelegramError.self) { _ = try await h.call(AnswerPreCheckoutQuery(preCheckoutQueryID: query.id, ok: false), token: bot) }
            _ = try await h.call(AnswerPreCheckoutQuery(preCheckoutQueryID: query.id, ok: false, errorMessage: "Sold out"), token: bot)
            #expect(try await refusing == .refused("Sold out"))
            // Nobody answers: after 10 s the payment fails, and a late answer is refused.
            let started = ContinuousClock.now
            async let silent = user.pay()
            let late = try await Self.nextQuery(h, bot, after: &offset)
            #expect(try await silent == .timedOut)
            #expect(ContinuousClock.now - started >= .seconds(10))
            await #expect(throws: TelegramError.self) { _ = try await h.call(AnswerPreCheckoutQuery(preCheckoutQueryID: late.id, ok: true), token: bot) }
            #expect(await user.transcript().allSatisfy { $0.payment == nil })
        }
    }
}

/// The chat page's pay action: the same payment over the sandbox's JSON API.
@Suite("Sandbox payments over HTTP")
struct SandboxPaymentHTTPTests {
    @Test func theChatPageShowsAnInvoiceAndPaysIt() async throws {
        try await withSandbox { h in
            let bot = await h.bot()
            let user = try await h.startedUser(bot: bot)
            let invoice = try await h.call(SandboxPaymentTests.stars(user.id), token: bot)
            let api = "\(h.baseURL)/sandbox/api/bots/demo_salon_bot/chats/\(user.id)"
            let tests = SandboxHTTPAPITests()
            let transcript = try tests.object(try await tests.request("\(api)/transcript").body)
            let shown = try #require((transcript["messages"] as? [[String: Any]])?.last?["invoice"] as? [String: Any])
            #expect(shown["currency"] as? String == "XTR" && shown["total_amount"] as? Int == 50)
            var offset: Int64 = 0
            async let paying = tests.request("\(api)/pay", post: #"{"message_id": \#(invoice.messageID)}"#)
            let query = try await SandboxPaymentTests.nextQuery(h, bot, after: &offset)
            _ = try await h.call(AnswerPreCheckoutQuery(preCheckoutQueryID: query.id, ok: true), token: bot)
            let paid = try await paying
            #expect(paid.status == 200 && paid.body.contains(#""result":"paid""#))
            #expect(try await tests.request("\(api)/pay", post: #"{"message_id": 99999}"#).status == 400)
            #expect(try await tests.request("\(api)/pay", post: "{").status == 400)
        }
    }
}
