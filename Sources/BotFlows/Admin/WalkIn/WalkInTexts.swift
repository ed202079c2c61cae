import TelegramBotAPI

/// Names of the texts of bookings admins make for clients.
enum WalkInTextKey: String, TextCatalogKey {
    case button, chooseService, chooseMaster, chooseTime, noTimes, askClient, badClient, badPhone, booked, bookedTelegram, refused
    case customerNotice, back, contactSaved, contactNotSaved
}

/// The wording of bookings admins make for clients who walked in or phoned.
typealias WalkInTexts = TextCatalog<WalkInTextKey>

extension WalkInTextKey {
    /// The built-in Russian texts.
    static let russian: [WalkInTextKey: String] = [
        .button: "➕ Записать клиента", .chooseService: "➕ Запись клиента на {date}. Выберите услугу:",
        .chooseMaster: "{service}, {date}. Выберите мастера:", .chooseTime: "{service} · {master}, {date}. Выберите время:",
        .noTimes: "{service} · {master}, {date}: свободного времени нет.",
        .askClient: "{service} · {master}, {when}.\nПришлите клиента: «Имя; телефон» или «Имя; телефон; заметка».\nНапример: Иван; 8 (912) 345-67-89; первый визит\n/cancel — отменить.",
        .badClient: "Нужно «Имя; телефон» (имя до 64 символов, заметка до 500). Пришлите снова.",
        .badPhone: "Не похоже на номер телефона: {phone}. Например: +7 912 345-67-89 или 8 912 345 67 89. Пришлите снова.",
        .booked: "✅ Клиент записан: {client}, {phone}.", .bookedTelegram: "✅ Клиент записан: {client}, {phone}. Он пользуется ботом: запись в его «Моих записях», напоминания придут.",
        .refused: "Записать не получилось: {reason}", .customerNotice: "📌 Администратор записал вас: {service}, {master}\n{when}\nАдрес: {address}",
        .back: "‹ Назад", .contactSaved: "📞 Спасибо! Телефон сохранён: администратор сможет записать вас по звонку.",
        .contactNotSaved: "Сохраняем только ваш собственный номер: поделитесь своим контактом.",
    ]

    /// The built-in English texts.
    static let english: [WalkInTextKey: String] = [
        .button: "➕ Book a client", .chooseService: "➕ Booking a client on {date}. Choose a service:",
        .chooseMaster: "{service}, {date}. Choose a specialist:", .chooseTime: "{service} · {master}, {date}. Choose a time:",
        .noTimes: "{service} · {master}, {date}: no free time.",
        .askClient: "{service} · {master}, {when}.\nSend the client: \"Name; phone\" or \"Name; phone; note\".\nFor example: Ivan; +7 912 345-67-89; first visit\n/cancel to stop.",
        .badClient: "\"Name; phone\" is needed (a name up to 64 characters, a note up to 500). Send it again.",
        .badPhone: "That does not look like a phone number: {phone}. For example: +7 912 345-67-89 or 8 912 345 67 89. Send it again.",
        .booked: "✅ The client is booked: {client}, {phone}.", .bookedTelegram: "✅ The client is booked: {client}, {phone}. They use the bot: the booking is in their My bookings and reminders will come.",
        .refused: "Could not book: {reason}", .customerNotice: "📌 An admin booked you: {service}, {master}\n{when}\nAddress: {address}",
        .back: "‹ Back", .contactSaved: "📞 Thank you! Your phone is saved: an admin can book you when you call.",
        .contactNotSaved: "Only your own number is saved: share your own contact.",
    ]
}

extension Reply {
    /// A walk-in text in the presser's language.
    func walkIn(_ key: WalkInTextKey, _ values: [String: String] = [:]) -> String { WalkInTexts.standard.render(key, language, values) }
}

extension InlineKeyboardButton {
    /// A button with literal text and walk-in data.
    static func walkIn(_ text: String, _ action: WalkInCallback) -> InlineKeyboardButton {
        InlineKeyboardButton(text: text, callbackData: AdminCallback.walkIn(action).data)
    }
}
