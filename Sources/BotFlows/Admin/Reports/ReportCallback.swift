import BookingCore
import Storage

/// Buttons of reports, carried by `AdminCallback.report`: choose a period, see its report (one master's, or every
/// master's when nil), get it as CSV, or type a period. A period is carried as its first day and its length in days
/// (1…`ReportPeriod.maxDays`; forged longer ones parse as stale).
enum ReportCallback: ButtonFamily, Equatable {
    /// Choose the period.
    case menu
    /// The report of the period.
    case show(MasterID?, ReportPeriod)
    /// The report of the period as a CSV document.
    case csv(MasterID?, ReportPeriod)
    /// Type a period.
    case custom(MasterID?)

    /// Every report press views reports.
    var action: AdminAction { .viewReports }

    /// A linked master sees only their own reports (see `AdminScopeCheck`).
    var scope: AdminScope {
        switch self {
        case .menu: .none
        case .show(let m, _), .csv(let m, _), .custom(let m): .master(m)
        }
    }

    /// Every report button kind, declared once (carried by `AdminCallback.codec`).
    static let codec = ButtonCodec<ReportCallback>([
        ButtonKind("aq", .menu),
        ButtonKind(
            "aqs", .master, .date, .int(in: 1...ReportPeriod.maxDays), make: { m, from, days in ReportPeriod(from: from, days: days).map { .show(m, $0) } },
            match: { if case .show(let m, let p) = $0 { (m, p.from, p.days) } else { nil } }),
        ButtonKind(
            "aqc", .master, .date, .int(in: 1...ReportPeriod.maxDays), make: { m, from, days in ReportPeriod(from: from, days: days).map { .csv(m, $0) } },
            match: { if case .csv(let m, let p) = $0 { (m, p.from, p.days) } else { nil } }),
        ButtonKind("aqx", .master, make: { .custom($0) }, match: { if case .custom(let m) = $0 { m } else { nil } }),
    ])
}

/// A report's days: `from` through `to`, local and inclusive, at most `maxDays` long.
struct ReportPeriod: Equatable, Sendable {
    /// The longest period, in days (a year, leap or not).
    static let maxDays = 366

    let from: LocalDate
    let to: LocalDate

    /// Nil when `to` is before `from` or the period is longer than `maxDays`.
    init?(from: LocalDate, to: LocalDate) {
        guard from <= to, to.daysSinceEpoch - from.daysSinceEpoch < Self.maxDays else { return nil }
        (self.from, self.to) = (from, to)
    }

    /// `days` days from `from`; nil outside 1…`maxDays`.
    init?(from: LocalDate, days: Int) {
        guard (1...Self.maxDays).contains(days) else { return nil }
        self.init(from: from, to: from.adding(days: days - 1))
    }

    /// Today.
    static func day(_ today: LocalDate) -> ReportPeriod { ReportPeriod(from: today, to: today)! }

    /// The calendar week (Monday to Sunday) of `today`.
    static func week(_ today: LocalDate) -> ReportPeriod {
        let monday = today.adding(days: 1 - today.weekday.rawValue)
        return ReportPeriod(from: monday, to: monday.adding(days: 6))!
    }

    /// The calendar month of `day`.
    static func month(_ day: LocalDate) -> ReportPeriod {
        let first = day.firstOfMonth
        return ReportPeriod(from: first, to: first.adding(days: LocalDate.daysIn(year: day.year, month: day.month) - 1))!
    }

    /// Whether the period is one whole calendar month.
    var isMonth: Bool { self == Self.month(from) }

    /// The number of days.
    var days: Int { to.daysSinceEpoch - from.daysSinceEpoch + 1 }

    /// The period before (`-1`) or after (`1`): the neighbouring month for a month, else as many days next to it.
    func step(_ direction: Int) -> ReportPeriod {
        if isMonth { return Self.month(direction < 0 ? from.adding(days: -1) : to.adding(days: 1)) }
        return ReportPeriod(from: from.adding(days: direction * days), to: to.adding(days: direction * days))!
    }

    /// "01.11.2026" (the same in both languages).
    static func dotted(_ date: LocalDate) -> String { String(format: "%02d.%02d.%04d", date.day, date.month, date.year) }

    /// A typed period: "01.11.2026 - 30.11.2026", "1.11 30.11" (this year), or one day; nil when malformed, reversed,
    /// outside `InputBounds.years` or longer than `maxDays`.
    static func parse(_ text: String, today: LocalDate) -> ReportPeriod? {
        guard text.count <= 40 else { return nil }
        let parts = text.split(whereSeparator: { " –—-,;".contains($0) }).map(String.init)
        guard (1...2).contains(parts.count) else { return nil }
        let dates = parts.compactMap { date($0, year: today.year) }
        guard dates.count == parts.count, let first = dates.first, let last = dates.last else { return nil }
        return ReportPeriod(from: first, to: last)
    }

    /// "01.11.2026", "1.11.26" or "1.11" (in `year`).
    private static func date(_ text: String, year: Int) -> LocalDate? {
        let fields = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (2...3).contains(fields.count), let day = InputBounds.integer(fields[0], in: 1...31),
            let month = InputBounds.integer(fields[1], in: 1...12)
        else { return nil }
        var y = year
        if fields.count == 3 {
            guard let typed = InputBounds.integer(fields[2], in: 0...9_999) else { return nil }
            y = typed < 100 ? 2000 + typed : typed
        }
        guard InputBounds.years.contains(y) else { return nil }
        return InputBounds.date(year: y, month: month, day: day)
    }
}
