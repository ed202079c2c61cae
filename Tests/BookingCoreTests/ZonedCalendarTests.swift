import Foundation
import Testing

@testable import BookingCore

/// One change of a zone's offset.
struct Transition: Sendable, CustomTestStringConvertible {
    let zone: String
    /// The local date on which it happens.
    let day: String
    /// The instant, UTC.
    let instant: String
    /// Offset before and after, in minutes.
    let from: Int
    let to: Int
    /// Length of the local day in real minutes.
    var dayMinutes: Int { 1_440 + from - to }
    var testDescription: String { "\(zone) \(day)" }
}

/// The 2026 transitions of the test zones (Moscow and Kolkata have none).
let transitions2026 = [
    Transition(zone: "Europe/Berlin", day: "2026-03-29", instant: "2026-03-29 01:00", from: 60, to: 120),
    Transition(zone: "Europe/Berlin", day: "2026-10-25", instant: "2026-10-25 01:00", from: 120, to: 60),
    Transition(zone: "America/New_York", day: "2026-03-08", instant: "2026-03-08 07:00", from: -300, to: -240),
    Transition(zone: "America/New_York", day: "2026-11-01", instant: "2026-11-01 06:00", from: -240, to: -300),
    Transition(zone: "Australia/Lord_Howe", day: "2026-04-05", instant: "2026-04-04 15:00", from: 660, to: 630),
    Transition(zone: "Australia/Lord_Howe", day: "2026-10-04", instant: "2026-10-03 15:30", from: 630, to: 660),
]

/// Ordinary days, including the DST dates of other zones, in zones without a transition then.
let ordinaryDays: [(String, String)] = [
    ("Europe/Moscow", "2026-03-29"), ("Europe/Moscow", "2026-10-25"), ("Asia/Kolkata", "2026-03-08"),
    ("Asia/Kolkata", "2026-11-01"), ("Europe/Berlin", "2026-06-10"), ("Australia/Lord_Howe", "2026-01-15"),
]

@Suite("Zoned calendar")
struct ZonedCalendarTests {
    @Test("Foundation reports exactly the hard-coded 2026 transitions", arguments: testZones)
    func transitionsOf2026(zone: String) {
        let timeZone = TimeZone(identifier: zone)!
        var found: [Date] = []
        var cursor = utc("2026-01-01 00:00")
        while let next = timeZone.nextDaylightSavingTimeTransition(after: cursor), next < utc("2027-01-01 00:00") {
            found.append(next)
            cursor = next
        }
        let expected = transitions2026.filter { $0.zone == zone }
        #expect(found == expected.map { utc($0.instant) })
        for transition in expected {
            let instant = utc(transition.instant)
            #expect(timeZone.secondsFromGMT(for: instant.addingTimeInterval(-1)) == transition.from * 60)
            #expect(timeZone.secondsFromGMT(for: instant) == transition.to * 60)
            #expect(zoned(zone).localDate(of: instant) == date(transition.day))
        }
    }

    @Test("A DST day lasts its real length", arguments: transitions2026)
    func dayLength(transition: Transition) {
        let range = zoned(transition.zone).dayRange(date(transition.day))
        #expect(range.upperBound.timeIntervalSince(range.lowerBound) == Double(transition.dayMinutes) * 60)
    }

    @Test(
        "Wall clock to instant: gaps are nil, repeated times are the first occurrence",
        arguments: [
            ("Europe/Berlin", "2026-03-29 02:30", nil), ("Europe/Berlin", "2026-03-29 01:59", "2026-03-29 00:59"),
            ("Europe/Berlin", "2026-03-29 03:00", "2026-03-29 01:00"), ("Europe/Berlin", "2026-10-25 02:30", "2026-10-25 00:30"),
            ("Europe/Berlin", "2026-10-25 03:00", "2026-10-25 02:00"), ("Europe/Berlin", "2026-03-28 24:00", "2026-03-28 23:00"),
            ("America/New_York", "2026-03-08 02:30", nil), ("America/New_York", "2026-03-08 03:00", "2026-03-08 07:00"),
            ("America/New_York", "2026-11-01 01:30", "2026-11-01 05:30"),
            ("America/New_York", "2026-11-01 02:00", "2026-11-01 07:00"),
            ("Australia/Lord_Howe", "2026-10-04 02:15", nil), ("Australia/Lord_Howe", "2026-10-04 02:30", "2026-10-03 15:30"),
            ("Australia/Lord_Howe", "2026-10-04 01:59", "2026-10-03 15:29"),
            ("Australia/Lord_Howe", "2026-04-05 01:45", "2026-04-04 14:45"),
            ("Australia/Lord_Howe", "2026-04-05 02:00", "2026-04-04 15:30"),
            ("Europe/Moscow", "2026-03-29 02:30", "2026-03-28 23:30"),
            ("Asia/Kolkata", "2026-03-29 00:00", "2026-03-28 18:30"),
        ] as [(String, String, String?)]
    )
    func instant(zone: String, local: String, expected: String?) {
        let parts = local.split(separator: " ")
        #expect(zoned(zone).instant(date(String(parts[0])), time(parts[1])) == expected.map(utc))
    }

    @Test(
        "Earliest instant at or after a time: inside a gap it is the jump",
        arguments: [
            ("Europe/Berlin", "2026-03-29 02:30", "2026-03-29 01:00"),
            ("Australia/Lord_Howe", "2026-10-04 02:15", "2026-10-03 15:30"),
            ("America/New_York", "2026-11-01 01:30", "2026-11-01 05:30"),
            ("Asia/Kolkata", "2026-03-29 24:00", "2026-03-29 18:30"),
        ]
    )
    func earliest(zone: String, local: String, expected: String) {
        let parts = local.split(separator: " ")
        #expect(zoned(zone).earliestInstant(atOrAfter: date(String(parts[0])), time(parts[1])) == utc(expected))
    }

    @Test("Every minute of DST and ordinary days converts like a brute-force scan", arguments: Self.allDays)
    func everyMinute(zone: String, day: String) {
        let timeZone = TimeZone(identifier: zone)!
        let oracle = WallClockOracle(zone: timeZone, day: date(day))
        let offsets = ZoneOffsets(zone: timeZone, from: date(day), through: date(day))
        for minute in 0...1_440 {
            let local = date(day).naiveSeconds(minutes: minute)
            if minute < 1_440 { #expect(offsets.instant(local: local) == oracle.first[minute], "\(minute)") }
            #expect(offsets.earliest(atOrAfter: local) == oracle.earliest[minute], "\(minute)")
        }
        let calendar = zoned(zone)
        for minute in stride(from: 0, to: 1_440, by: 7) {
            guard let instant = oracle.first[minute].map(Date.init(timeIntervalSince1970:)) else { continue }
            #expect(calendar.localDate(of: instant) == date(day))
            #expect(calendar.localTime(of: instant) == LocalTime(minutes: minute))
        }
    }

    static let allDays = transitions2026.map { ($0.zone, $0.day) } + ordinaryDays

    @Test("Scanning finds the same offsets as the transitions API", arguments: testZones)
    func scanningAgrees(zone: String) {
        let timeZone = TimeZone(identifier: zone)!
        let lower = utc("2026-01-01 00:00").timeIntervalSince1970
        let upper = utc("2027-01-01 00:00").timeIntervalSince1970
        let fromAPI = ZoneOffsets.fromTransitions(zone: timeZone, lower: lower, upper: upper)
        #expect(ZoneOffsets.scanned(zone: timeZone, lower: lower, upper: upper) == fromAPI)
        #expect(fromAPI.offsets.count == 1 + transitions2026.count(where: { $0.zone == zone }))
    }

    @Test("Moscow's 2014 change of standard offset is found too")
    func moscow2014() {
        let offsets = ZoneOffsets(
            zone: TimeZone(identifier: "Europe/Moscow")!, from: date("2014-10-26"), through: date("2014-10-26"))
        #expect(offsets.offsets == [14_400, 10_800])
        #expect(offsets.starts.last == utc("2014-10-25 22:00").timeIntervalSince1970)
    }

    @Test("Unknown zones are refused")
    func unknownZone() {
        #expect(ZonedCalendar(identifier: "Mars/Olympus_Mons") == nil)
    }
}
