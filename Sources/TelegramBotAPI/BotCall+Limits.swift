extension BotCall {
    /// This call as one or more calls that fit Telegram's limits, in sending order; a call that fits comes back
    /// unchanged (the same value, so recorded requests of ordinary messages do not move).
    ///
    /// A long sendMessage becomes several, split by `TextSplitter`, the keyboard on the last part. A long
    /// editMessageText becomes an edit showing the first part (without a keyboard) and sends of the rest, the
    /// keyboard on the last part. An answer's text and inline button labels are cut on a grapheme boundary with
    /// "…". Texts with a `parse_mode` are not split (a cut could break a tag): Zapis sends plain text.
    public func fitted(limit: Int = MessageLimits.maxTextLength) -> [BotCall] {
        switch self {
        case .sendMessage(var message):
            if case .inline(let keyboard)? = message.replyMarkup { message.replyMarkup = .inline(keyboard.fitted()) }
            let parts = Self.parts(message.text, parseMode: message.parseMode, limit: limit)
            guard parts.count > 1 else { return [.sendMessage(message)] }
            return parts.enumerated().map { index, text in
                .sendMessage(
                    SendMessage(
                        chatID: message.chatID, text: text, parseMode: message.parseMode,
                        replyMarkup: index == parts.count - 1 ? message.replyMarkup : nil))
            }
        case .editMessageText(var edit):
            edit.replyMarkup = edit.replyMarkup?.fitted()
            let parts = Self.parts(edit.text, parseMode: edit.parseMode, limit: limit)
            guard parts.count > 1 else { return [.editMessageText(edit)] }
            let first = EditMessageText(chatID: edit.chatID, messageID: edit.messageID, text: parts[0], parseMode: edit.parseMode)
            return [.editMessageText(first)]
                + parts.dropFirst().enumerated().map { index, text in
                    .sendMessage(
                        SendMessage(
                            chatID: edit.chatID, text: text, parseMode: edit.parseMode,
                            replyMarkup: index == parts.count - 2 ? edit.replyMarkup.map { .inline($0) } : nil))
                }
        case .editMessageReplyMarkup(var edit):
            edit.replyMarkup = edit.replyMarkup?.fitted()
            return [.editMessageReplyMarkup(edit)]
        case .answerCallbackQuery(var answer):
            answer.text = answer.text.map { MessageLimits.truncated($0, to: MessageLimits.maxAnswerTextLength) }
            return [.answerCallbackQuery(answer)]
        case .deleteMessage, .sendDocument, .sendPhoto, .setMyCommands, .setChatMenuButton, .setMyDescription, .setMyShortDescription, .sendInvoice,
            .answerPreCheckoutQuery, .refundStarPayment:
            return [self]
        }
    }

    private static func parts(_ text: String, parseMode: String?, limit: Int) -> [String] {
        guard parseMode?.isEmpty ?? true else { return [text] }
        return TextSplitter.split(text, limit: limit)
    }
}

extension InlineKeyboardMarkup {
    /// The keyboard with every label cut to `MessageLimits.maxButtonTextLength`.
    public func fitted() -> InlineKeyboardMarkup {
        var copy = self
        for row in copy.inlineKeyboard.indices {
            for column in copy.inlineKeyboard[row].indices {
                let label = copy.inlineKeyboard[row][column].text
                copy.inlineKeyboard[row][column].text = MessageLimits.truncated(label, to: MessageLimits.maxButtonTextLength)
            }
        }
        return copy
    }

    /// How many buttons the keyboard holds.
    public var buttonCount: Int { inlineKeyboard.reduce(0) { $0 + $1.count } }
}
