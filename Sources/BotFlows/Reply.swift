import BookingCore
import Foundation
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
    private(set) var scheduled: [ScheduledCall] = []
    private(set) var withdrawn: [BookingID] = []
    private(set) var timers: [FlowTimer] = []
    private(set) var bulk: [BulkCall] = []
    private(set) var notices: [NoticeCall] = []
    private var callbackAnswer: AnswerCallbackQuery?
    /// The conversation as loaded for this update; handlers change it, the result carries the change.
    var conversation: Conversation {
        didSet { conversationChanged = true }
    }
    private var conversationChanged = false

    init(
        tenant: TenantContext, chat: ChatID, user: UserID, language: Language, texts: Texts, editableMessageID: Int64?, callbackID: String?,
        conversation: Conversation = Conversation()
    ) {
        self.conversation = conversation
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

    /// Sends a new message to another chat of this bot (a customer or an admin being notified).
    mutating func send(_ text: String, markup: ReplyMarkup? = nil, to other: ChatID) {
        // A client booked by phone has no chat: nothing goes there.
        guard !other.isOffline else { return }
        calls.append(.sendMessage(SendMessage(chatID: other.rawValue, text: text, replyMarkup: markup)))
    }

    /// Sends a notice to an admin's chat in `language` (see `NoticeCall`).
    mutating func notify(_ text: String, markup: ReplyMarkup?, to admin: ChatID, language: Language) {
        notices.append(
            NoticeCall(call: .sendMessage(SendMessage(chatID: admin.rawValue, text: text, replyMarkup: markup)), tag: NoticeDigest.tag(language)))
    }

    /// Schedules a message to another chat for later, owned by `booking` (reminders of a booking an admin moved),
    /// not sent after `expires`.
    mutating func schedule(_ text: String, keyboard: InlineKeyboardMarkup?, at due: Date, booking: BookingID, to other: ChatID, expires: Date? = nil) {
        guard !other.isOffline else { return }
        let call = BotCall.sendMessage(SendMessage(chatID: other.rawValue, text: text, replyMarkup: keyboard.map { .inline($0) }))
        scheduled.append(ScheduledCall(call: call, due: due, bookingID: booking, expires: expires))
    }

    /// Adds a call to make now (an invoice, a pre-checkout answer, a refund).
    mutating func call(_ call: BotCall) { calls.append(call) }

    /// Sets the bot's menu button for every chat.
    mutating func setMenuButton(_ button: MenuButton) {
        calls.append(.setChatMenuButton(SetChatMenuButton(menuButton: button)))
    }

    /// Sets the bot's description and short description in `language` (empty texts remove them).
    mutating func setDescriptions(_ description: String, short: String, language: Language) {
        calls.append(.setMyDescription(SetMyDescription(description: description, languageCode: language.rawValue)))
        calls.append(.setMyShortDescription(SetMyShortDescription(shortDescription: short, languageCode: language.rawValue)))
    }

    /// Sets the bot's command menus (each language's descriptions).
    mutating func setCommands(_ menus: [SetMyCommands]) {
        calls += menus.map { .setMyCommands($0) }
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

    /// Sends a document.
    mutating func sendDocument(fileName: String, mimeType: String, contents: [UInt8], caption: String?) {
        calls.append(.sendDocument(SendDocument(chatID: chat.rawValue, fileName: fileName, mimeType: mimeType, contents: contents, caption: caption)))
    }

    /// Schedules a message to this chat for later, owned by `booking`.
    mutating func schedule(_ text: String, keyboard: InlineKeyboardMarkup?, at due: Date, booking: BookingID, expires: Date? = nil) {
        let call = BotCall.sendMessage(SendMessage(chatID: chat.rawValue, text: text, replyMarkup: keyboard.map { .inline($0) }))
        scheduled.append(ScheduledCall(call: call, due: due, bookingID: booking, expires: expires))
    }

    /// Queues a low-priority message to another chat (one recipient of a broadcast), counted under `tag`.
    mutating func sendBulk(_ text: String, to other: ChatID, tag: String) {
        guard !other.isOffline else { return }
        bulk.append(BulkCall(call: .sendMessage(SendMessage(chatID: other.rawValue, text: text)), tag: tag))
    }

    /// Queues a low-priority photo (by file_id) with its caption to another chat (one recipient of a broadcast).
    mutating func sendBulkPhoto(_ photo: String, caption: String?, to other: ChatID, tag: String) {
        guard !other.isOffline else { return }
        bulk.append(BulkCall(call: .sendPhoto(SendPhoto(chatID: other.rawValue, photo: photo, caption: caption)), tag: tag))
    }

    /// Sends a photo (by file_id) with its caption to this chat.
    mutating func sendPhoto(_ photo: String, caption: String?, markup: ReplyMarkup? = nil) {
        calls.append(.sendPhoto(SendPhoto(chatID: chat.rawValue, photo: photo, caption: caption, replyMarkup: markup)))
    }

    /// Withdraws the unsent scheduled messages of `booking`.
    mutating func withdrawScheduled(for booking: BookingID) { withdrawn.append(booking) }

    /// Sets a timer for this chat (fired later through `CustomerBot.fire`).
    mutating func setTimer(_ event: TimerEvent, at due: Date, booking: BookingID? = nil) {
        timers.append(FlowTimer(event: event, chat: chat, due: due, bookingID: booking))
    }

    /// Adds what another conversation's reply produced (e.g. a waitlist offer to another customer), after this one's calls.
    mutating func merge(_ other: FlowResult) {
        calls += other.calls
        scheduled += other.scheduled
        withdrawn += other.withdrawn
        timers += other.timers
        bulk += other.bulk
        notices += other.notices
    }

    /// The result in sending order, fitted to Telegram's limits (see `FlowResult.fitted()`): a button press is
    /// answered first.
    var result: FlowResult {
        var ordered = calls
        if let callbackID {
            ordered.insert(.answerCallbackQuery(callbackAnswer ?? AnswerCallbackQuery(callbackQueryID: callbackID)), at: 0)
        }
        let change: ConversationChange? =
            conversationChanged ? (conversation.isEmpty ? .clear : .save(Array((try? JSONEncoder().encode(conversation)) ?? Data()))) : nil
        return FlowResult(
            calls: ordered, scheduled: scheduled, withdrawn: withdrawn, timers: timers, bulk: bulk, notices: notices, conversation: change)
            .fitted()
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

    /// Shows a day's free times, four to a row, a page of `PageSizes.times` at a time (the pager row under them
    /// when there are more), then Back and Cancel; `notice` (e.g. "just taken") goes first, the free-time count last.
    mutating func showTimes(
        _ slots: [Slot], action: (Slot) -> CallbackAction, back: CallbackAction, title: TextKey, values: [String: String],
        notice: String?, page requested: Int, pageAction: (Int) -> CallbackAction
    ) {
        let page = ListPage(count: slots.count, size: PageSizes.times, requested: requested)
        let buttons = slots[page.range].map { InlineKeyboardButton(text: $0.localTime.description, callbackData: action($0).data) }
        var rows = stride(from: 0, to: buttons.count, by: 4).map { Array(buttons[$0..<min($0 + 4, buttons.count)]) }
        if let pager = pagerRow(page, pageAction) { rows.append(pager) }
        rows.append(navigationRow(back: back))
        var text = text(slots.isEmpty ? .noSlots : title, values)
        if !slots.isEmpty { text += "\n" + self.text(.freeTimes, ["count": String(slots.count)]) }
        if let notice { text = notice + "\n\n" + text }
        show(text, keyboard: InlineKeyboardMarkup(rows))
    }
}

extension Date {
    /// Whole minutes since the Unix epoch: how button data names an instant.
    var epochMinute: Int64 { Int64((timeIntervalSince1970 / 60).rounded(.towardZero).clamped(to: -1e12...1e12)) }
}
