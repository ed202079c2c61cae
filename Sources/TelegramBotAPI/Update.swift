/// One incoming update. At most one of the optional payloads is set; unknown kinds leave all nil.
public struct Update: Codable, Sendable, Equatable {
    /// The update's unique, increasing identifier.
    public var updateID: Int64
    /// A new incoming message.
    public var message: Message?
    /// A new version of a message that was edited.
    public var editedMessage: Message?
    /// A new incoming channel post.
    public var channelPost: Message?
    /// A press of an inline keyboard button.
    public var callbackQuery: CallbackQuery?
    /// The bot's own membership changed in a chat (e.g. blocked by the user).
    public var myChatMember: ChatMemberUpdated?
    /// A pre-checkout query of a payment.
    public var preCheckoutQuery: PreCheckoutQuery?

    enum CodingKeys: String, CodingKey {
        case updateID = "update_id"
        case message
        case editedMessage = "edited_message"
        case channelPost = "channel_post"
        case callbackQuery = "callback_query"
        case myChatMember = "my_chat_member"
        case preCheckoutQuery = "pre_checkout_query"
    }

    /// Creates an update.
    public init(
        updateID: Int64, message: Message? = nil, editedMessage: Message? = nil, channelPost: Message? = nil,
        callbackQuery: CallbackQuery? = nil, myChatMember: ChatMemberUpdated? = nil,
        preCheckoutQuery: PreCheckoutQuery? = nil
    ) {
        self.updateID = updateID
        self.message = message
        self.editedMessage = editedMessage
        self.channelPost = channelPost
        self.callbackQuery = callbackQuery
        self.myChatMember = myChatMember
        self.preCheckoutQuery = preCheckoutQuery
    }

    /// The chat this update belongs to, used to keep per-chat order.
    public var chatID: Int64? {
        message?.chat.id ?? editedMessage?.chat.id ?? channelPost?.chat.id ?? callbackQuery?.message?.chat.id
            ?? callbackQuery?.from.id ?? myChatMember?.chat.id ?? preCheckoutQuery?.from.id
    }
}

/// A Telegram user or bot.
public struct User: Codable, Sendable, Equatable {
    /// Unique identifier.
    public var id: Int64
    /// True for bots.
    public var isBot: Bool
    /// First name.
    public var firstName: String
    /// Last name, if set.
    public var lastName: String?
    /// Username without the @, if set.
    public var username: String?
    /// IETF language tag of the user's client.
    public var languageCode: String?

    enum CodingKeys: String, CodingKey {
        case id
        case isBot = "is_bot"
        case firstName = "first_name"
        case lastName = "last_name"
        case username
        case languageCode = "language_code"
    }

    /// Creates a user.
    public init(
        id: Int64, isBot: Bool = false, firstName: String, lastName: String? = nil, username: String? = nil,
        languageCode: String? = nil
    ) {
        self.id = id
        self.isBot = isBot
        self.firstName = firstName
        self.lastName = lastName
        self.username = username
        self.languageCode = languageCode
    }
}

/// A chat.
public struct Chat: Codable, Sendable, Equatable {
    /// Unique identifier; for private chats equal to the user's id.
    public var id: Int64
    /// "private", "group", "supergroup" or "channel".
    public var type: String
    /// Title of groups and channels.
    public var title: String?
    /// First name of the other party in a private chat.
    public var firstName: String?
    /// Username, if any.
    public var username: String?

    enum CodingKeys: String, CodingKey {
        case id, type, title
        case firstName = "first_name"
        case username
    }

    /// Creates a chat.
    public init(id: Int64, type: String = "private", title: String? = nil, firstName: String? = nil, username: String? = nil) {
        self.id = id
        self.type = type
        self.title = title
        self.firstName = firstName
        self.username = username
    }
}

/// A special entity in a text (command, mention, URL…). Offsets are in UTF-16 code units.
public struct MessageEntity: Codable, Sendable, Equatable {
    /// Kind, e.g. "bot_command".
    public var type: String
    /// Offset in UTF-16 code units.
    public var offset: Int
    /// Length in UTF-16 code units.
    public var length: Int

    /// Creates an entity.
    public init(type: String, offset: Int, length: Int) {
        self.type = type
        self.offset = offset
        self.length = length
    }
}

/// A message, or an inaccessible message (then `date` is 0 and most fields are absent).
public struct Message: Codable, Sendable, Equatable {
    /// Identifier inside the chat.
    public var messageID: Int64
    /// Sender; absent in channels.
    public var from: User?
    /// The chat.
    public var chat: Chat
    /// Unix time; 0 for an inaccessible message.
    public var date: Int64
    /// Text of a text message.
    public var text: String?
    /// Entities of the text.
    public var entities: [MessageEntity]?
    /// Caption of a media message.
    public var caption: String?
    /// Inline keyboard attached to the message.
    public var replyMarkup: InlineKeyboardMarkup?
    /// Attached document.
    public var document: Document?
    /// Unix time of the last edit.
    public var editDate: Int64?
    /// Where a forwarded message came from.
    public var forwardOrigin: MessageOrigin?
    /// A payment that went through.
    public var successfulPayment: SuccessfulPayment?
    /// An invoice (a message the bot sent with sendInvoice).
    public var invoice: Invoice?
    /// A shared contact.
    public var contact: Contact?
    /// A photo, in the sizes Telegram made of it (largest last).
    public var photo: [PhotoSize]?

    enum CodingKeys: String, CodingKey {
        case messageID = "message_id"
        case from, chat, date, text, entities, caption
        case replyMarkup = "reply_markup"
        case document
        case editDate = "edit_date"
        case forwardOrigin = "forward_origin"
        case successfulPayment = "successful_payment"
        case invoice
        case contact, photo
    }

    /// Creates a message.
    public init(
        messageID: Int64, from: User? = nil, chat: Chat, date: Int64, text: String? = nil,
        entities: [MessageEntity]? = nil, caption: String? = nil, replyMarkup: InlineKeyboardMarkup? = nil,
        document: Document? = nil, editDate: Int64? = nil, forwardOrigin: MessageOrigin? = nil, successfulPayment: SuccessfulPayment? = nil,
        invoice: Invoice? = nil, contact: Contact? = nil, photo: [PhotoSize]? = nil
    ) {
        self.photo = photo
        self.forwardOrigin = forwardOrigin
        self.successfulPayment = successfulPayment
        self.invoice = invoice
        self.messageID = messageID
        self.from = from
        self.chat = chat
        self.date = date
        self.text = text
        self.entities = entities
        self.caption = caption
        self.replyMarkup = replyMarkup
        self.document = document
        self.editDate = editDate
        self.contact = contact
    }

    /// True for an `InaccessibleMessage` (Telegram sends date 0).
    public var isInaccessible: Bool { date == 0 }

    /// The bot command at the start of the text without the leading slash and @botname, if any.
    public var command: (name: String, argument: String)? {
        guard let text, text.hasPrefix("/") else { return nil }
        let parts = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard let head = parts.first else { return nil }
        let name = head.dropFirst().split(separator: "@", maxSplits: 1).first.map(String.init) ?? ""
        guard !name.isEmpty else { return nil }
        let argument = parts.count > 1 ? String(parts[1]).trimmingCharacters(in: .whitespaces) : ""
        return (name.lowercased(), argument)
    }
}

/// A general file sent as a document.
public struct Document: Codable, Sendable, Equatable {
    /// Identifier to download or reuse the file.
    public var fileID: String
    /// Original file name.
    public var fileName: String?
    /// MIME type.
    public var mimeType: String?

    enum CodingKeys: String, CodingKey {
        case fileID = "file_id"
        case fileName = "file_name"
        case mimeType = "mime_type"
    }

    /// Creates a document.
    public init(fileID: String, fileName: String? = nil, mimeType: String? = nil) {
        self.fileID = fileID
        self.fileName = fileName
        self.mimeType = mimeType
    }
}

/// A press of an inline button.
public struct CallbackQuery: Codable, Sendable, Equatable {
    /// Identifier to answer with `answerCallbackQuery`.
    public var id: String
    /// Who pressed.
    public var from: User
    /// The message with the button; may be inaccessible.
    public var message: Message?
    /// Global identifier of the chat the message was sent to.
    public var chatInstance: String
    /// The button's callback_data.
    public var data: String?

    enum CodingKeys: String, CodingKey {
        case id, from, message
        case chatInstance = "chat_instance"
        case data
    }

    /// Creates a callback query.
    public init(id: String, from: User, message: Message?, chatInstance: String, data: String?) {
        self.id = id
        self.from = from
        self.message = message
        self.chatInstance = chatInstance
        self.data = data
    }
}
