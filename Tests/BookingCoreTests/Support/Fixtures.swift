import Foundation

@testable import BookingCore

/// The zones every table covers.
let testZones = ["Europe/Moscow", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"]

/// "2026-03-29" as a date; traps on a typo.
func date(_ text: some StringProtocol) -> LocalDate {
    let parts = text.split(separator: "-").map { Int($0)! }
    return LocalDate(year: parts[0], month: parts[1], day: parts[2])!
}

/// "09:30" as a time (also "24:00").
func time(_ text: some StringProtocol) -> LocalTime { LocalTime(text)! }

/// "2026-03-29 01:00" read as UTC.
func utc(_ text: String) -> Date {
    let parts = text.split(separator: " ")
    return Date(timeIntervalSince1970: date(String(parts[0])).naiveSeconds(minutes: time(parts[1]).minutes))
}

/// "09:00-18:00" as a working interval.
func interval(_ text: some StringProtocol) -> WorkingInterval {
    let parts = text.split(separator: "-")
    return WorkingInterval(start: time(parts[0]), end: time(parts[1]))!
}

/// The calendar of an IANA zone; traps on an unknown one.
func zoned(_ identifier: String) -> ZonedCalendar { ZonedCalendar(identifier: identifier)! }

/// A service with the given shape.
func makeService(
    id: Int64 = 1, duration: Int = 60, step: Int? = nil, before: Int = 0, after: Int = 0, masters: [Int64] = [],
    active: Bool = true
) -> Service {
    Service(
        id: ServiceID(id), name: "Service \(id)", durationMinutes: duration, price: .free, slotIntervalMinutes: step,
        bufferBeforeMinutes: before, bufferAfterMinutes: after, isActive: active, masterIDs: masters.map(MasterID.init)
    )
}

/// A master working `intervals` every day, with optional exceptions.
func makeMaster(_ id: Int64, _ intervals: [String] = ["09:00-18:00"], exceptions: [PlanException] = [], active: Bool = true)
    -> Master
{
    let day = intervals.map(interval)
    return Master(
        id: MasterID(id), name: "Master \(id)", isActive: active,
        plan: WeeklyPlan(days: Dictionary(uniqueKeysWithValues: Weekday.allCases.map { ($0, day) })), exceptions: exceptions
    )
}

/// A confirmed booking of `master` for `minutes` from `start`.
func makeBooking(
    _ id: Int64, master: Int64 = 1, customer: Int64 = 100, start: Date, minutes: Int = 60, before: Int = 0, after: Int = 0,
    status: BookingStatus = .confirmed
) -> Booking {
    Booking(
        id: BookingID(id), customer: UserID(customer), chat: ChatID(customer), serviceID: ServiceID(1),
        masterID: MasterID(master),
        start: start, end: start.addingTimeInterval(Double(minutes) * 60), bufferBeforeMinutes: before, bufferAfterMinutes: after,
        status: status, createdAt: Date(timeIntervalSince1970: 0)
    )
}

/// A schedule in `zone` whose clock reads `now` (local "2026-06-10 08:00" style).
func makeSchedule(
    zone: String = "Europe/Berlin", now: String = "2026-06-10 08:00", masters: [Master] = [makeMaster(1)],
    bookings: [Booking] = [],
    blocks: [Block] = [], policies: Policies = Policies()
) -> Schedule {
    let calendar = zoned(zone)
    let parts = now.split(separator: " ")
    let instant = calendar.instant(date(String(parts[0])), time(parts[1]))!
    return Schedule(calendar: calendar, policies: policies, masters: masters, bookings: bookings, blocks: blocks, now: instant)
}

extension Schedule {
    /// The instant of a local "2026-06-10 12:00" in this schedule's zone.
    func at(_ text: String) -> Date {
        let parts = text.split(separator: " ")
        return calendar.instant(date(String(parts[0])), time(parts[1]))!
    }

    /// Local start times of the slots, as "HH:MM".
    func times(on day: String, _ service: Service, _ choice: MasterChoice = .any) -> [String] {
        slots(on: date(day), service: service, master: choice).map(\.localTime.description)
    }
}
