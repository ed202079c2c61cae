import TelegramBotAPI

/// Telegram's limits on what a bot sends, enforced with Telegram-shaped 400 errors.
///
/// Lengths are counted in UTF-16 code units of the text after entity parsing, as Telegram counts them
/// (an emoji outside the BMP counts 2; Cyrillic counts 1). callback_data is counted in UTF-8 bytes.
enum MessageRules {
    /// Longest message text.
    static let maxTextLength = 4096
    /// Longest caption.
    static let maxCaptionLength = 1024
    /// Longest callback_data in bytes.
    static let maxCallbackDataBytes = 64
    /// Longest answerCallbackQuery text.
    static let maxAnswerTextLength = 200
    /// Most buttons in one inline keyboard row.
    static let maxButtonsPerRow = 8
    /// Most buttons in one inline keyboard.
    static let maxButtons = 100

    /// Fields of an inline button of which exactly one must be present.
    private static let buttonActions = [
        "callback_data", "url", "web_app", "login_url", "switch_inline_query", "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat", "copy_text", "callback_game", "pay",
    ]

    /// The message text as shown, after checking it is 1–4096 characters.
    static func text(_ raw: String?, parseMode: String?) throws(BotAPIFailure) -> String {
        let text = try parsed(raw ?? "", parseMode: parseMode)
        guard !text.allSatisfy(\.isWhitespace) else { throw .badRequest("message text is empty") }
        guard text.utf16.count <= maxTextLength else { throw .badRequest("message is too long") }
        return text
    }

    /// The caption as shown, after checking it is at most 1024 characters.
    static func caption(_ raw: String?, parseMode: String?) throws(BotAPIFailure) -> String? {
        guard let raw else { return nil }
        let caption = try parsed(raw, parseMode: parseMode)
        guard caption.utf16.count <= maxCaptionLength else { throw .badRequest("message caption is too long") }
        return caption.isEmpty ? nil : caption
    }

    /// answerCallbackQuery's text, at most 200 characters.
    static func answerText(_ text: String?) throws(BotAPIFailure) -> String? {
        guard let text else { return nil }
        guard text.utf16.count <= maxAnswerTextLength else { throw .badRequest("MESSAGE_TOO_LONG") }
        return text
    }

    private static func parsed(_ raw: String, parseMode: String?) throws(BotAPIFailure) -> String {
        guard let parseMode, !parseMode.isEmpty else { return raw }
        switch parseMode.lowercased() {
        case "html": return try HTMLText.plainText(raw)
        case "markdown", "markdownv2": return raw  // Not parsed: Zapis sends HTML; counted as written.
        default: throw .badRequest("unsupported parse_mode")
        }
    }

    /// The `reply_markup` parameter, validated; force_reply is accepted and ignored.
    static func replyMarkup(_ parameters: BotAPIParameters) throws(BotAPIFailure) -> ReplyMarkup? {
        guard let raw = parameters.json("reply_markup") else { return nil }
        guard let object = raw.objectValue else { throw .badRequest("can't parse reply keyboard markup JSON object") }
        if let rows = object["inline_keyboard"] {
            try validateInlineKeyboard(rows)
        } else if object["force_reply"] != nil {
            return nil
        }
        return try parameters.decode(ReplyMarkup.self, "reply_markup", failure: "can't parse reply keyboard markup JSON object")
    }

    /// The `reply_markup` of an edit, which must be an inline keyboard when present.
    static func inlineMarkup(_ parameters: BotAPIParameters) throws(BotAPIFailure) -> InlineKeyboardMarkup? {
        switch try replyMarkup(parameters) {
        case nil: return nil
        case .inline(let markup): return markup
        case .reply, .remove: throw .badRequest("inline keyboard expected")
        }
    }

    private static func validateInlineKeyboard(_ value: JSONValue) throws(BotAPIFailure) {
        guard let rows = value.arrayValue else {
            throw .badRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup should be an Array of Arrays")
        }
        var total = 0
        for row in rows {
            guard let buttons = row.arrayValue else {
                throw .badRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup should be an Array of Arrays")
            }
            guard buttons.count <= maxButtonsPerRow else { throw .badRequest("BUTTONS_TOO_MUCH") }
            total += buttons.count
            for button in buttons { try validateButton(button) }
        }
        guard total <= maxButtons else { throw .badRequest("BUTTONS_TOO_MUCH") }
    }

    private static func validateButton(_ value: JSONValue) throws(BotAPIFailure) {
        guard let button = value.objectValue, case .string(let text)? = button["text"] else {
            throw .badRequest("can't parse inline keyboard button: Field \"text\" must be of type String")
        }
        guard !text.isEmpty else { throw .badRequest("BUTTON_TEXT_INVALID") }
        let actions = buttonActions.filter { button[$0] != nil }
        guard !actions.isEmpty else {
            throw .badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
        }
        guard actions.count == 1 else {
            throw .badRequest(
                "can't parse inline keyboard button: exactly one optional field must be used, found \(actions.joined(separator: ", "))")
        }
        if let data = button["callback_data"] {
            guard case .string(let data) = data, (1...maxCallbackDataBytes).contains(data.utf8.count) else {
                throw .badRequest("BUTTON_DATA_INVALID")
            }
        }
        if let url = button["url"] {
            guard case .string(let url) = url, ["http://", "https://", "tg://"].contains(where: { url.lowercased().hasPrefix($0) }) else {
                throw .badRequest("inline keyboard button URL is invalid: Wrong HTTP URL")
            }
        }
    }
}
