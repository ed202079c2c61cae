import TelegramBotAPI

/// Everything the sandbox knows, guarded by one lock in `SandboxStore`.
struct SandboxState {
    /// Id of the next registered bot.
    var nextBotID: Int64 = 7_000_000_001
    /// Bots by raw token.
    var bots: [String: BotRecord] = [:]
    /// Raw tokens by lowercased username.
    var tokensByUsername: [String: String] = [:]
    /// Tokens issued again for a bot (`reissueToken`), mapped to the token the bot is kept under.
    var reissued: [String: String] = [:]
    /// Tokens the Bot API refuses with 401 (revoked or replaced); the sandbox still knows its bots by them.
    var revoked: Set<String> = []
    /// Requests per method over all bots (unknown tokens included).
    var counts: [String: Int] = [:]
    /// Failures to inject into coming requests.
    var failures: [InjectedFailure] = []
    /// Source of callback query and file ids.
    var nextSerial: UInt64 = 1
    /// Where the HTTP server is in its life.
    var phase: RunPhase = .idle
}

/// The HTTP server's state.
enum RunPhase: Sendable {
    /// Not started yet.
    case idle
    /// Listening on this port.
    case running(port: Int)
    /// Shutting down gracefully; long polls return at once.
    case stopping(port: Int)
    /// Stopped, or failed to start, for this reason.
    case stopped(String)
}

/// A failure `failNext` queued for matching requests.
struct InjectedFailure: Sendable {
    /// Lowercased method name.
    var method: String
    /// Only this bot's requests, when set.
    var botID: Int64?
    /// Only requests for this chat, when set.
    var chatID: Int64?
    /// What to answer.
    var failure: BotAPIFailure
    /// How many more requests to fail.
    var remaining: Int
    /// How long to hold the request before answering (a hanging Bot API); zero answers at once.
    var delay: Duration = .zero
}

/// A bot's webhook settings.
struct WebhookConfig: Sendable {
    /// Where updates are POSTed.
    var url: String
    /// Sent as X-Telegram-Bot-Api-Secret-Token.
    var secretToken: String?
}

/// One bot: identity, update queue, webhook, chats.
struct BotRecord {
    /// The token.
    let token: BotToken
    /// What getMe returns.
    let user: User
    /// Bumped on new updates, webhook changes, deliveries and new polls.
    let signal = ChangeSignal()
    /// Next update_id.
    var nextUpdateID: Int64
    /// Updates not yet confirmed (getUpdates offset) or delivered (webhook), in order.
    var pending: [Update] = []
    /// Update kinds the bot asked for; nil means the default set.
    var allowedUpdates: [String]?
    /// The webhook, when set.
    var webhook: WebhookConfig?
    /// Unix time of the last failed webhook delivery.
    var lastErrorDate: Int64?
    /// Why the last webhook delivery failed.
    var lastErrorMessage: String?
    /// Failed attempts at delivering the head of `pending`.
    var failedAttempts = 0
    /// Incremented by every getUpdates; an older long poll seeing a newer one ends with 409.
    var pollGeneration: UInt64 = 0
    /// Long polls currently waiting for updates.
    var waitingPolls = 0
    /// Private chats by user id.
    var chats: [Int64: ChatRecord] = [:]
    /// setMyCommands lists by language code ("" for the default list).
    var commands: [String: [BotCommand]] = [:]
    /// setMyDescription and setMyShortDescription texts by language code ("" for the default).
    var descriptions: [String: String] = [:]
    var shortDescriptions: [String: String] = [:]
    /// The menu button set by setChatMenuButton (for every chat); nil: the default.
    var menuButton: MenuButton?
    /// Chat of each unanswered callback query.
    var callbackChats: [String: Int64] = [:]
    /// Pre-checkout queries by id: the chat, when asked, and the bot's answer once given.
    var preCheckouts: [String: PreCheckoutRecord] = [:]
    /// Payments made to this bot, by telegram_payment_charge_id.
    var payments: [String: PaymentRecord] = [:]
    /// Requests per method.
    var counts: [String: Int] = [:]
    /// Recent requests.
    var log: [SandboxRequest] = []
    /// Photos this bot received, by file_id: what its sendPhoto may reuse (a file_id is valid for its own bot only).
    var photos: [String: [PhotoSize]] = [:]

    /// Whether an update of this kind is delivered, per allowed_updates (my_chat_member is in the default set).
    func wants(_ update: Update) -> Bool {
        guard let allowedUpdates, !allowedUpdates.isEmpty else { return true }
        let kind =
            update.message != nil
            ? "message"
            : update.callbackQuery != nil
                ? "callback_query"
                : update.myChatMember != nil
                    ? "my_chat_member"
                    : update.editedMessage != nil ? "edited_message" : update.preCheckoutQuery != nil ? "pre_checkout_query" : "other"
        return allowedUpdates.contains(kind)
    }
}

/// One private chat between a bot and a simulated user.
struct ChatRecord {
    /// The user (and chat) identity.
    var user: User
    /// Bumped on every change to the chat.
    let signal = ChangeSignal()
    /// True once the user wrote to the bot; before that, sends fail with "chat not found".
    var started = false
    /// True while the user blocks the bot.
    var blocked = false
    /// Next message_id.
    var nextMessageID: Int64 = 1
    /// Messages in order, each with the revision of its last change.
    var messages: [(message: SandboxMessage, revision: UInt64)] = []
    /// Increases on every message change.
    var revision: UInt64 = 0
    /// The revision at the user's latest send or press.
    var lastUserAction: UInt64 = 0
    /// Presses not yet answered: callback query id → data.
    var pendingPresses: [String: String?] = [:]
    /// Recorded answers in order.
    var answers: [CallbackAnswer] = []

    /// The Telegram chat object of this private chat.
    var chat: Chat { Chat(id: user.id, type: "private", firstName: user.firstName, username: user.username) }

    /// Appends a message, assigning its id, and returns it.
    mutating func append(_ make: (Int64) -> SandboxMessage) -> SandboxMessage {
        let message = make(nextMessageID)
        nextMessageID += 1
        revision += 1
        messages.append((message, revision))
        signal.bump()
        return message
    }

    /// The index of a message by id.
    func index(of messageID: Int64) -> Int? { messages.lastIndex { $0.message.messageID == messageID } }

    /// Replaces a message in place.
    mutating func replace(at index: Int, with message: SandboxMessage) {
        revision += 1
        messages[index] = (message, revision)
        signal.bump()
    }

    /// The Telegram view of a stored message.
    func telegramMessage(_ message: SandboxMessage, bot: User) -> Message {
        Message(
            messageID: message.messageID, from: message.fromBot ? bot : user, chat: chat, date: message.date,
            text: message.text, entities: message.fromBot ? nil : Self.commandEntities(message.text),
            caption: message.caption, replyMarkup: message.inlineKeyboard,
            document: message.document.map { Document(fileID: $0.fileID, fileName: $0.fileName, mimeType: $0.mimeType) },
            editDate: message.editDate, forwardOrigin: message.forwardOrigin, successfulPayment: message.payment,
            invoice: message.invoice.map { Invoice(title: $0.title, description: $0.description, currency: $0.currency, totalAmount: $0.totalAmount) },
            contact: message.contact, photo: message.photo)
    }

    /// A bot_command entity for text starting with "/".
    static func commandEntities(_ text: String?) -> [MessageEntity]? {
        guard let text, text.hasPrefix("/") else { return nil }
        let command = text.prefix { !$0.isWhitespace }
        guard command.count > 1 else { return nil }
        return [MessageEntity(type: "bot_command", offset: 0, length: command.utf16.count)]
    }
}
