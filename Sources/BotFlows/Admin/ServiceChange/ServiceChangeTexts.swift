import TelegramBotAPI

/// Names of the texts of changing a day's bookings to another service.
enum ServiceChangeTextKey: String, TextCatalogKey {
    case button, choose, noServices, preview, line, refused, confirm, nothing, nothingChanged, changed, back, customerNotice
}

/// The wording of changing a day's bookings to another service.
typealias ServiceChangeTexts = TextCatalog<ServiceChangeTextKey>

extension ServiceChangeTextKey {
    /// The built-in Russian texts.
    static let russian: [ServiceChangeTextKey: String] = [
        .button: "🔁 Сменить услугу", .choose: "🔁 {date}: на какую услугу перевести предстоящие записи дня?",
        .noServices: "Нет активных услуг.", .preview: "🔁 {date} → {service} ({minutes} мин): записей {count}",
        .line: "• {time} {old} → до {end}", .refused: "⚠️ {time} {old}: {reason}. Ничего не изменено.",
        .confirm: "✅ Сменить у {count}", .nothing: "Менять нечего: предстоящих записей другой услуги в этот день нет.",
        .nothingChanged: "Смена невозможна; ничего не изменено.", .changed: "✅ Услуга изменена у записей: {count}; клиенты уведомлены.",
        .back: "‹ Назад",
        .customerNotice: "🔁 {business}: ваша запись {when} изменена: вместо «{old}» — «{new}», до {end}.\nВопросы: {contact}",
    ]

    /// The built-in English texts.
    static let english: [ServiceChangeTextKey: String] = [
        .button: "🔁 Change service", .choose: "🔁 {date}: which service should the day's upcoming bookings change to?",
        .noServices: "No active services.", .preview: "🔁 {date} → {service} ({minutes} min): {count} bookings",
        .line: "• {time} {old} → until {end}", .refused: "⚠️ {time} {old}: {reason}. Nothing was changed.",
        .confirm: "✅ Change {count}", .nothing: "Nothing to change: no upcoming bookings of another service that day.",
        .nothingChanged: "The change is not possible; nothing was changed.", .changed: "✅ Service changed for {count} bookings; their clients were notified.",
        .back: "‹ Back",
        .customerNotice: "🔁 {business}: your booking on {when} has changed: \"{new}\" instead of \"{old}\", until {end}.\nQuestions: {contact}",
    ]
}

extension Reply {
    /// A service-change text in the presser's language.
    func serviceChange(_ key: ServiceChangeTextKey, _ values: [String: String] = [:]) -> String {
        ServiceChangeTexts.standard.render(key, language, values)
    }
}

extension InlineKeyboardButton {
    /// A button with literal text and service-change data.
    static func serviceChange(_ text: String, _ action: ServiceChangeCallback) -> InlineKeyboardButton {
        InlineKeyboardButton(text: text, callbackData: AdminCallback.serviceChange(action).data)
    }
}
