import TelegramBotAPI

/// Names of the staff texts of the admin side.
enum StaffTextKey: String, TextCatalogKey {
    case button, title, line, card, active, inactive, noDescription, everyService, notLinked, linkedTo
    case new, askName, badName, created, fieldName, fieldDescription, askField, badDescription, saved
    case moveUp, deactivate, activate, services, servicesTitle, link, unlink, askLink, badLink, linked, unlinked, youAreMaster
    case deactivateFuture, deactivateNone, deactivateConfirm, deactivated, activated, back, lastActive
    case feedButton, businessFeedButton, feed, feedRotate, feedRotated, markArrived, undoArrived
}

/// The staff wording.
typealias StaffTexts = TextCatalog<StaffTextKey>

extension StaffTextKey {
    /// The built-in Russian texts.
    static let russian: [StaffTextKey: String] = [
        .button: "👥 Мастера", .title: "👥 Мастера. Нажмите на мастера, чтобы открыть карточку.", .line: "{name}",
        .card: "👤 {name} — {state}\n{description}\nУслуги: {services}\nTelegram: {link}",
        .active: "работает", .inactive: "не принимает записи", .noDescription: "(без описания)", .everyService: "все",
        .notLinked: "не привязан", .linkedTo: "{name} (id {id})",
        .new: "➕ Новый мастер", .askName: "Пришлите имя нового мастера (до 64 символов).\n/cancel — отменить.",
        .badName: "Имя — от 1 до 64 символов в одну строку. Пришлите снова.", .created: "✅ Мастер добавлен.",
        .fieldName: "Имя", .fieldDescription: "Описание",
        .askField: "Пришлите новое значение «{field}» для {name}. Для описания «-» очищает его.",
        .badDescription: "Описание — до 500 символов. Пришлите снова.", .saved: "✅ Сохранено.",
        .moveUp: "⬆️ Выше", .deactivate: "⏸ Отключить", .activate: "▶️ Включить", .services: "💇 Услуги мастера",
        .servicesTitle: "💇 Услуги мастера {name}. Отметьте, что он выполняет.",
        .link: "🔗 Привязать Telegram", .unlink: "✂️ Отвязать Telegram",
        .askLink: "Пришлите Telegram id пользователя, который работает как {name}. Он станет администратором с ролью «мастер» и будет видеть только свои записи.",
        .badLink: "Нужен числовой Telegram id. Пришлите снова.", .linked: "✅ Привязано.", .unlinked: "✅ Отвязано.",
        .youAreMaster: "Вы привязаны к мастеру {name} в {business}. Откройте /admin, чтобы видеть свои записи.",
        .deactivateFuture: "⚠️ У мастера {name} предстоящих записей: {count}. Они останутся в силе: перенесите или отмените их.",
        .deactivateNone: "У мастера {name} нет предстоящих записей.",
        .deactivateConfirm: "⏸ Отключить всё равно",
        .deactivated: "⏸ Мастер больше не принимает новые записи. История сохранена.", .activated: "▶️ Мастер снова принимает записи.",
        .back: "‹ Назад", .lastActive: "Нельзя отключить последнего работающего мастера.",
        .feedButton: "📅 Календарь (iCal)", .businessFeedButton: "📅 Календарь салона (iCal)",
        .feed: "📅 Календарь «{name}» для Google, Apple или Outlook: добавьте по ссылке (подписка).\n{url}\nСсылка секретная: кто её знает, видит записи. Новая ссылка отключает старую.",
        .feedRotate: "🔄 Новая ссылка", .feedRotated: "✅ Старая ссылка больше не работает.",
        .markArrived: "✅ Клиент пришёл", .undoArrived: "↩️ Снять «пришёл»",
    ]

    /// The built-in English texts.
    static let english: [StaffTextKey: String] = [
        .button: "👥 Staff", .title: "👥 Staff. Tap a specialist to open their card.", .line: "{name}",
        .card: "👤 {name} — {state}\n{description}\nServices: {services}\nTelegram: {link}",
        .active: "working", .inactive: "takes no bookings", .noDescription: "(no description)", .everyService: "all",
        .notLinked: "not linked", .linkedTo: "{name} (id {id})",
        .new: "➕ New specialist", .askName: "Send the name of the new specialist (up to 64 characters).\n/cancel to stop.",
        .badName: "A name is 1 to 64 characters on one line. Send it again.", .created: "✅ Specialist added.",
        .fieldName: "Name", .fieldDescription: "Description",
        .askField: "Send the new {field} of {name}. For the description, \"-\" clears it.",
        .badDescription: "A description is up to 500 characters. Send it again.", .saved: "✅ Saved.",
        .moveUp: "⬆️ Up", .deactivate: "⏸ Deactivate", .activate: "▶️ Activate", .services: "💇 Their services",
        .servicesTitle: "💇 Services of {name}. Tick what they perform.",
        .link: "🔗 Link Telegram", .unlink: "✂️ Unlink Telegram",
        .askLink: "Send the Telegram id of the user who works as {name}. They become an admin with the master role and see only their own bookings.",
        .badLink: "A numeric Telegram id is needed. Send it again.", .linked: "✅ Linked.", .unlinked: "✅ Unlinked.",
        .youAreMaster: "You are linked to the specialist {name} at {business}. Open /admin to see your bookings.",
        .deactivateFuture: "⚠️ {name} has {count} upcoming bookings. They stay: move or cancel them.",
        .deactivateNone: "{name} has no upcoming bookings.",
        .deactivateConfirm: "⏸ Deactivate anyway",
        .deactivated: "⏸ The specialist takes no new bookings. History is kept.", .activated: "▶️ The specialist takes bookings again.",
        .back: "‹ Back", .lastActive: "The last working specialist cannot be deactivated.",
        .feedButton: "📅 Calendar (iCal)", .businessFeedButton: "📅 Business calendar (iCal)",
        .feed: "📅 Calendar \"{name}\" for Google, Apple or Outlook: add it by URL (subscribe).\n{url}\nThe link is secret: whoever knows it sees the bookings. A new link turns the old one off.",
        .feedRotate: "🔄 New link", .feedRotated: "✅ The old link no longer works.",
        .markArrived: "✅ Client arrived", .undoArrived: "↩️ Undo \"arrived\"",
    ]
}

extension Reply {
    /// A staff text in the presser's language.
    func staff(_ key: StaffTextKey, _ values: [String: String] = [:]) -> String { StaffTexts.standard.render(key, language, values) }

    /// An inline button with a staff text.
    func button(_ key: StaffTextKey, _ action: StaffCallback, _ values: [String: String] = [:]) -> InlineKeyboardButton {
        InlineKeyboardButton(text: staff(key, values), callbackData: AdminCallback.staff(action).data)
    }
}

extension InlineKeyboardButton {
    /// A button with literal text and staff data.
    static func staff(_ text: String, _ action: StaffCallback) -> InlineKeyboardButton {
        InlineKeyboardButton(text: text, callbackData: AdminCallback.staff(action).data)
    }
}
