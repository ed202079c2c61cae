import TelegramBotAPI

/// Names of the texts of blocks over any range of dates.
enum BlockTextKey: String, TextCatalogKey {
    case button, title, empty, line, card, remove, removed, gone, newBlock, chooseMaster, chooseStart, untilDate, chooseEnd, chooseEndTime
    case endOfThatDay, reasonTooLong, andMore
}

/// The wording of blocks.
typealias BlockTexts = TextCatalog<BlockTextKey>

extension BlockTextKey {
    /// The built-in Russian texts.
    static let russian: [BlockTextKey: String] = [
        .button: "⛔ Закрытое время", .title: "⛔ Закрытое время впереди: {count}. Нажмите, чтобы открыть или удалить.",
        .empty: "⛔ Впереди закрытого времени нет.", .line: "{from} – {to} · {master}",
        .card: "⛔ Закрыто — {master}\nС: {from}\nДо: {to}\nПричина: {reason}",
        .remove: "🗑 Открыть это время", .removed: "✅ Время снова открыто для записи. Отменённые записи остались отменёнными.",
        .gone: "Этого закрытия уже нет.", .newBlock: "➕ Закрыть время",
        .chooseMaster: "⛔ Чьё время закрыть?", .chooseStart: "⛔ Закрыть время — {master}\nВыберите первый день:",
        .untilDate: "📅 До другого дня…", .chooseEnd: "⛔ Закрыть с {from} — {master}\nВыберите последний день:",
        .chooseEndTime: "⛔ Закрыть с {from} до {date}: до конца дня или до времени:", .endOfThatDay: "До конца дня",
        .reasonTooLong: "Причина — до {max} символов (сейчас {length}). Пришлите короче.", .andMore: "… и ещё {count}",
    ]

    /// The built-in English texts.
    static let english: [BlockTextKey: String] = [
        .button: "⛔ Blocked time", .title: "⛔ Blocked time ahead: {count}. Tap one to open or remove it.",
        .empty: "⛔ No blocked time ahead.", .line: "{from} – {to} · {master}",
        .card: "⛔ Blocked — {master}\nFrom: {from}\nTo: {to}\nReason: {reason}",
        .remove: "🗑 Reopen this time", .removed: "✅ The time is open for bookings again. Cancelled bookings stay cancelled.",
        .gone: "This block no longer exists.", .newBlock: "➕ Block time",
        .chooseMaster: "⛔ Whose time to block?", .chooseStart: "⛔ Block time — {master}\nChoose the first day:",
        .untilDate: "📅 Until another day…", .chooseEnd: "⛔ Block from {from} — {master}\nChoose the last day:",
        .chooseEndTime: "⛔ Block from {from} until {date}: to the end of the day or until a time:", .endOfThatDay: "To the end of the day",
        .reasonTooLong: "A reason is up to {max} characters (this one is {length}). Send a shorter one.", .andMore: "… and {count} more",
    ]
}

extension Reply {
    /// A text of blocks in the presser's language.
    func blocks(_ key: BlockTextKey, _ values: [String: String] = [:]) -> String { BlockTexts.standard.render(key, language, values) }

    /// An inline button with a text of blocks.
    func button(_ key: BlockTextKey, _ action: BlockCallback, _ values: [String: String] = [:]) -> InlineKeyboardButton {
        InlineKeyboardButton(text: blocks(key, values), callbackData: AdminCallback.blocks(action).data)
    }
}

extension InlineKeyboardButton {
    /// A button with literal text and block data.
    static func blocks(_ text: String, _ action: BlockCallback) -> InlineKeyboardButton {
        InlineKeyboardButton(text: text, callbackData: AdminCallback.blocks(action).data)
    }
}
