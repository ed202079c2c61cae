import Foundation
import Testing

@testable import BookingCore

@Suite("Local dates and times")
struct LocalDateTests {
    @Test(
        "Adding days crosses months, years and leap days",
        arguments: [
            ("2026-01-31", 1, "2026-02-01"), ("2026-02-28", 1, "2026-03-01"), ("2028-02-28", 1, "2028-02-29"),
            ("2028-02-29", 365, "2029-02-28"), ("2026-12-31", 1, "2027-01-01"), ("2026-03-01", -1, "2026-02-28"),
            ("2000-02-28", 1, "2000-02-29"), ("2100-02-28", 1, "2100-03-01"), ("1970-01-01", -1, "1969-12-31"),
            ("2026-06-10", 90, "2026-09-08"),
        ]
    )
    func adding(start: String, days: Int, expected: String) {
        #expect(date(start).adding(days: days) == date(expected))
        #expect(date(expected).adding(days: -days) == date(start))
        #expect(date(expected).daysSinceEpoch - date(start).daysSinceEpoch == days)
    }

    @Test("Days since the epoch round-trip and agree with Foundation (Gregorian dates since 1587)")
    func roundTrip() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for days in stride(from: -140_000, through: 800_000, by: 997) {
            let local = LocalDate(daysSinceEpoch: days)
            #expect(local.daysSinceEpoch == days)
            #expect(LocalDate(year: local.year, month: local.month, day: local.day) == local)
            let components = calendar.dateComponents(
                [.year, .month, .day, .weekday], from: Date(timeIntervalSince1970: Double(days) * 86_400))
            #expect([components.year, components.month, components.day] == [local.year, local.month, local.day])
            #expect(local.weekday.rawValue == (components.weekday! + 5) % 7 + 1)
        }
    }

    @Test("Known weekdays, months and formats")
    func facts() {
        #expect(date("2026-03-29").weekday == .sunday)
        #expect(date("1970-01-01").weekday == .thursday)
        #expect(date("2026-06-10").weekday == .wednesday)
        #expect(LocalDate.daysIn(year: 2026, month: 2) == 28 && LocalDate.daysIn(year: 2024, month: 2) == 29)
        #expect(LocalDate.daysIn(year: 1900, month: 2) == 28 && LocalDate.daysIn(year: 2000, month: 2) == 29)
        #expect(date("2026-06-10").firstOfMonth == date("2026-06-01"))
        #expect(date("2026-06-10").compact == "20260610" && date("2026-06-10").description == "2026-06-10")
        #expect(LocalDate(compact: "20260610") == date("2026-06-10"))
        #expect(date("2026-06-10") < date("2026-06-11") && date("2025-12-31") < date("2026-01-01"))
    }

    @Test(
        "Impossible dates and times are refused",
        arguments: ["2026-02-29", "2026-13-01", "2026-04-31", "2026-00-10", "2026-01-00"])
    func impossibleDates(text: String) {
        let parts = text.split(separator: "-").map { Int($0)! }
        #expect(LocalDate(year: parts[0], month: parts[1], day: parts[2]) == nil)
        #expect(LocalDate(compact: text.replacingOccurrences(of: "-", with: "")) == nil)
    }

    @Test("Times parse and print", arguments: [("09:30", 570), ("0000", 0), ("24:00", 1_440), ("23:59", 1_439)])
    func times(text: String, minutes: Int) {
        #expect(LocalTime(text)?.minutes == minutes)
        #expect(LocalTime(minutes: minutes)?.description == (text.contains(":") ? text : "00:00"))
    }

    @Test("Impossible times are refused", arguments: ["24:01", "12:60", "9:30", "ab:cd", ""])
    func impossibleTimes(text: String) {
        #expect(LocalTime(text) == nil)
    }
}
