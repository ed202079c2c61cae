/// sendInvoice: a payment request in a chat. `providerToken` is empty for Telegram Stars (currency "XTR"); for a
/// provider it is `SendInvoice.tenantProviderToken` while the call waits in the outbox, and the sender puts the tenant's
/// decrypted token in its place just before sending (the token is never stored in clear).
public struct SendInvoice: BotMethod, Equatable, Codable {
    public typealias Response = Message
    public static let name = "sendInvoice"
    /// Marks the tenant's provider token, filled in by the sender.
    public static let tenantProviderToken = "$tenant-provider-token"
    /// Target chat.
    public var chatID: Int64
    /// 1–32 characters.
    public var title: String
    /// 1–255 characters.
    public var description: String
    /// 1–128 bytes: our order id.
    public var payload: String
    /// Empty for Stars.
    public var providerToken: String
    /// ISO code or "XTR".
    public var currency: String
    /// The price parts (one here).
    public var prices: [LabeledPrice]

    enum CodingKeys: String, CodingKey {
        case chatID = "chat_id"
        case title, description, payload
        case providerToken = "provider_token"
        case currency, prices
    }

    /// Creates the call, cutting title and description to Telegram's limits.
    public init(chatID: Int64, title: String, description: String, payload: String, providerToken: String, currency: String, prices: [LabeledPrice]) {
        self.chatID = chatID
        self.title = String(title.prefix(32))
        self.description = String(description.prefix(255))
        self.payload = payload
        self.providerToken = providerToken
        self.currency = currency
        self.prices = prices
    }
}

/// One part of an invoice's price, in minor units.
public struct LabeledPrice: Codable, Sendable, Equatable {
    /// Shown to the payer.
    public var label: String
    /// Minor units (Stars for XTR).
    public var amount: Int64

    /// Creates a part.
    public init(label: String, amount: Int64) {
        self.label = label
        self.amount = amount
    }
}

/// answerPreCheckoutQuery: must come within 10 s of the query, else the payment fails.
public struct AnswerPreCheckoutQuery: BotMethod, Equatable, Codable {
    public typealias Response = Bool
    public static let name = "answerPreCheckoutQuery"
    /// The query.
    public var preCheckoutQueryID: String
    /// True: go ahead.
    public var ok: Bool
    /// Why not, shown to the payer (required when `ok` is false).
    public var errorMessage: String?

    enum CodingKeys: String, CodingKey {
        case preCheckoutQueryID = "pre_checkout_query_id"
        case ok
        case errorMessage = "error_message"
    }

    /// Creates the answer.
    public init(preCheckoutQueryID: String, ok: Bool, errorMessage: String? = nil) {
        self.preCheckoutQueryID = preCheckoutQueryID
        self.ok = ok
        self.errorMessage = errorMessage
    }
}

/// refundStarPayment: returns a Stars payment to the user.
public struct RefundStarPayment: BotMethod, Equatable, Codable {
    public typealias Response = Bool
    public static let name = "refundStarPayment"
    /// The payer.
    public var userID: Int64
    /// The payment's `telegram_payment_charge_id`.
    public var telegramPaymentChargeID: String

    enum CodingKeys: String, CodingKey {
        case userID = "user_id"
        case telegramPaymentChargeID = "telegram_payment_charge_id"
    }

    /// Creates the call.
    public init(userID: Int64, telegramPaymentChargeID: String) {
        self.userID = userID
        self.telegramPaymentChargeID = telegramPaymentChargeID
    }
}

/// A payment that went through (`message.successful_payment`).
public struct SuccessfulPayment: Codable, Sendable, Equatable {
    /// ISO code or "XTR".
    public var currency: String
    /// Minor units.
    public var totalAmount: Int64
    /// Our order id, as sent.
    public var invoicePayload: String
    /// Telegram's charge id (refunds name it).
    public var telegramPaymentChargeID: String
    /// The provider's charge id (empty for Stars).
    public var providerPaymentChargeID: String

    enum CodingKeys: String, CodingKey {
        case currency
        case totalAmount = "total_amount"
        case invoicePayload = "invoice_payload"
        case telegramPaymentChargeID = "telegram_payment_charge_id"
        case providerPaymentChargeID = "provider_payment_charge_id"
    }

    /// Creates a payment.
    public init(currency: String, totalAmount: Int64, invoicePayload: String, telegramPaymentChargeID: String, providerPaymentChargeID: String) {
        self.currency = currency
        self.totalAmount = totalAmount
        self.invoicePayload = invoicePayload
        self.telegramPaymentChargeID = telegramPaymentChargeID
        self.providerPaymentChargeID = providerPaymentChargeID
    }
}

/// The invoice shown in a message (`message.invoice`).
public struct Invoice: Codable, Sendable, Equatable {
    /// Title.
    public var title: String
    /// Description.
    public var description: String
    /// ISO code or "XTR".
    public var currency: String
    /// Minor units.
    public var totalAmount: Int64

    enum CodingKeys: String, CodingKey {
        case title, description, currency
        case totalAmount = "total_amount"
    }

    /// Creates an invoice.
    public init(title: String, description: String, currency: String, totalAmount: Int64) {
        self.title = title
        self.description = description
        self.currency = currency
        self.totalAmount = totalAmount
    }
}
