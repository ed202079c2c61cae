import BookingCore
import Foundation
import TelegramBotAPI

/// What the sales bot remembers of a buyer between updates (the conversation store of its reserved row): the
/// purchase's answers so far. The token is kept only sealed.
struct SalesConversation: Codable, Equatable, Sendable {
    /// The input asked for.
    enum Step: String, Codable, Sendable { case name, token, zone, language }

    var step: Step?
    var plan: String?
    var name: String?
    var botID: Int64?
    var botUsername: String?
    var sealedToken: [UInt8]?
    var zone: String?

    static func decode(_ bytes: [UInt8]?) -> SalesConversation {
        bytes.flatMap { try? JSONDecoder().decode(SalesConversation.self, from: Data($0)) } ?? SalesConversation()
    }
}

/// One platform bot update's answer being built: the calls, the user's language and the conversation state.
struct PlatformReply<Key: TextCatalogKey, State: Codable & Equatable & Sendable> {
    let chat: Int64
    let language: Language
    let texts: TextCatalog<Key>
    let callbackID: String?
    /// The state that means "nothing remembered" (stored as a cleared conversation).
    let empty: State
    var calls: [BotCall] = []
    var conversation: State {
        didSet { changed = true }
    }
    private var changed = false

    init(chat: Int64, language: Language, texts: TextCatalog<Key>, callbackID: String?, conversation: State, empty: State) {
        self.chat = chat
        self.language = language
        self.texts = texts
        self.callbackID = callbackID
        self.conversation = conversation
        self.empty = empty
    }

    func text(_ key: Key, _ values: [String: String] = [:]) -> String { texts.render(key, language, values) }

    mutating func send(_ text: String, _ rows: [[InlineKeyboardButton]] = []) {
        calls.append(.sendMessage(SendMessage(chatID: chat, text: text, replyMarkup: rows.isEmpty ? nil : .inline(InlineKeyboardMarkup(rows)))))
    }

    func button(_ key: Key, _ data: String) -> InlineKeyboardButton { InlineKeyboardButton(text: text(key), callbackData: data) }

    var result: FlowResult {
        var ordered = calls
        if let callbackID { ordered.insert(.answerCallbackQuery(AnswerCallbackQuery(callbackQueryID: callbackID)), at: 0) }
        guard changed else { return FlowResult(calls: ordered) }
        let change: ConversationChange = conversation == empty ? .clear : .save(Array((try? JSONEncoder().encode(conversation)) ?? Data()))
        return FlowResult(calls: ordered, conversation: change)
    }
}

/// The sales bot's reply.
typealias SalesReply = PlatformReply<SalesTextKey, SalesConversation>

extension PlatformReply where Key == SalesTextKey {
    /// The main menu's buttons.
    var menu: [[InlineKeyboardButton]] {
        [
            [button(.demoButton, "s:demo"), button(.plansButton, "s:plans")],
            [button(.faqButton, "s:faq"), button(.supportButton, "s:support")],
            [button(.buyButton, "s:buy")],
        ]
    }
}
