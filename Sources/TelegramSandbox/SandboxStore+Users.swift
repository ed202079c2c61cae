import TelegramBotAPI

/// What simulated users do: write, press buttons, block the bot; and what tests read back.
extension SandboxStore {
    /// Makes sure a chat record exists for the user (not yet started), refreshing the user's profile.
    func touchChat(_ token: BotToken, user: User) throws(SandboxError) -> ChangeSignal {
        try withKnownBot(token) { bot in
            if bot.chats[user.id] == nil {
                bot.chats[user.id] = ChatRecord(user: user)
            } else {
                bot.chats[user.id]!.user = user
            }
            return bot.chats[user.id]!.signal
        }
    }

    /// The user writes `text`; the bot gets a message update. Returns the update_id.
    @discardableResult
    func userSends(_ token: BotToken, user: User, text: String, forwardOrigin: MessageOrigin? = nil) throws(SandboxError) -> Int64 {
        guard !text.isEmpty else { throw .invalidRequest("empty text") }
        _ = try touchChat(token, user: user)
        return try withKnownBot(token) { (bot: inout BotRecord) throws(SandboxError) -> Int64 in
            guard bot.chats[user.id]!.blocked == false else { throw SandboxError.userBlockedBot(user.id) }
            bot.chats[user.id]!.started = true
            let message = bot.chats[user.id]!.append { id in
                var sent = SandboxMessage(messageID: id, fromBot: false, date: Self.now(), text: text)
                sent.forwardOrigin = forwardOrigin
                return sent
            }
            bot.chats[user.id]!.lastUserAction = bot.chats[user.id]!.revision
            let telegram = bot.chats[user.id]!.telegramMessage(message, bot: bot.user)
            return Self.enqueue(&bot) { Update(updateID: $0, message: telegram) }
        }
    }

    /// The user sends a contact message (no text), as Telegram delivers a shared contact.
    func userSendsContact(_ token: BotToken, user: User, contact: Contact) throws(SandboxError) -> Int64 {
        _ = try touchChat(token, user: user)
        return try withKnownBot(token) { (bot: inout BotRecord) throws(SandboxError) -> Int64 in
            guard bot.chats[user.id]!.blocked == false else { throw SandboxError.userBlockedBot(user.id) }
            let message = bot.chats[user.id]!.append { id in
                var sent = SandboxMessage(messageID: id, fromBot: false, date: Self.now())
                sent.contact = contact
                return sent
            }
            bot.chats[user.id]!.lastUserAction = bot.chats[user.id]!.revision
            let telegram = bot.chats[user.id]!.telegramMessage(message, bot: bot.user)
            return Self.enqueue(&bot) { Update(updateID: $0, message: telegram) }
        }
    }

    /// Finds the newest bot message with an inline button labelled exactly `text`.
    func button(_ token: BotToken, userID: Int64, text: String) throws(SandboxError) -> (messageID: Int64, data: String) {
        try withKnownBot(token) { (bot: inout BotRecord) throws(SandboxError) -> (messageID: Int64, data: String) in
            let messages = bot.chats[userID]?.messages ?? []
            for (message, _) in messages.reversed() where message.fromBot {
                if let button = message.inlineButton(text), let data = button.callbackData {
                    return (message.messageID, data)
                }
            }
            throw SandboxError.buttonNotFound(text)
        }
    }

    /// The user presses a button with `data` on message `messageID` (which may be forged or gone).
    @discardableResult
    func userPresses(_ token: BotToken, user: User, data: String, messageID: Int64) throws(SandboxError) -> Int64 {
        let queryID = "\(token.botID ?? 0)\(serial())"
        _ = try touchChat(token, user: user)
        return try withKnownBot(token) { (bot: inout BotRecord) throws(SandboxError) -> Int64 in
            guard bot.chats[user.id]!.blocked == false else { throw SandboxError.userBlockedBot(user.id) }
            let chat = bot.chats[user.id]!
            let message =
                chat.index(of: messageID).map { chat.telegramMessage(chat.messages[$0].message, bot: bot.user) }
                ?? Message(messageID: messageID, chat: chat.chat, date: 0)
            bot.chats[user.id]!.pendingPresses[queryID] = data
            bot.chats[user.id]!.lastUserAction = chat.revision
            bot.chats[user.id]!.signal.bump()
            bot.callbackChats[queryID] = user.id
            let query = CallbackQuery(
                id: queryID, from: user, message: message, chatInstance: String((bot.user.id &* 31) ^ user.id), data: data)
            return Self.enqueue(&bot) { Update(updateID: $0, callbackQuery: query) }
        }
    }

    /// Blocks or unblocks the bot for the user; the bot gets a my_chat_member update like Telegram sends.
    func setBlocked(_ token: BotToken, user: User, blocked: Bool) throws(SandboxError) {
        _ = try touchChat(token, user: user)
        try withKnownBot(token) { bot in
            guard bot.chats[user.id]!.blocked != blocked else { return }
            bot.chats[user.id]!.blocked = blocked
            bot.chats[user.id]!.signal.bump()
            let change = ChatMemberUpdated(
                chat: bot.chats[user.id]!.chat, from: user, date: Self.now(),
                newChatMember: ChatMember(status: blocked ? "kicked" : "member"))
            Self.enqueue(&bot) { Update(updateID: $0, myChatMember: change) }
        }
    }

    /// The chat as the user sees it.
    func transcript(_ token: BotToken, userID: Int64) throws(SandboxError) -> [SandboxMessage] {
        try withKnownBot(token) { bot in bot.chats[userID]?.messages.map(\.message) ?? [] }
    }

    /// Bot messages sent or edited since the user's last send or press, most recently changed first.
    func botMessagesSinceLastAction(_ token: BotToken, userID: Int64) throws(SandboxError) -> [SandboxMessage] {
        try withKnownBot(token) { bot in
            guard let chat = bot.chats[userID] else { return [] }
            return chat.messages.filter { $0.message.fromBot && $0.revision > chat.lastUserAction }
                .sorted { $0.revision > $1.revision }.map(\.message)
        }
    }

    /// A snapshot of the chat's callback bookkeeping.
    func presses(_ token: BotToken, userID: Int64) throws(SandboxError) -> (answers: [CallbackAnswer], pending: [String]) {
        try withKnownBot(token) { bot in
            (bot.chats[userID]?.answers ?? [], bot.chats[userID].map { Array($0.pendingPresses.keys) } ?? [])
        }
    }

    /// Whether the user currently blocks the bot.
    func isBlocked(_ token: BotToken, userID: Int64) throws(SandboxError) -> Bool {
        try withKnownBot(token) { bot in bot.chats[userID]?.blocked ?? false }
    }
}
