import Foundation

/// The one place a number from outside (button data, typed input) becomes a bounded value.
///
/// A trap in one tenant's update stops the process for every tenant, so every value from outside passes through
/// here before any date or integer arithmetic. The bounds are wide enough for any real booking and narrow enough
/// that no arithmetic on them can overflow, and every database can store them.
public enum InputBounds {
    /// Years a date from outside may name.
    public static let years: ClosedRange<Int> = 2000...2100
    /// Minutes since the Unix epoch from 2000-01-01 to 2101-01-01 (UTC).
    public static let epochMinutes: ClosedRange<Int64> = 15_778_080...68_899_680
    /// Row ids and Telegram ids: positive and within a signed 64-bit column. Telegram ids stay below 2^53.
    public static let ids: ClosedRange<Int64> = 1...(1 << 53)
    /// Page numbers of any list.
    public static let pages: ClosedRange<Int> = 0...10_000
    /// Longest field of button data we ever parse (a 64-byte payload has no longer field).
    public static let maxFieldLength = 20

    /// A positive id, or nil.
    public static func id(_ text: some StringProtocol) -> Int64? {
        integer(text, in: ids)
    }

    /// A minute since the Unix epoch inside `epochMinutes`, or nil.
    public static func epochMinute(_ text: some StringProtocol) -> Int64? {
        integer(text, in: epochMinutes)
    }

    /// An integer of `text` inside `range`, or nil (also for overlong text, signs and spaces).
    public static func integer(_ text: some StringProtocol, in range: ClosedRange<Int64>) -> Int64? {
        guard text.count <= maxFieldLength, let value = Int64(text), range.contains(value) else { return nil }
        return value
    }

    /// An integer of `text` inside `range`, or nil.
    public static func integer(_ text: some StringProtocol, in range: ClosedRange<Int>) -> Int? {
        integer(text, in: Int64(range.lowerBound)...Int64(range.upperBound)).map { Int($0) }
    }

    /// A year and month from "YYYYMM" inside `years`, or nil.
    public static func yearMonth(_ text: some StringProtocol) -> (year: Int, month: Int)? {
        guard text.count == 6, let value = integer(text, in: 200_001...210_012) else { return nil }
        let (year, month) = (Int(value / 100), Int(value % 100))
        guard (1...12).contains(month) else { return nil }
        return (year, month)
    }

    /// A date inside `years`, or nil (also for impossible dates).
    public static func date(year: Int, month: Int, day: Int) -> LocalDate? {
        guard years.contains(year) else { return nil }
        return LocalDate(year: year, month: month, day: day)
    }

    /// True when `minute` lies in `[now − 1 day, now + days + 1 day]`: the window any button of a live flow names.
    public static func isNear(_ minute: Int64, now: Date, days: Int) -> Bool {
        guard epochMinutes.contains(minute) else { return false }
        let current = Int64((now.timeIntervalSince1970 / 60).rounded(.down).clamped(to: 0...4e9))
        let ahead = Int64(days.clamped(to: 0...40_000) + 1) * 1_440
        return minute >= current - 1_440 && minute <= current + ahead
    }

    /// True when `date` lies within `[today − 1 day, today + days + 1 day]` of `now` (zone offsets are under a day).
    public static func isNear(_ date: LocalDate, now: Date, days: Int) -> Bool {
        guard years.contains(date.year) else { return false }
        let today = Int((now.timeIntervalSince1970 / 86_400).rounded(.down).clamped(to: 0...1e6))
        let day = date.daysSinceEpoch
        return day >= today - 1 && day <= today + days.clamped(to: 0...40_000) + 1
    }
}

extension Comparable {
    /// The value limited to `range`.
    public func clamped(to range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }
}
