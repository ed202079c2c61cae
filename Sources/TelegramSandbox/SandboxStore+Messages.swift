import TelegramBotAPI

/// Bot API methods that send, edit and delete messages, answer presses and set commands.
extension SandboxStore {
    /// sendMessage.
    func sendMessage(_ token: String, _ parameters: BotAPIParameters) throws(BotAPIFailure) -> Message {
        let chatID = try parameters.requiredInt64("chat_id")
        let text = try MessageRules.text(parameters.string("text"), parseMode: parameters.string("parse_mode"))
        let markup = try MessageRules.replyMarkup(parameters)
        return try withChat(token, chatID) { bot, chat in
            let message = chat.append { id in
                Self.botMessage(id: id, text: text, caption: nil, markup: markup, document: nil)
            }
            return chat.telegramMessage(message, bot: bot)
        }
    }

    /// sendDocument: the file must be uploaded as the multipart part "document".
    func sendDocument(_ token: String, _ parameters: BotAPIParameters) throws(BotAPIFailure) -> Message {
        let chatID = try parameters.requiredInt64("chat_id")
        guard let file = parameters.files["document"] else {
            throw parameters.values["document"] == nil
                ? .badRequest("there is no document in the request")
                : .badRequest("wrong remote file identifier specified: the sandbox only accepts uploads")
        }
        let caption = try MessageRules.caption(parameters.string("caption"), parseMode: parameters.string("parse_mode"))
        let markup = try MessageRules.replyMarkup(parameters)
        let document = SandboxDocument(
            fileID: "BQACAgIAAxkBAAI\(serial())", fileName: file.fileName, mimeType: file.contentType, bytes: file.bytes)
        return try withChat(token, chatID) { bot, chat in
            let message = chat.append { id in
                Self.botMessage(id: id, text: nil, caption: caption, markup: markup, document: document)
            }
            return chat.telegramMessage(message, bot: bot)
        }
    }

    /// editMessageText; the keyboard is replaced by the given one, or removed when absent.
    func editMessageText(_ token: String, _ parameters: BotAPIParameters) throws(BotAPIFailure) -> Message {
        let (chatID, messageID) = try Self.target(parameters)
        let text = try MessageRules.text(parameters.string("text"), parseMode: parameters.string("parse_mode"))
        let markup = try MessageRules.inlineMarkup(parameters)
        return try edit(token, chatID, messageID) { (message: inout SandboxMessage) throws(BotAPIFailure) in
            guard message.text != nil else { throw .badRequest("there is no text in the message to edit") }
            guard message.text != text || message.inlineKeyboard != markup else { throw Self.notModified }
            message.text = text
            message.inlineKeyboard = markup
        }
    }

    /// editMessageReplyMarkup; an absent reply_markup removes the keyboard.
    func editMessageReplyMarkup(_ token: String, _ parameters: BotAPIParameters) throws(BotAPIFailure) -> Message {
        let (chatID, messageID) = try Self.target(parameters)
        let markup = try MessageRules.inlineMarkup(parameters)
        return try edit(token, chatID, messageID) { (message: inout SandboxMessage) throws(BotAPIFailure) in
            guard message.inlineKeyboard != markup else { throw Self.notModified }
            message.inlineKeyboard = markup
        }
    }

    /// deleteMessage: the bot's own or the user's messages.
    func deleteMessage(_ token: String, _ parameters: BotAPIParameters) throws(BotAPIFailure) -> Bool {
        let (chatID, messageID) = try Self.target(parameters)
        return try withChat(token, chatID) { (_, chat: inout ChatRecord) throws(BotAPIFailure) -> Bool in
            guard let index = chat.index(of: messageID) else { throw .badRequest("message to delete not found") }
            chat.messages.remove(at: index)
            chat.revision += 1
            chat.signal.bump()
            return true
        }
    }

    /// answerCallbackQuery: records the answer; unknown or already answered ids are refused like Telegram.
    func answerCallbackQuery(_ token: String, _ parameters: BotAPIParameters) throws(BotAPIFailure) -> Bool {
        guard let queryID = parameters.string("callback_query_id"), !queryID.isEmpty else {
            throw .badRequest("callback_query_id is empty")
        }
        let text = try MessageRules.answerText(parameters.string("text"))
        let showAlert = parameters.bool("show_alert") ?? false
        return try withBot(token) { (bot: inout BotRecord) throws(BotAPIFailure) -> Bool in
            guard let chatID = bot.callbackChats.removeValue(forKey: queryID), bot.chats[chatID] != nil,
                let pressed = bot.chats[chatID]!.pendingPresses.removeValue(forKey: queryID)
            else { throw .badRequest("query is too old and response timeout expired or query ID is invalid") }
            bot.chats[chatID]!.answers.append(
                CallbackAnswer(callbackQueryID: queryID, data: pressed, text: text, showAlert: showAlert))
            bot.chats[chatID]!.signal.bump()
            return true
        }
    }

    /// setChatMenuButton for every chat (a chat_id is not supported by the sandbox).
    func setChatMenuButton(_ token: String, _ parameters: BotAPIParameters) throws(BotAPIFailure) -> Bool {
        let button = try parameters.decode(MenuButton.self, "menu_button", failure: "can't parse menu button JSON object")
        if let button {
            guard ["default", "commands", "web_app"].contains(button.type) else { throw .badRequest("unsupported menu button type") }
            if button.type == "web_app" {
                guard let url = button.webApp?.url, url.lowercased().hasPrefix("https://") || url.lowercased().hasPrefix("http://"),
                    let text = button.text, (1...64).contains(text.count)
                else { throw .badRequest("BUTTON_URL_INVALID") }
            }
        }
        return try withBot(token) { bot in
            bot.menuButton = button?.type == "web_app" ? button : nil
            return true
        }
    }

    /// setMyCommands for a language ("" when none is given).
    func setMyCommands(_ token: String, _ parameters: BotAPIParameters) throws(BotAPIFailure) -> Bool {
        let commands = try parameters.decode([BotCommand].self, "commands", failure: "can't parse commands JSON object") ?? []
        guard commands.count <= 100 else { throw .badRequest("too many commands specified") }
        for command in commands {
            let name = command.command
            guard (1...32).contains(name.count),
                name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
            else { throw .badRequest("BOT_COMMAND_INVALID") }
            guard (1...256).contains(command.description.count) else { throw .badRequest("BOT_COMMAND_DESCRIPTION_INVALID") }
        }
        let language = parameters.string("language_code") ?? ""
        return try withBot(token) { bot in
            bot.commands[language] = commands.isEmpty ? nil : commands
            return true
        }
    }

    /// getMyCommands for a language ("" when none is given).
    func getMyCommands(_ token: String, _ parameters: BotAPIParameters) throws(BotAPIFailure) -> [BotCommand] {
        let language = parameters.string("language_code") ?? ""
        return try withBot(token) { bot in bot.commands[language] ?? [] }
    }

    /// setMyDescription (`short: false`) or setMyShortDescription for a language ("" when none is given), with
    /// Telegram's limits (512 and 120 characters); an empty text removes it.
    func setDescription(_ token: String, _ parameters: BotAPIParameters, short: Bool) throws(BotAPIFailure) -> Bool {
        let text = parameters.string(short ? "short_description" : "description") ?? ""
        guard text.count <= (short ? 120 : 512) else { throw .badRequest(short ? "SHORT_DESCRIPTION_TOO_LONG" : "DESCRIPTION_TOO_LONG") }
        let language = parameters.string("language_code") ?? ""
        guard language.isEmpty || (language.count == 2 && language.allSatisfy({ ("a"..."z").contains($0) })) else {
            throw .badRequest("LANG_CODE_INVALID")
        }
        return try withBot(token) { bot in
            if short { bot.shortDescriptions[language] = text.isEmpty ? nil : text } else { bot.descriptions[language] = text.isEmpty ? nil : text }
            return true
        }
    }

    // MARK: Helpers

    /// Telegram's answer to an edit that changes nothing.
    static let notModified = BotAPIFailure.badRequest(
        "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"
    )

    private static func target(_ parameters: BotAPIParameters) throws(BotAPIFailure) -> (Int64, Int64) {
        if parameters.values["inline_message_id"] != nil, parameters.values["chat_id"] == nil {
            throw .badRequest("inline messages are not supported by the sandbox")
        }
        return (try parameters.requiredInt64("chat_id"), try parameters.requiredInt64("message_id"))
    }

    private func edit(
        _ token: String, _ chatID: Int64, _ messageID: Int64, _ change: (inout SandboxMessage) throws(BotAPIFailure) -> Void
    ) throws(BotAPIFailure) -> Message {
        try withChat(token, chatID) { (bot: User, chat: inout ChatRecord) throws(BotAPIFailure) -> Message in
            guard let index = chat.index(of: messageID) else { throw .badRequest("message to edit not found") }
            var message = chat.messages[index].message
            guard message.fromBot else { throw .badRequest("message can't be edited") }
            try change(&message)
            message.editCount += 1
            message.editDate = Self.now()
            chat.replace(at: index, with: message)
            return chat.telegramMessage(message, bot: bot)
        }
    }

    private static func botMessage(
        id: Int64, text: String?, caption: String?, markup: ReplyMarkup?, document: SandboxDocument?
    ) -> SandboxMessage {
        var message = SandboxMessage(messageID: id, fromBot: true, date: now(), text: text, caption: caption, document: document)
        switch markup {
        case .inline(let keyboard): message.inlineKeyboard = keyboard
        case .reply(let keyboard): message.replyKeyboard = keyboard
        case .remove: message.removesReplyKeyboard = true
        case nil: break
        }
        return message
    }
}
