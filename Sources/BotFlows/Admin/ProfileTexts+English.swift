extension ProfileTextKey {
    /// The built-in English texts.
    static let english: [ProfileTextKey: String] = [
        .profileButton: "🏢 Business profile",
        .card:
            "🏢 Business profile\nName: {name}\nAddress: {address}\nMap: {map}\nContacts: {contact}\nTime zone: {zone}\nLanguage: {language}\nCurrency: {currency}\n\nBot description (ru): {descriptionRu}\nBot description (en): {descriptionEn}\nShort description (ru): {shortRu}\nShort description (en): {shortEn}",
        .notSet: "—", .edit: "✏️ {field}",
        .askField: "Send the new value of «{field}». {hint}\n/cancel to stop.", .badField: "That value is not accepted. {hint}",
        .saved: "Saved.",
        .fieldName: "Name", .fieldAddress: "Address", .fieldMap: "Map link", .fieldContact: "Contacts", .fieldTimeZone: "Time zone",
        .fieldCurrency: "Currency", .fieldDescriptionRu: "Description (ru)", .fieldDescriptionEn: "Description (en)",
        .fieldShortRu: "Short description (ru)", .fieldShortEn: "Short description (en)",
        .hintName: "1 to 100 characters.", .hintText: "Up to 500 characters; “-” clears it.",
        .hintMap: "A link starting with https://, e.g. from Yandex Maps or Google Maps; “-” removes it.",
        .hintTimeZone: "An IANA name such as Europe/Moscow, Asia/Yekaterinburg or Europe/Berlin.",
        .hintCurrency: "Three capital letters, e.g. RUB, EUR, USD. Prices keep their amounts.",
        .hintDescription: "Up to {max} characters, shown by Telegram in the bot's profile; “-” clears it.",
        .languageButton: "Language: {language}",
        .zonePreview:
            "Change the time zone from {old} to {new}?\n\nBookings keep their moment in time, so their local times change. Working hours stay at the same local times in the new zone.\n\n{bookings}",
        .zoneNoBookings: "There are no upcoming bookings.", .zoneLine: "{date}: {old} → {new}",
        .zoneApply: "✅ Change the time zone", .zoneNothingPending: "Nothing to apply: choose the time zone again.",
        .zoneUnchanged: "That is already the time zone.",
    ]
}
