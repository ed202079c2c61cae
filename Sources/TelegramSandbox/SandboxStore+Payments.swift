import Foundation
import TelegramBotAPI

/// A pre-checkout query the sandbox sent a bot, and the bot's answer.
struct PreCheckoutRecord: Sendable {
    /// The payer's chat.
    var chatID: Int64
    /// The invoice message being paid.
    var messageID: Int64
    /// When it was sent (Telegram waits at most `SandboxStore.preCheckoutDeadline`).
    var askedAt: ContinuousClock.Instant
    /// The answer: ok, or the error message shown to the payer.
    var answer: PreCheckoutAnswer?
}

/// A bot's answer to a pre-checkout query.
public enum PreCheckoutAnswer: Sendable, Equatable {
    case ok
    case refused(String)
}

/// A payment made to a bot.
struct PaymentRecord: Sendable {
    /// The payer.
    var userID: Int64
    /// ISO code or "XTR".
    var currency: String
    /// Minor units.
    var amount: Int64
    /// True once refunded (Stars only).
    var refunded = false
}

/// What a simulated payment came to.
public enum SandboxPaymentResult: Sendable, Equatable {
    /// Paid: the bot got `successful_payment` with this telegram_payment_charge_id.
    case paid(chargeID: String)
    /// The bot refused at pre-checkout with this message (shown to the payer).
    case refused(String)
    /// The bot did not answer the pre-checkout query within 10 s: Telegram fails the payment.
    case timedOut
}

/// Telegram Payments: invoices, pre-checkout queries with their 10 s deadline, successful payments, Stars refunds.
extension SandboxStore {
    /// How long Telegram waits for answerPreCheckoutQuery.
    static let preCheckoutDeadline = Duration.seconds(10)

    /// sendInvoice: checked like Telegram (payload 1–128 bytes, prices, Stars with an empty provider token, title and
    /// description lengths); the invoice shows in the chat.
    func sendInvoice(_ token: String, _ parameters: BotAPIParameters) throws(BotAPIFailure) -> Message {
        let chatID = try parameters.requiredInt64("chat_id")
        let title = parameters.string("title") ?? ""
        let description = parameters.string("description") ?? ""
        let payload = parameters.string("payload") ?? ""
        let currency = parameters.string("currency") ?? ""
        let providerToken = parameters.string("provider_token") ?? ""
        guard (1...32).contains(title.count) else { throw .badRequest("TITLE_INVALID") }
        guard (1...255).contains(description.count) else { throw .badRequest("DESCRIPTION_INVALID") }
        guard (1...128).contains(payload.utf8.count) else { throw .badRequest("PAYLOAD_INVALID") }
        guard currency.count == 3, currency.allSatisfy({ $0.isUppercase && $0.isASCII }) else { throw .badRequest("CURRENCY_INVALID") }
        if currency == "XTR" {
            guard providerToken.isEmpty else { throw .badRequest("PROVIDER_TOKEN_INVALID: Stars invoices take no provider token") }
        } else {
            guard !providerToken.isEmpty, !providerToken.hasPrefix("$") else { throw .badRequest("PAYMENT_PROVIDER_INVALID") }
        }
        let prices = try parameters.decode([LabeledPrice].self, "prices", failure: "can't parse prices JSON object") ?? []
        guard !prices.isEmpty, prices.count <= 10, prices.allSatisfy({ $0.amount > 0 && $0.amount <= 1_000_000_000 }) else {
            throw .badRequest("CURRENCY_TOTAL_AMOUNT_INVALID")
        }
        let invoice = SandboxInvoice(
            title: title, description: description, payload: payload, currency: currency, totalAmount: prices.reduce(0) { $0 + $1.amount },
            providerToken: providerToken)
        return try withChat(token, chatID) { bot, chat in
            let message = chat.append { id in SandboxMessage(messageID: id, fromBot: true, date: Self.now(), invoice: invoice) }
            return chat.telegramMessage(message, bot: bot)
        }
    }

    /// answerPreCheckoutQuery: once per query, within the deadline; a refusal needs its error message.
    func answerPreCheckoutQuery(_ token: String, _ parameters: BotAPIParameters) throws(BotAPIFailure) -> Bool {
        guard let queryID = parameters.string("pre_checkout_query_id"), !queryID.isEmpty else { throw .badRequest("QUERY_ID_INVALID") }
        let ok = parameters.bool("ok") ?? false
        let message = parameters.string("error_message") ?? ""
        guard ok || !message.isEmpty else { throw .badRequest("ERROR_MESSAGE_EMPTY") }
        return try withBot(token) { (bot: inout BotRecord) throws(BotAPIFailure) -> Bool in
            guard var record = bot.preCheckouts[queryID], record.answer == nil,
                ContinuousClock.now - record.askedAt <= Self.preCheckoutDeadline
            else { throw .badRequest("query is too old and response timeout expired or query ID is invalid") }
            record.answer = ok ? .ok : .refused(message)
            bot.preCheckouts[queryID] = record
            bot.chats[record.chatID]?.signal.bump()
            return true
        }
    }

    /// refundStarPayment: a Stars payment of that user, once.
    func refundStarPayment(_ token: String, _ parameters: BotAPIParameters) throws(BotAPIFailure) -> Bool {
        let userID = try parameters.requiredInt64("user_id")
        let chargeID = parameters.string("telegram_payment_charge_id") ?? ""
        return try withBot(token) { (bot: inout BotRecord) throws(BotAPIFailure) -> Bool in
            guard let payment = bot.payments[chargeID], payment.userID == userID, payment.currency == "XTR" else {
                throw .badRequest("CHARGE_ID_INVALID")
            }
            guard !payment.refunded else { throw .badRequest("CHARGE_ALREADY_REFUNDED") }
            bot.payments[chargeID]?.refunded = true
            bot.chats[userID]?.signal.bump()
            return true
        }
    }

    /// The user starts paying invoice `messageID`: the bot gets a pre_checkout_query. Returns the query id.
    func userStartsPayment(_ token: BotToken, user: User, messageID: Int64) throws(SandboxError) -> String {
        let queryID = "pcq\(token.botID ?? 0)\(serial())"
        _ = try touchChat(token, user: user)
        return try withKnownBot(token) { (bot: inout BotRecord) throws(SandboxError) -> String in
            guard let chat = bot.chats[user.id], let index = chat.index(of: messageID), let invoice = chat.messages[index].message.invoice else {
                throw SandboxError.invalidRequest("no invoice \(messageID) in the chat")
            }
            bot.preCheckouts[queryID] = PreCheckoutRecord(chatID: user.id, messageID: messageID, askedAt: .now)
            let query = PreCheckoutQuery(
                id: queryID, from: user, currency: invoice.currency, totalAmount: invoice.totalAmount, invoicePayload: invoice.payload)
            Self.enqueue(&bot) { Update(updateID: $0, preCheckoutQuery: query) }
            return queryID
        }
    }

    /// The bot's answer to a pre-checkout query, if given.
    func preCheckoutAnswer(_ token: BotToken, queryID: String) throws(SandboxError) -> PreCheckoutAnswer? {
        try withKnownBot(token) { bot in bot.preCheckouts[queryID]?.answer }
    }

    /// The payment goes through: the chat shows it, and the bot gets a message with successful_payment (sent again
    /// with `chargeID` given: Telegram delivering the same payment twice). Returns the telegram_payment_charge_id.
    @discardableResult
    func completePayment(_ token: BotToken, user: User, messageID: Int64, chargeID given: String? = nil) throws(SandboxError) -> String {
        let chargeID = given ?? "stxn\(token.botID ?? 0)_\(user.id)_\(serial())"
        return try withKnownBot(token) { (bot: inout BotRecord) throws(SandboxError) -> String in
            guard let chat = bot.chats[user.id], let index = chat.index(of: messageID), let invoice = chat.messages[index].message.invoice else {
                throw SandboxError.invalidRequest("no invoice \(messageID) in the chat")
            }
            let payment = SuccessfulPayment(
                currency: invoice.currency, totalAmount: invoice.totalAmount, invoicePayload: invoice.payload, telegramPaymentChargeID: chargeID,
                providerPaymentChargeID: invoice.currency == "XTR" ? "" : "prov_\(chargeID)")
            if bot.payments[chargeID] == nil {
                bot.payments[chargeID] = PaymentRecord(userID: user.id, currency: invoice.currency, amount: invoice.totalAmount)
            }
            let message = bot.chats[user.id]!.append { id in SandboxMessage(messageID: id, fromBot: false, date: Self.now(), payment: payment) }
            bot.chats[user.id]!.lastUserAction = bot.chats[user.id]!.revision
            let telegram = bot.chats[user.id]!.telegramMessage(message, bot: bot.user)
            Self.enqueue(&bot) { Update(updateID: $0, message: telegram) }
            return chargeID
        }
    }

    /// Whether a Stars payment was refunded; nil when there is no such payment.
    func isRefunded(_ token: BotToken, chargeID: String) throws(SandboxError) -> Bool? {
        try withKnownBot(token) { bot in bot.payments[chargeID]?.refunded }
    }
}
