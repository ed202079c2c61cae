import Foundation
import Testing

@testable import BookingCore

/// One DST case: a master working `hours` on `day` in `zone`, a service of `duration` on a `step` grid.
struct DSTCase: Sendable, CustomTestStringConvertible {
    let zone: String
    let day: String
    let hours: String
    let step: Int
    let duration: Int
    /// "local=UTC" per expected slot, e.g. "02:00=2026-10-25 00:00".
    let expected: [String]
    var testDescription: String { "\(zone) \(day) \(hours) every \(step)′ for \(duration)′" }
}

@Suite("Slots on DST and ordinary days")
struct DSTSlotTests {
    static let cases = [
        // Spring forward 02:00→03:00: 02:00 and 02:30 do not exist; 01:30 + 60 real minutes is 03:30 > 03:00.
        DSTCase(
            zone: "Europe/Berlin", day: "2026-03-29", hours: "01:00-03:00", step: 30, duration: 60,
            expected: ["01:00=2026-03-29 00:00"]),
        // An interval ending inside the gap (02:30) ends when the clock jumps, 01:00 UTC.
        DSTCase(
            zone: "Europe/Berlin", day: "2026-03-29", hours: "00:00-02:30", step: 30, duration: 60,
            expected: ["00:00=2026-03-28 23:00", "00:30=2026-03-28 23:30", "01:00=2026-03-29 00:00"]
        ),
        // Fall back 03:00→02:00: the night is three real hours; 02:00 and 02:30 mean their first occurrence.
        DSTCase(
            zone: "Europe/Berlin", day: "2026-10-25", hours: "01:00-03:00", step: 30, duration: 60,
            expected: ["01:00=2026-10-24 23:00", "01:30=2026-10-24 23:30", "02:00=2026-10-25 00:00", "02:30=2026-10-25 00:30"]
        ),
        DSTCase(
            zone: "America/New_York", day: "2026-03-08", hours: "01:00-04:00", step: 30, duration: 60,
            expected: ["01:00=2026-03-08 06:00", "01:30=2026-03-08 06:30", "03:00=2026-03-08 07:00"]
        ),
        DSTCase(
            zone: "America/New_York", day: "2026-11-01", hours: "01:00-03:00", step: 30, duration: 60,
            expected: ["01:00=2026-11-01 05:00", "01:30=2026-11-01 05:30", "02:00=2026-11-01 07:00"]
        ),
        // 00:00–02:00 lasts three real hours when 01:00–02:00 repeats: two 120-minute slots fit.
        DSTCase(
            zone: "America/New_York", day: "2026-11-01", hours: "00:00-02:00", step: 60, duration: 120,
            expected: ["00:00=2026-11-01 04:00", "01:00=2026-11-01 05:00"]
        ),
        // Lord Howe springs forward 30 minutes, 02:00→02:30.
        DSTCase(
            zone: "Australia/Lord_Howe", day: "2026-10-04", hours: "01:00-04:00", step: 30, duration: 60,
            expected: ["01:00=2026-10-03 14:30", "01:30=2026-10-03 15:00", "02:30=2026-10-03 15:30", "03:00=2026-10-03 16:00"]
        ),
        // Lord Howe falls back 30 minutes, 02:00→01:30: 01:00–02:00 lasts 90 real minutes.
        DSTCase(
            zone: "Australia/Lord_Howe", day: "2026-04-05", hours: "01:00-02:00", step: 30, duration: 60,
            expected: ["01:00=2026-04-04 14:00", "01:30=2026-04-04 14:30"]
        ),
        DSTCase(
            zone: "Europe/Moscow", day: "2026-03-29", hours: "01:00-03:00", step: 30, duration: 60,
            expected: ["01:00=2026-03-28 22:00", "01:30=2026-03-28 22:30", "02:00=2026-03-28 23:00"]
        ),
        DSTCase(
            zone: "Asia/Kolkata", day: "2026-10-25", hours: "01:00-03:00", step: 30, duration: 60,
            expected: ["01:00=2026-10-24 19:30", "01:30=2026-10-24 20:00", "02:00=2026-10-24 20:30"]
        ),
        // The last slot of a day ends exactly at the next midnight, the night before a transition.
        DSTCase(
            zone: "Europe/Berlin", day: "2026-10-24", hours: "22:00-24:00", step: 60, duration: 60,
            expected: ["22:00=2026-10-24 20:00", "23:00=2026-10-24 21:00"]
        ),
        DSTCase(
            zone: "America/New_York", day: "2026-03-07", hours: "22:00-24:00", step: 30, duration: 90,
            expected: ["22:00=2026-03-08 03:00", "22:30=2026-03-08 03:30"]
        ),
    ]

    @Test("Slots are the wall-clock grid, measured in real minutes", arguments: cases)
    func slots(example: DSTCase) {
        let schedule = makeSchedule(
            zone: example.zone, now: "2026-01-01 00:00", masters: [makeMaster(1, [example.hours])], policies: Self.wholeYear)
        let service = makeService(duration: example.duration, step: example.step)
        let slots = schedule.slots(on: date(example.day), service: service, master: .any)
        #expect(slots.map { "\($0.localTime)=\(Self.utcText($0.start))" } == example.expected)
        for slot in slots {
            #expect(slot.end.timeIntervalSince(slot.start) == Double(example.duration) * 60)
            #expect(slot.masterID == MasterID(1))
            let request = BookingRequest(
                customer: UserID(1), chat: ChatID(1), service: service, masterID: MasterID(1), start: slot.start)
            #expect(schedule.validate(request) == nil)
        }
        let month = date(example.day)
        let availability = schedule.monthAvailability(
            year: month.year, month: month.month, service: service, master: .specific(MasterID(1)))
        #expect(availability[month] == DayAvailability(freeSlots: slots.count))
    }

    /// Per zone and day: (zone, day, hourly slots in a 00:00–24:00 day).
    static let wholeDays: [(String, String, Int)] =
        transitions2026.map { ($0.zone, $0.day, $0.to > $0.from ? 23 : 24) } + ordinaryDays.map { ($0.0, $0.1, 24) }

    @Test("A whole working day has one hourly slot per existing hour", arguments: wholeDays)
    func wholeDay(zone: String, day: String, expected: Int) {
        let schedule = makeSchedule(
            zone: zone, now: "2026-01-01 00:00", masters: [makeMaster(1, ["00:00-24:00"])], policies: Self.wholeYear)
        let slots = schedule.slots(on: date(day), service: makeService(duration: 60), master: .any)
        #expect(slots.count == expected)
        #expect(slots.allSatisfy { schedule.calendar.localDate(of: $0.start) == date(day) })
        #expect(zip(slots, slots.dropFirst()).allSatisfy { $0.end <= $1.start })
        #expect(slots.last?.end == schedule.calendar.startOfDay(date(day).adding(days: 1)))
    }

    @Test("The repeated hour's second occurrence is not on the grid")
    func secondOccurrence() {
        let schedule = makeSchedule(zone: "America/New_York", now: "2026-10-01 00:00", masters: [makeMaster(1, ["00:00-06:00"])])
        let service = makeService(duration: 30, step: 30)
        let second = utc("2026-11-01 06:30")  // 01:30 EST, the repeat of 01:30 EDT
        #expect(schedule.calendar.localTime(of: second) == time("01:30"))
        let request = BookingRequest(customer: UserID(1), chat: ChatID(1), service: service, masterID: MasterID(1), start: second)
        #expect(schedule.validate(request) == .outsideWorkingHours)
        #expect(!schedule.slots(on: date("2026-11-01"), service: service, master: .any).contains { $0.start == second })
    }

    /// A horizon that reaches every day of 2026 from its first day.
    static let wholeYear = {
        var policies = Policies()
        policies.horizonDays = 365
        return policies
    }()

    static func utcText(_ instant: Date) -> String {
        let day = LocalDate(daysSinceEpoch: Int((instant.timeIntervalSince1970 / 86_400).rounded(.down)))
        let minutes = Int(instant.timeIntervalSince1970 / 60) - day.daysSinceEpoch * 1_440
        return "\(day) \(LocalTime(minutes: minutes)!)"
    }
}
