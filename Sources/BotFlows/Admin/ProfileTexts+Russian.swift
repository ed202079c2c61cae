extension ProfileTextKey {
    /// The built-in Russian texts.
    static let russian: [ProfileTextKey: String] = [
        .profileButton: "🏢 Профиль бизнеса",
        .card:
            "🏢 Профиль бизнеса\nНазвание: {name}\nАдрес: {address}\nКарта: {map}\nКонтакты: {contact}\nЧасовой пояс: {zone}\nЯзык: {language}\nВалюта: {currency}\n\nОписание бота (ru): {descriptionRu}\nОписание бота (en): {descriptionEn}\nКраткое описание (ru): {shortRu}\nКраткое описание (en): {shortEn}",
        .notSet: "—", .edit: "✏️ {field}",
        .askField: "Пришлите новое значение «{field}». {hint}\n/cancel — отмена.", .badField: "Такое значение не подходит. {hint}",
        .saved: "Сохранено.",
        .fieldName: "Название", .fieldAddress: "Адрес", .fieldMap: "Ссылка на карту", .fieldContact: "Контакты",
        .fieldTimeZone: "Часовой пояс", .fieldCurrency: "Валюта", .fieldDescriptionRu: "Описание (ru)",
        .fieldDescriptionEn: "Описание (en)", .fieldShortRu: "Краткое описание (ru)", .fieldShortEn: "Краткое описание (en)",
        .hintName: "От 1 до 100 символов.", .hintText: "До 500 символов; «-» — очистить.",
        .hintMap: "Ссылка, начинающаяся с https://, например из Яндекс Карт или Google Maps; «-» — убрать.",
        .hintTimeZone: "Название по IANA, например Europe/Moscow, Asia/Yekaterinburg или Europe/Berlin.",
        .hintCurrency: "Три заглавные латинские буквы, например RUB, EUR, USD. Суммы цен не меняются.",
        .hintDescription: "До {max} символов, Telegram показывает его в профиле бота; «-» — очистить.",
        .languageButton: "Язык: {language}",
        .zonePreview:
            "Сменить часовой пояс с {old} на {new}?\n\nЗаписи сохраняют свой момент времени, поэтому их местное время изменится. Часы работы остаются тем же местным временем в новом поясе.\n\n{bookings}",
        .zoneNoBookings: "Предстоящих записей нет.", .zoneLine: "{date}: {old} → {new}",
        .zoneApply: "✅ Сменить часовой пояс", .zoneNothingPending: "Нечего применять: выберите часовой пояс заново.",
        .zoneUnchanged: "Этот часовой пояс уже установлен.",
    ]
}
