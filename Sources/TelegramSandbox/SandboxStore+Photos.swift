import TelegramBotAPI

/// Photos: a simulated user sends one; the bot sends it on by file_id with sendPhoto, checked like Telegram.
extension SandboxStore {
    /// The user sends a photo with `caption` (at most 4096 characters: Telegram Premium users may write captions that
    /// long, while a bot's own captions stop at 1024); the bot gets a message update with the photo's sizes. Returns
    /// the largest size's file_id.
    func userSendsPhoto(_ token: BotToken, user: User, caption: String?) throws(SandboxError) -> String {
        guard (caption?.utf16.count ?? 0) <= MessageLimits.maxTextLength else { throw .invalidRequest("caption over 4096 characters") }
        let n = serial()
        let sizes = [
            PhotoSize(fileID: "AgACAgIAAxkBAAI\(n)s", fileUniqueID: "AQAD\(n)s", width: 90, height: 67, fileSize: 1_234),
            PhotoSize(fileID: "AgACAgIAAxkBAAI\(n)m", fileUniqueID: "AQAD\(n)m", width: 1280, height: 960, fileSize: 98_765),
        ]
        _ = try touchChat(token, user: user)
        try withKnownBot(token) { (bot: inout BotRecord) throws(SandboxError) in
            guard bot.chats[user.id]!.blocked == false else { throw SandboxError.userBlockedBot(user.id) }
            bot.chats[user.id]!.started = true
            for size in sizes { bot.photos[size.fileID] = sizes }
            let message = bot.chats[user.id]!.append { id in
                var sent = SandboxMessage(messageID: id, fromBot: false, date: Self.now(), caption: caption?.isEmpty == true ? nil : caption)
                sent.photo = sizes
                return sent
            }
            bot.chats[user.id]!.lastUserAction = bot.chats[user.id]!.revision
            let telegram = bot.chats[user.id]!.telegramMessage(message, bot: bot.user)
            _ = Self.enqueue(&bot) { Update(updateID: $0, message: telegram) }
        }
        return sizes[sizes.count - 1].fileID
    }

    /// sendPhoto by file_id: the photo must be one this bot received (uploads and URLs are not supported by the
    /// sandbox), the caption at most 1024 characters after entity parsing.
    func sendPhoto(_ token: String, _ parameters: BotAPIParameters) throws(BotAPIFailure) -> Message {
        let chatID = try parameters.requiredInt64("chat_id")
        if parameters.files["photo"] != nil { throw .badRequest("photo uploads are not supported by the sandbox: send a file_id") }
        guard let fileID = parameters.string("photo"), !fileID.isEmpty else { throw .badRequest("there is no photo in the request") }
        let caption = try MessageRules.caption(parameters.string("caption"), parseMode: parameters.string("parse_mode"))
        let markup = try MessageRules.replyMarkup(parameters)
        let sizes = try withBot(token) { $0.photos[fileID] }
        guard let sizes else { throw .badRequest("wrong file identifier/HTTP URL specified") }
        return try withChat(token, chatID) { bot, chat in
            let message = chat.append { id in
                var sent = SandboxMessage(messageID: id, fromBot: true, date: Self.now(), caption: caption)
                sent.photo = sizes
                if case .inline(let keyboard)? = markup { sent.inlineKeyboard = keyboard }
                return sent
            }
            return chat.telegramMessage(message, bot: bot)
        }
    }
}
