import TelegramBotAPI

/// A recorded answerCallbackQuery call.
public struct CallbackAnswer: Sendable, Equatable {
    /// The answered query.
    public var callbackQueryID: String
    /// The callback_data of the press it answers.
    public var data: String?
    /// Toast or alert text.
    public var text: String?
    /// True for an alert.
    public var showAlert: Bool

    /// Creates an answer record.
    public init(callbackQueryID: String, data: String?, text: String?, showAlert: Bool) {
        self.callbackQueryID = callbackQueryID
        self.data = data
        self.text = text
        self.showAlert = showAlert
    }
}

/// One Bot API request the sandbox served, as logged by `requests(for:)`.
public struct SandboxRequest: Sendable, Equatable {
    /// Method name as called.
    public var method: String
    /// The chat_id parameter, if any.
    public var chatID: Int64?
    /// 200, or the error code returned.
    public var statusCode: Int
    /// The error description, when it failed.
    public var errorDescription: String?
    /// True when the bot made the call in its answer to a webhook POST instead of a request of its own.
    public var viaWebhookReply: Bool

    /// Creates a log record.
    public init(method: String, chatID: Int64?, statusCode: Int, errorDescription: String? = nil, viaWebhookReply: Bool = false) {
        self.method = method
        self.chatID = chatID
        self.statusCode = statusCode
        self.errorDescription = errorDescription
        self.viaWebhookReply = viaWebhookReply
    }
}

/// A registered bot as listed by the sandbox.
public struct SandboxBot: Sendable, Equatable {
    /// The bot's user id (the token's prefix).
    public var id: Int64
    /// Username without "@".
    public var username: String
    /// Display name.
    public var firstName: String
    /// The token to call the Bot API with.
    public var token: BotToken
    /// The webhook URL, or nil when updates wait for getUpdates.
    public var webhookURL: String?
}
