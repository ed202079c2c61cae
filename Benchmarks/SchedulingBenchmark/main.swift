// Times `Schedule.monthAvailability` for one service and one master with 200 bookings in the month.
// Run from the repository root: swift run -c release SchedulingBenchmark
import BookingCore
import Foundation

/// A tiny deterministic generator (a 64-bit LCG), so every run books the same times.
struct LCG {
    var state: UInt64
    mutating func next(below bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
}

/// Median, 99th percentile and mean of samples in microseconds.
func summary(_ samples: [Duration]) -> (median: Double, p99: Double, mean: Double) {
    let micros = samples.map { Double($0.components.seconds) * 1e6 + Double($0.components.attoseconds) / 1e12 }.sorted()
    return (
        micros[micros.count / 2], micros[min(micros.count - 1, micros.count * 99 / 100)],
        micros.reduce(0, +) / Double(micros.count)
    )
}

/// Runs `body` `iterations` times after a warm-up and returns each call's duration.
func measure(iterations: Int, _ body: () -> Int) -> (samples: [Duration], check: Int) {
    let clock = ContinuousClock()
    var check = 0
    for _ in 0..<100 { check &+= body() }
    var samples: [Duration] = []
    samples.reserveCapacity(iterations)
    for _ in 0..<iterations {
        let start = clock.now
        check &+= body()
        samples.append(clock.now - start)
    }
    return (samples, check)
}

let calendar = ZonedCalendar(identifier: "Europe/Berlin")!
let year = 2026
let month = 3  // includes the spring-forward day
let master = Master(id: MasterID(1), name: "Anna", plan: .everyDay(from: LocalTime(hour: 9)!, to: LocalTime(hour: 21)!))
let service = Service(
    id: ServiceID(1), name: "Haircut", durationMinutes: 45, price: .free, slotIntervalMinutes: 15, bufferAfterMinutes: 10)

// 200 one-hour bookings: 7 a day on days 1–20, 6 a day on days 21–30, at distinct hours 09:00–20:00.
var rng = LCG(state: 42)
var bookings: [Booking] = []
for day in 1...30 {
    var hours = Array(9...20)
    for index in hours.indices.reversed() { hours.swapAt(index, rng.next(below: index + 1)) }
    for hour in hours.prefix(day <= 20 ? 7 : 6) {
        let start = calendar.instant(LocalDate(year: year, month: month, day: day)!, LocalTime(hour: hour)!)!
        bookings.append(
            Booking(
                id: BookingID(Int64(bookings.count + 1)), customer: UserID(Int64(bookings.count % 50)), chat: ChatID(1),
                serviceID: ServiceID(1), masterID: master.id, start: start, end: start.addingTimeInterval(3_600),
                bufferAfterMinutes: 10, createdAt: start
            )
        )
    }
}
precondition(bookings.count == 200)
let now = calendar.instant(LocalDate(year: year, month: month, day: 1)!, LocalTime(hour: 0)!)!
let schedule = Schedule(calendar: calendar, policies: Policies(), masters: [master], bookings: bookings, blocks: [], now: now)
let iterations = 5_000

func selectable(_ days: [LocalDate: DayAvailability]) -> Int { days.values.reduce(0) { $0 + $1.freeSlots } }

let specific = measure(iterations: iterations) {
    selectable(schedule.monthAvailability(year: year, month: month, service: service, master: .specific(master.id)))
}
let any = measure(iterations: iterations) {
    selectable(schedule.monthAvailability(year: year, month: month, service: service, master: .any))
}
let withIndex = measure(iterations: iterations) {
    let fresh = Schedule(calendar: calendar, policies: Policies(), masters: [master], bookings: bookings, blocks: [], now: now)
    return selectable(fresh.monthAvailability(year: year, month: month, service: service, master: .specific(master.id)))
}
let oneDay = measure(iterations: iterations) {
    schedule.slots(on: LocalDate(year: year, month: month, day: 10)!, service: service, master: .any).count
}

print("Scheduling benchmark: swift run -c release SchedulingBenchmark")
print("Europe/Berlin, \(year)-0\(month), 1 master (09:00–21:00), 45-min service on a 15-min grid, \(bookings.count) bookings")
print(
    "free slots in the month: \(selectable(schedule.monthAvailability(year: year, month: month, service: service, master: .any)))"
)
for (name, result) in [
    ("monthAvailability, specific master", specific), ("monthAvailability, any master", any),
    ("Schedule.init + monthAvailability", withIndex), ("slots(on:) one day, any master", oneDay),
] {
    let stats = summary(result.samples)
    print(
        name.padding(toLength: 38, withPad: " ", startingAt: 0)
            + String(
                format: "median %7.1f µs   p99 %7.1f µs   mean %7.1f µs   (%d calls)", stats.median, stats.p99, stats.mean,
                iterations)
    )
}
