/// One outgoing Bot API request as a value, so flows return what they want sent and tests compare it.
public enum BotCall: Sendable, Equatable {
    /// Send a text.
    case sendMessage(SendMessage)
    /// Replace a message's text.
    case editMessageText(EditMessageText)
    /// Replace a message's inline keyboard.
    case editMessageReplyMarkup(EditMessageReplyMarkup)
    /// Answer a button press.
    case answerCallbackQuery(AnswerCallbackQuery)
    /// Delete a message.
    case deleteMessage(DeleteMessage)
    /// Upload a document.
    case sendDocument(SendDocument)
    /// Register the command menu.
    case setMyCommands(SetMyCommands)

    /// The chat the call goes to, if any (used for per-chat flood control).
    public var chatID: Int64? {
        switch self {
        case .sendMessage(let m): m.chatID
        case .editMessageText(let m): m.chatID
        case .editMessageReplyMarkup(let m): m.chatID
        case .deleteMessage(let m): m.chatID
        case .sendDocument(let m): m.chatID
        case .answerCallbackQuery, .setMyCommands: nil
        }
    }
}

extension BotCall {
    /// Whether repeating the call after an unknown outcome is harmless: an edit, an answer or a deletion lands in
    /// the same state (or is refused as already done), while a second send would show the user a duplicate.
    public var isRepeatable: Bool {
        switch self {
        case .sendMessage, .sendDocument: false
        case .editMessageText, .editMessageReplyMarkup, .answerCallbackQuery, .deleteMessage, .setMyCommands: true
        }
    }
}
