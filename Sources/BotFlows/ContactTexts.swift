import TelegramBotAPI

/// Names of the texts of customers' contact: the phone asked before a first booking and the comment for the master.
enum ContactTextKey: String, TextCatalogKey {
    case askPhone, shareButton, skipButton, thanks, skipped, notOwn, pressButton
    case commentButton, commentEditButton, askComment, commentTooLong, commentEmpty, commentLine, commentGone
    case policyLine, noticeComment, cardComment
    case noShowPolicyLine, noShowHint, missedVisits
}

/// The wording of customers' contact.
typealias ContactTexts = TextCatalog<ContactTextKey>

extension ContactTextKey {
    /// The built-in Russian texts.
    static let russian: [ContactTextKey: String] = [
        .askPhone: "📱 Чтобы мастер мог связаться с вами, поделитесь номером телефона — кнопкой ниже. Номер увидит только {business}.",
        .shareButton: "📱 Поделиться номером", .skipButton: "Не сейчас",
        .thanks: "✅ Спасибо, номер сохранён.", .skipped: "Хорошо, без номера.",
        .notOwn: "Это не ваш номер. Нажмите «📱 Поделиться номером», чтобы отправить свой, или «Не сейчас».",
        .pressButton: "Нажмите «📱 Поделиться номером» внизу или «Не сейчас».",
        .commentButton: "💬 Комментарий мастеру", .commentEditButton: "💬 Изменить комментарий",
        .askComment: "💬 Напишите комментарий для мастера одним сообщением (до {max} символов).",
        .commentTooLong: "Комментарий — до {max} символов (сейчас {length}). Сократите и пришлите снова.",
        .commentEmpty: "Пришлите комментарий текстом.", .commentLine: "💬 Комментарий: {comment}",
        .commentGone: "Эта запись уже не оформляется.",
        .policyLine: "Спрашивать телефон при первой записи: {value}", .noticeComment: "💬 {comment}", .cardComment: "💬 Комментарий: {comment}",
        .noShowPolicyLine: "Запись только через администратора после неявок: {value}",
        .noShowHint: "число от 1 до 20 или «-», чтобы выключить",
        .missedVisits: "Записаться через бота сейчас нельзя: пропущено визитов — {count}. Свяжитесь с «{business}», администратор запишет вас.",
    ]

    /// The built-in English texts.
    static let english: [ContactTextKey: String] = [
        .askPhone: "📱 So the specialist can reach you, share your phone number with the button below. Only {business} will see it.",
        .shareButton: "📱 Share my number", .skipButton: "Not now",
        .thanks: "✅ Thank you, the number is saved.", .skipped: "All right, without a number.",
        .notOwn: "This is not your number. Tap \"📱 Share my number\" to send your own, or \"Not now\".",
        .pressButton: "Tap \"📱 Share my number\" below or \"Not now\".",
        .commentButton: "💬 Comment for the specialist", .commentEditButton: "💬 Change the comment",
        .askComment: "💬 Write a comment for the specialist in one message (up to {max} characters).",
        .commentTooLong: "A comment is up to {max} characters (this one is {length}). Shorten it and send it again.",
        .commentEmpty: "Send the comment as text.", .commentLine: "💬 Comment: {comment}",
        .commentGone: "This booking is no longer being made.",
        .policyLine: "Ask for the phone on the first booking: {value}", .noticeComment: "💬 {comment}", .cardComment: "💬 Comment: {comment}",
        .noShowPolicyLine: "Bookings only through an admin after missed visits: {value}",
        .noShowHint: "a number from 1 to 20, or \"-\" to turn it off",
        .missedVisits: "Booking through the bot is closed for now: {count} visits were missed. Please contact {business}, and an admin will book you.",
    ]
}

extension Reply {
    /// A text of customers' contact in the reader's language.
    func contact(_ key: ContactTextKey, _ values: [String: String] = [:]) -> String { ContactTexts.standard.render(key, language, values) }

    /// The keyboard asking for the customer's own phone: Telegram's contact button and a way to skip.
    var phoneKeyboard: ReplyMarkup {
        .reply(
            ReplyKeyboardMarkup(
                [[KeyboardButton(contact(.shareButton), requestContact: true)], [KeyboardButton(contact(.skipButton))]], isPersistent: false,
                resizeKeyboard: true))
    }
}
