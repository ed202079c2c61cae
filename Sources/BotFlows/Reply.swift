import BookingCore
import TelegramBotAPI

/// Everything a handler needs to answer one update, and the calls it has produced so far.
struct Reply: Sendable {
    let tenant: TenantContext
    let chat: ChatID
    let user: UserID
    let language: Language
    let texts: Texts
    /// The pressed message, when it can still be edited.
    let editableMessageID: Int64?
    /// The callback to answer, if this update is a button press.
    let callbackID: String?
    private(set) var calls: [BotCall] = []
    private var callbackAnswer: AnswerCallbackQuery?

    init(tenant: TenantContext, chat: ChatID, user: UserID, language: Language, texts: Texts, editableMessageID: Int64?, callbackID: String?) {
        self.tenant = tenant
        self.chat = chat
        self.user = user
        self.language = language
        self.texts = texts
        self.editableMessageID = editableMessageID
        self.callbackID = callbackID
    }

    var format: Formatter { Formatter(language: language, texts: texts) }

    func text(_ key: TextKey, _ values: [String: String] = [:]) -> String { texts.render(key, language, values) }

    /// Sends a new message.
    mutating func send(_ text: String, markup: ReplyMarkup? = nil) {
        calls.append(.sendMessage(SendMessage(chatID: chat.rawValue, text: text, replyMarkup: markup)))
    }

    /// Removes the inline keyboard of an earlier message.
    mutating func removeKeyboard(of messageID: Int64) {
        calls.append(.editMessageReplyMarkup(EditMessageReplyMarkup(chatID: chat.rawValue, messageID: messageID, replyMarkup: nil)))
    }

    /// Replaces the pressed message when possible, else sends a new one.
    mutating func show(_ text: String, keyboard: InlineKeyboardMarkup?) {
        if let messageID = editableMessageID {
            calls.append(.editMessageText(EditMessageText(chatID: chat.rawValue, messageID: messageID, text: text, replyMarkup: keyboard)))
        } else {
            send(text, markup: keyboard.map { .inline($0) })
        }
    }

    /// Sets the toast (or alert) shown for the button press.
    mutating func answer(_ text: String?, alert: Bool = false) {
        guard let callbackID else { return }
        callbackAnswer = AnswerCallbackQuery(callbackQueryID: callbackID, text: text, showAlert: alert ? true : nil)
    }

    /// The calls in sending order: a button press is answered first.
    var finished: [BotCall] {
        guard let callbackID else { return calls }
        return [.answerCallbackQuery(callbackAnswer ?? AnswerCallbackQuery(callbackQueryID: callbackID))] + calls
    }

    /// The persistent main menu.
    var mainMenu: ReplyMarkup {
        .reply(ReplyKeyboardMarkup([[KeyboardButton(text(.menuBook))], [KeyboardButton(text(.menuMyBookings)), KeyboardButton(text(.menuAbout))]]))
    }

    /// A row with Back (to `back`) and Cancel.
    func navigationRow(back: CallbackAction?) -> [InlineKeyboardButton] {
        var row: [InlineKeyboardButton] = []
        if let back { row.append(InlineKeyboardButton(text: text(.back), callbackData: back.data)) }
        row.append(InlineKeyboardButton(text: text(.cancel), callbackData: CallbackAction.abort.data))
        return row
    }
}
