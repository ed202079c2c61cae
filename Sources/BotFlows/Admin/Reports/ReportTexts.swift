import TelegramBotAPI

/// Names of the texts of reports.
enum ReportTextKey: String, TextCatalogKey {
    case button, menu, today, week, month, lastMonth, custom, askPeriod, badPeriod, title, totals, line, byMaster, byService, none, more
    case csvButton, csvCaption, previous, next, back, needsLink
}

/// The wording of reports.
typealias ReportTexts = TextCatalog<ReportTextKey>

extension ReportTextKey {
    /// The built-in Russian texts.
    static let russian: [ReportTextKey: String] = [
        .button: "📈 Отчёты", .menu: "📈 Отчёт за какой период?", .today: "Сегодня", .week: "Эта неделя", .month: "Этот месяц",
        .lastMonth: "Прошлый месяц", .custom: "📅 Свой период",
        .askPeriod: "Пришлите период: «01.11.2026 - 30.11.2026» (не длиннее {max} дней) или один день «01.11.2026».\n/cancel — отменить.",
        .badPeriod: "Не понял период. Нужно «01.11.2026 - 30.11.2026»: начало не позже конца, не длиннее {max} дней. Пришлите снова.",
        .title: "📈 Отчёт {period}{master}", .totals: "Записей: {bookings}\nПришли: {completed}\nНеявок: {noShows}\nОтмен: {cancelled}\nВыручка: {revenue}",
        .line: "• {name}: записей {bookings}, пришли {completed}, неявок {noShows}, отмен {cancelled}, {revenue}",
        .byMaster: "По мастерам:", .byService: "По услугам:", .none: "Записей за период нет.", .more: "…и ещё {count} — в CSV.",
        .csvButton: "📄 CSV", .csvCaption: "Отчёт {period}: строк {count}",
        .previous: "‹ Раньше", .next: "Позже ›", .back: "‹ Отчёты",
        .needsLink: "Отчёты мастера показывают его собственные записи: попросите владельца связать вас с мастером.",
    ]

    /// The built-in English texts.
    static let english: [ReportTextKey: String] = [
        .button: "📈 Reports", .menu: "📈 A report of which period?", .today: "Today", .week: "This week", .month: "This month",
        .lastMonth: "Last month", .custom: "📅 Other period",
        .askPeriod: "Send the period: \"01.11.2026 - 30.11.2026\" (at most {max} days) or one day \"01.11.2026\".\n/cancel to stop.",
        .badPeriod: "That period is unclear. \"01.11.2026 - 30.11.2026\" is needed: the start not after the end, at most {max} days. Send it again.",
        .title: "📈 Report {period}{master}", .totals: "Bookings: {bookings}\nCompleted: {completed}\nNo-shows: {noShows}\nCancelled: {cancelled}\nRevenue: {revenue}",
        .line: "• {name}: {bookings} bookings, {completed} completed, {noShows} no-shows, {cancelled} cancelled, {revenue}",
        .byMaster: "By specialist:", .byService: "By service:", .none: "No bookings in the period.", .more: "…and {count} more in the CSV.",
        .csvButton: "📄 CSV", .csvCaption: "Report {period}: {count} rows",
        .previous: "‹ Earlier", .next: "Later ›", .back: "‹ Reports",
        .needsLink: "A specialist's reports show their own bookings: ask the owner to link you to a specialist.",
    ]
}

extension Reply {
    /// A report text in the presser's language.
    func report(_ key: ReportTextKey, _ values: [String: String] = [:]) -> String { ReportTexts.standard.render(key, language, values) }
}

extension InlineKeyboardButton {
    /// A button with literal text and report data.
    static func report(_ text: String, _ action: ReportCallback) -> InlineKeyboardButton {
        InlineKeyboardButton(text: text, callbackData: AdminCallback.report(action).data)
    }
}
