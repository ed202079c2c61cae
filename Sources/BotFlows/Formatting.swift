import BookingCore
import Foundation

/// Locale-aware wording of dates, times, prices and durations.
struct Formatter: Sendable {
    let language: Language
    let texts: Texts

    private static let monthsRu = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"]
    private static let monthNamesRu = ["Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль", "Август", "Сентябрь", "Октябрь", "Ноябрь", "Декабрь"]
    private static let monthsEn = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    private static let weekdaysRu = ["пн", "вт", "ср", "чт", "пт", "сб", "вс"]
    private static let weekdaysEn = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// "3 декабря, чт" / "Thu, December 3".
    func date(_ date: LocalDate) -> String {
        let weekday = weekdayShort(date.weekday)
        switch language {
        case .ru: return "\(date.day) \(Self.monthsRu[date.month - 1]), \(weekday)"
        case .en: return "\(weekday), \(Self.monthsEn[date.month - 1]) \(date.day)"
        }
    }

    /// "03.12" / "Dec 3".
    func shortDate(_ date: LocalDate) -> String {
        switch language {
        case .ru: return String(format: "%02d.%02d", date.day, date.month)
        case .en: return "\(Self.monthsEn[date.month - 1].prefix(3)) \(date.day)"
        }
    }

    /// "Декабрь 2026" / "December 2026".
    func monthTitle(year: Int, month: Int) -> String {
        "\(language == .ru ? Self.monthNamesRu[month - 1] : Self.monthsEn[month - 1]) \(year)"
    }

    func weekdayShort(_ weekday: Weekday) -> String {
        (language == .ru ? Self.weekdaysRu : Self.weekdaysEn)[weekday.rawValue - 1]
    }

    /// The day and time of `instant` in `calendar`: "3 декабря, чт, 10:30" (the `dateTime` template).
    func dateTime(_ instant: Date, _ calendar: ZonedCalendar) -> String {
        texts.render(.dateTime, language, ["date": date(calendar.localDate(of: instant)), "time": calendar.localTime(of: instant).description])
    }

    func duration(_ minutes: Int) -> String { texts.render(.minutes, language, ["count": String(minutes)]) }

    func price(_ price: Price) -> String {
        switch price {
        case .free: return texts.render(.priceFree, language)
        case .onRequest: return texts.render(.priceOnRequest, language)
        case .fixed(let minor, let currency):
            let whole = minor / 100
            let cents = minor % 100
            var digits = String(whole)
            var grouped = ""
            while digits.count > 3 {
                grouped = "\u{00A0}" + digits.suffix(3) + grouped
                digits.removeLast(3)
            }
            let amount = digits + grouped + (cents == 0 ? "" : String(format: ",%02d", cents))
            let symbol = ["RUB": "₽", "USD": "$", "EUR": "€"][currency] ?? currency
            return symbol == "$" ? "$" + amount : amount + "\u{00A0}" + symbol
        }
    }
}
