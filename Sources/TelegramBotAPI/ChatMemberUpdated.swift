/// A change of a chat member's status (for the bot itself: blocked / unblocked).
public struct ChatMemberUpdated: Codable, Sendable, Equatable {
    /// The chat.
    public var chat: Chat
    /// Who changed it.
    public var from: User
    /// Unix time.
    public var date: Int64
    /// The new state.
    public var newChatMember: ChatMember

    enum CodingKeys: String, CodingKey {
        case chat, from, date
        case newChatMember = "new_chat_member"
    }

    /// Creates a membership change (servers and tests build these; Telegram sends them).
    public init(chat: Chat, from: User, date: Int64, newChatMember: ChatMember) {
        self.chat = chat
        self.from = from
        self.date = date
        self.newChatMember = newChatMember
    }
}

/// The status part of a chat member.
public struct ChatMember: Codable, Sendable, Equatable {
    /// "member", "kicked", "left", "administrator", …
    public var status: String

    /// Creates a member state such as "member" or "kicked".
    public init(status: String) { self.status = status }
}

/// A pre-checkout query (payments).
public struct PreCheckoutQuery: Codable, Sendable, Equatable {
    /// Identifier to answer.
    public var id: String
    /// The buyer.
    public var from: User
    /// Three-letter currency code.
    public var currency: String
    /// Amount in minor units.
    public var totalAmount: Int64
    /// Bot-defined payload.
    public var invoicePayload: String

    enum CodingKeys: String, CodingKey {
        case id, from, currency
        case totalAmount = "total_amount"
        case invoicePayload = "invoice_payload"
    }

    /// Creates a query.
    public init(id: String, from: User, currency: String, totalAmount: Int64, invoicePayload: String) {
        self.id = id
        self.from = from
        self.currency = currency
        self.totalAmount = totalAmount
        self.invoicePayload = invoicePayload
    }
}
