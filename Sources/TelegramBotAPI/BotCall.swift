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
    /// Send a photo Telegram already has (by file_id) with a caption.
    case sendPhoto(SendPhoto)
    /// Register the command menu.
    case setMyCommands(SetMyCommands)
    /// Set the bot's menu button (the Mini App, or back to the commands).
    case setChatMenuButton(SetChatMenuButton)
    /// Set the bot's description for one language.
    case setMyDescription(SetMyDescription)
    /// Set the bot's short description for one language.
    case setMyShortDescription(SetMyShortDescription)
    /// Ask for a payment.
    case sendInvoice(SendInvoice)
    /// Accept or refuse a payment about to be made.
    case answerPreCheckoutQuery(AnswerPreCheckoutQuery)
    /// Return a Stars payment.
    case refundStarPayment(RefundStarPayment)

    /// The chat the call goes to, if any (used for per-chat flood control).
    public var chatID: Int64? {
        switch self {
        case .sendMessage(let m): m.chatID
        case .editMessageText(let m): m.chatID
        case .editMessageReplyMarkup(let m): m.chatID
        case .deleteMessage(let m): m.chatID
        case .sendDocument(let m): m.chatID
        case .sendPhoto(let m): m.chatID
        case .sendInvoice(let m): m.chatID
        case .answerCallbackQuery, .setMyCommands, .setChatMenuButton, .setMyDescription, .setMyShortDescription, .answerPreCheckoutQuery,
            .refundStarPayment:
            nil
        }
    }
}

extension BotCall {
    /// The typed method the call carries.
    public var method: any BotMethod {
        switch self {
        case .sendMessage(let m): m
        case .editMessageText(let m): m
        case .editMessageReplyMarkup(let m): m
        case .answerCallbackQuery(let m): m
        case .deleteMessage(let m): m
        case .sendDocument(let m): m
        case .sendPhoto(let m): m
        case .setMyCommands(let m): m
        case .setChatMenuButton(let m): m
        case .setMyDescription(let m): m
        case .setMyShortDescription(let m): m
        case .sendInvoice(let m): m
        case .answerPreCheckoutQuery(let m): m
        case .refundStarPayment(let m): m
        }
    }

    /// The Bot API method name of the call.
    public var methodName: String { type(of: method).name }

    /// Whether repeating the call after an unknown outcome is harmless (see `isRepeatable(_:)`).
    public var isRepeatable: Bool { Self.isRepeatable(methodName) }

    /// Whether repeating a call of method `name` after an unknown outcome is harmless: an edit, an answer or a
    /// deletion lands in the same state (or is refused as already done), while a second send would show the user a
    /// duplicate. A method not listed (none today) counts as not repeatable.
    public static func isRepeatable(_ name: String) -> Bool {
        [
            EditMessageText.name, EditMessageReplyMarkup.name, AnswerCallbackQuery.name, DeleteMessage.name, SetMyCommands.name,
            SetChatMenuButton.name, SetMyDescription.name, SetMyShortDescription.name, AnswerPreCheckoutQuery.name, RefundStarPayment.name,
        ].contains(name)
    }

    /// Whether a call of method `name` shows the user a new message (flood limits count these per chat).
    public static func isNewMessage(_ name: String) -> Bool { name == SendMessage.name || name == SendDocument.name || name == SendPhoto.name || name == SendInvoice.name }

    /// Whether "message is not modified" means a call of method `name` already had its effect.
    public static func acceptsNotModified(_ name: String) -> Bool { name == EditMessageText.name || name == EditMessageReplyMarkup.name }
}
