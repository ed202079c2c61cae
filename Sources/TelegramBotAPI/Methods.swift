/// getMe: the bot's own user.
public struct GetMe: BotMethod {
    public typealias Response = User
    public static let name = "getMe"
    /// Creates the call.
    public init() {}
}

/// getUpdates: long polling.
public struct GetUpdates: BotMethod {
    public typealias Response = [Update]
    public static let name = "getUpdates"
    /// First update to return; confirms every earlier one.
    public var offset: Int64?
    /// 1–100.
    public var limit: Int?
    /// Long-poll seconds.
    public var timeout: Int?
    /// Kinds of updates wanted.
    public var allowedUpdates: [String]?

    enum CodingKeys: String, CodingKey {
        case offset, limit, timeout
        case allowedUpdates = "allowed_updates"
    }

    /// Creates the call.
    public init(offset: Int64? = nil, limit: Int? = nil, timeout: Int? = nil, allowedUpdates: [String]? = nil) {
        self.offset = offset
        self.limit = limit
        self.timeout = timeout
        self.allowedUpdates = allowedUpdates
    }
}

/// setWebhook.
public struct SetWebhook: BotMethod {
    public typealias Response = Bool
    public static let name = "setWebhook"
    /// HTTPS URL Telegram posts updates to.
    public var url: String
    /// Sent back in X-Telegram-Bot-Api-Secret-Token.
    public var secretToken: String?
    /// Kinds of updates wanted.
    public var allowedUpdates: [String]?
    /// 1–100.
    public var maxConnections: Int?
    /// Drop queued updates (never for bots that take payments).
    public var dropPendingUpdates: Bool?

    enum CodingKeys: String, CodingKey {
        case url
        case secretToken = "secret_token"
        case allowedUpdates = "allowed_updates"
        case maxConnections = "max_connections"
        case dropPendingUpdates = "drop_pending_updates"
    }

    /// Creates the call.
    public init(
        url: String, secretToken: String? = nil, allowedUpdates: [String]? = nil, maxConnections: Int? = nil,
        dropPendingUpdates: Bool? = nil
    ) {
        self.url = url
        self.secretToken = secretToken
        self.allowedUpdates = allowedUpdates
        self.maxConnections = maxConnections
        self.dropPendingUpdates = dropPendingUpdates
    }
}

/// deleteWebhook.
public struct DeleteWebhook: BotMethod {
    public typealias Response = Bool
    public static let name = "deleteWebhook"
    /// Drop queued updates.
    public var dropPendingUpdates: Bool?

    enum CodingKeys: String, CodingKey { case dropPendingUpdates = "drop_pending_updates" }

    /// Creates the call.
    public init(dropPendingUpdates: Bool? = nil) { self.dropPendingUpdates = dropPendingUpdates }
}

/// getWebhookInfo.
public struct GetWebhookInfo: BotMethod {
    public typealias Response = WebhookInfo
    public static let name = "getWebhookInfo"
    /// Creates the call.
    public init() {}
}

/// The webhook's current state.
public struct WebhookInfo: Codable, Sendable, Equatable {
    /// Empty when no webhook is set.
    public var url: String
    /// Updates waiting to be delivered.
    public var pendingUpdateCount: Int
    /// Unix time of the last delivery error.
    public var lastErrorDate: Int64?
    /// Description of the last delivery error.
    public var lastErrorMessage: String?

    enum CodingKeys: String, CodingKey {
        case url
        case pendingUpdateCount = "pending_update_count"
        case lastErrorDate = "last_error_date"
        case lastErrorMessage = "last_error_message"
    }

    /// Creates the info.
    public init(url: String, pendingUpdateCount: Int, lastErrorDate: Int64? = nil, lastErrorMessage: String? = nil) {
        self.url = url
        self.pendingUpdateCount = pendingUpdateCount
        self.lastErrorDate = lastErrorDate
        self.lastErrorMessage = lastErrorMessage
    }
}

/// sendMessage.
public struct SendMessage: BotMethod, Equatable, Decodable {
    public typealias Response = Message
    public static let name = "sendMessage"
    /// Target chat.
    public var chatID: Int64
    /// 1–4096 characters.
    public var text: String
    /// "HTML" or nil.
    public var parseMode: String?
    /// Keyboard.
    public var replyMarkup: ReplyMarkup?

    enum CodingKeys: String, CodingKey {
        case chatID = "chat_id"
        case text
        case parseMode = "parse_mode"
        case replyMarkup = "reply_markup"
    }

    /// Creates the call.
    public init(chatID: Int64, text: String, parseMode: String? = nil, replyMarkup: ReplyMarkup? = nil) {
        self.chatID = chatID
        self.text = text
        self.parseMode = parseMode
        self.replyMarkup = replyMarkup
    }
}

/// editMessageText. Returns the edited message (Bool for inline messages, which Zapis does not use).
public struct EditMessageText: BotMethod, Equatable, Decodable {
    public typealias Response = Message
    public static let name = "editMessageText"
    /// Chat of the message.
    public var chatID: Int64
    /// The message.
    public var messageID: Int64
    /// New text.
    public var text: String
    /// "HTML" or nil.
    public var parseMode: String?
    /// New inline keyboard (absent removes it).
    public var replyMarkup: InlineKeyboardMarkup?

    enum CodingKeys: String, CodingKey {
        case chatID = "chat_id"
        case messageID = "message_id"
        case text
        case parseMode = "parse_mode"
        case replyMarkup = "reply_markup"
    }

    /// Creates the call.
    public init(chatID: Int64, messageID: Int64, text: String, parseMode: String? = nil, replyMarkup: InlineKeyboardMarkup? = nil) {
        self.chatID = chatID
        self.messageID = messageID
        self.text = text
        self.parseMode = parseMode
        self.replyMarkup = replyMarkup
    }
}

/// editMessageReplyMarkup.
public struct EditMessageReplyMarkup: BotMethod, Equatable, Decodable {
    public typealias Response = Message
    public static let name = "editMessageReplyMarkup"
    /// Chat of the message.
    public var chatID: Int64
    /// The message.
    public var messageID: Int64
    /// New keyboard; nil removes it.
    public var replyMarkup: InlineKeyboardMarkup?

    enum CodingKeys: String, CodingKey {
        case chatID = "chat_id"
        case messageID = "message_id"
        case replyMarkup = "reply_markup"
    }

    /// Creates the call.
    public init(chatID: Int64, messageID: Int64, replyMarkup: InlineKeyboardMarkup?) {
        self.chatID = chatID
        self.messageID = messageID
        self.replyMarkup = replyMarkup
    }
}

/// answerCallbackQuery: stops the client's spinner.
public struct AnswerCallbackQuery: BotMethod, Equatable, Decodable {
    public typealias Response = Bool
    public static let name = "answerCallbackQuery"
    /// The query.
    public var callbackQueryID: String
    /// Up to 200 characters.
    public var text: String?
    /// Show as an alert instead of a toast.
    public var showAlert: Bool?

    enum CodingKeys: String, CodingKey {
        case callbackQueryID = "callback_query_id"
        case text
        case showAlert = "show_alert"
    }

    /// Creates the call.
    public init(callbackQueryID: String, text: String? = nil, showAlert: Bool? = nil) {
        self.callbackQueryID = callbackQueryID
        self.text = text
        self.showAlert = showAlert
    }
}

/// deleteMessage.
public struct DeleteMessage: BotMethod, Equatable, Decodable {
    public typealias Response = Bool
    public static let name = "deleteMessage"
    /// Chat of the message.
    public var chatID: Int64
    /// The message.
    public var messageID: Int64

    enum CodingKeys: String, CodingKey {
        case chatID = "chat_id"
        case messageID = "message_id"
    }

    /// Creates the call.
    public init(chatID: Int64, messageID: Int64) {
        self.chatID = chatID
        self.messageID = messageID
    }
}

/// A command shown in the client's menu.
public struct BotCommand: Codable, Sendable, Equatable {
    /// 1–32 chars: lowercase letters, digits, underscores.
    public var command: String
    /// 1–256 chars.
    public var description: String

    /// Creates a command.
    public init(command: String, description: String) {
        self.command = command
        self.description = description
    }
}

/// setMyCommands, optionally for one language.
public struct SetMyCommands: BotMethod, Equatable, Decodable {
    public typealias Response = Bool
    public static let name = "setMyCommands"
    /// The list.
    public var commands: [BotCommand]
    /// Two-letter language, or nil for everyone without a dedicated list.
    public var languageCode: String?

    enum CodingKeys: String, CodingKey {
        case commands
        case languageCode = "language_code"
    }

    /// Creates the call.
    public init(commands: [BotCommand], languageCode: String? = nil) {
        self.commands = commands
        self.languageCode = languageCode
    }
}
