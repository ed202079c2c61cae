import BookingCore
import Foundation

/// Bounded parsers of the original's text values. Every number read from the original passes through here before any
/// arithmetic: a value out of range is nil, and the mapper reports the row and skips it.
enum OriginalValues {
    /// Longest text accepted in a value we parse (a date, a time, a number, a price).
    static let maxParsedLength = 64
    /// Telegram user ids (positive, below 2^53 like every id we accept).
    static let userIDs: ClosedRange<Int64> = InputBounds.ids
    /// Lengths of one booking or service, in minutes.
    static let durations: ClosedRange<Int> = 1...24 * 60
    /// Prices, in whole currency units.
    static let priceUnits: ClosedRange<Int64> = 0...10_000_000

    /// A positive id.
    static func id(_ text: String?) -> Int64? {
        guard let text else { return nil }
        return InputBounds.integer(text.trimmingCharacters(in: .whitespaces), in: userIDs)
    }

    /// An integer in `range`.
    static func integer(_ text: String?, in range: ClosedRange<Int>) -> Int? {
        guard let text else { return nil }
        return InputBounds.integer(text.trimmingCharacters(in: .whitespaces), in: range)
    }

    /// `YYYY-MM-DD` (a year of `InputBounds.years`; a real calendar date).
    static func date(_ text: String?) -> LocalDate? {
        guard let text, text.count <= maxParsedLength else { return nil }
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, let y = InputBounds.integer(parts[0], in: 0...9999), let m = InputBounds.integer(parts[1], in: 1...12),
            let d = InputBounds.integer(parts[2], in: 1...31)
        else { return nil }
        return InputBounds.date(year: y, month: m, day: d)
    }

    /// `H:MM` or `HH:MM` (the original did not always pad), 00:00–23:59.
    static func time(_ text: String?) -> LocalTime? {
        guard let text, text.count <= maxParsedLength else { return nil }
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), (1...2).contains(parts[0].count), parts[1].count == 2,
            let h = InputBounds.integer(parts[0], in: 0...23), let m = InputBounds.integer(parts[1], in: 0...59)
        else { return nil }
        return LocalTime(hour: h, minute: m)
    }

    /// A timestamp as the original wrote it: `YYYY-MM-DD HH:MM[:SS[.fff]]` (or with `T`), wall clock in `calendar`'s
    /// zone, or with an explicit `+03`/`+03:00`/`Z` offset (TIMESTAMPTZ).
    static func timestamp(_ text: String?, calendar: ZonedCalendar) -> Date? {
        guard var text = text?.trimmingCharacters(in: .whitespaces), text.count <= maxParsedLength, text.count >= 10 else { return nil }
        var offsetSeconds: Int?
        if text.hasSuffix("Z") {
            offsetSeconds = 0
            text.removeLast()
        } else if let match = text.dropFirst(10).firstMatch(of: /([+-])(\d{2}):?(\d{2})?$/) {
            // Only after the date, whose own dashes are no offset.
            let hours = Int(match.output.2) ?? 99
            let minutes = match.output.3.flatMap { Int($0) } ?? 0
            guard hours <= 18, minutes < 60 else { return nil }
            offsetSeconds = (hours * 3600 + minutes * 60) * (match.output.1 == "-" ? -1 : 1)
            text = String(text[..<match.range.lowerBound])
        }
        let dayPart = String(text.prefix(10))
        guard let day = date(dayPart) else { return nil }
        var seconds = 0
        var time = LocalTime(minutes: 0)!
        if text.count > 10 {
            let rest = text.dropFirst(11)
            let clock = rest.split(separator: ".")[0]
            let parts = clock.split(separator: ":")
            guard (2...3).contains(parts.count), let h = InputBounds.integer(parts[0], in: 0...23),
                let m = InputBounds.integer(parts[1], in: 0...59)
            else { return nil }
            if parts.count == 3 {
                guard let s = InputBounds.integer(parts[2], in: 0...59) else { return nil }
                seconds = s
            }
            time = LocalTime(hour: h, minute: m)!
        }
        if let offsetSeconds {
            let naive = Double(day.daysSinceEpoch) * 86_400 + Double(time.minutes * 60 + seconds)
            return Date(timeIntervalSince1970: naive - Double(offsetSeconds))
        }
        return calendar.earliestInstant(atOrAfter: day, time).addingTimeInterval(Double(seconds))
    }

    /// What a free-text price became.
    enum PriceText: Equatable {
        /// An amount; `from` when the text said "от" (our prices have no "from").
        case amount(minorUnits: Int64, from: Bool)
        case free
        case onRequest
        /// Nothing we could read: kept as "on request", reported.
        case unreadable
    }

    /// Reads `2500 ₽`, `от 4500 ₽`, `2 000 руб.`, `1200`, `1 500,50`, `Бесплатно`, `договорная`.
    static func price(_ text: String?) -> PriceText {
        guard let raw = text?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty else { return .onRequest }
        guard raw.count <= maxParsedLength else { return .unreadable }
        var s = raw.lowercased()
        if ["бесплатно", "free", "0", "0 ₽", "бесплатная"].contains(s) { return .free }
        if s.contains("договор") || s.contains("по запросу") || s.contains("уточня") || s == "on request" { return .onRequest }
        var from = false
        for prefix in ["от ", "от", "from "] where s.hasPrefix(prefix) {
            from = true
            s.removeFirst(prefix.count)
            break
        }
        for unit in ["₽", "руб.", "руб", "р.", "rub", "rur"] { s = s.replacingOccurrences(of: unit, with: "") }
        s = String(s.filter { !$0.isWhitespace })  // also no-break and thin spaces: "2 000"
        let parts = s.split(separator: ",", omittingEmptySubsequences: false).flatMap {
            $0.split(separator: ".", omittingEmptySubsequences: false)
        }
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].allSatisfy(\.isASCII), parts[0].allSatisfy(\.isNumber),
            let units = InputBounds.integer(parts[0], in: priceUnits)
        else { return .unreadable }
        var cents: Int64 = 0
        if parts.count == 2 {
            guard (1...2).contains(parts[1].count), parts[1].allSatisfy(\.isNumber),
                let c = InputBounds.integer(parts[1], in: Int64(0)...99)
            else {
                return .unreadable
            }
            cents = parts[1].count == 1 ? c * 10 : c
        }
        let minor = units * 100 + cents
        return minor == 0 ? .free : .amount(minorUnits: minor, from: from)
    }
}
