import Foundation
import Testing

@testable import BookingCore

/// A random tenant month from a seed: zone, masters with plans and exceptions, a service, bookings,
/// blocks, policies and "now". Biased towards DST months and the small hours, where the bugs live.
struct Scenario: CustomTestStringConvertible {
    let seed: UInt64
    let aroundDST: Bool
    let zone: String
    let month: Int
    let schedule: Schedule
    let service: Service

    var testDescription: String { "seed \(seed)\(aroundDST ? " (DST)" : ""): \(zone) 2026-\(month)" }

    /// The days of the month.
    var days: [LocalDate] {
        let first = LocalDate(year: 2026, month: month, day: 1)!
        return (0..<LocalDate.daysIn(year: 2026, month: month)).map { first.adding(days: $0) }
    }

    /// A scenario from `seed`; `aroundDST` picks a DST day, a "now" before it and night-time plans.
    init(seed: UInt64, aroundDST: Bool = false) {
        var rng = SplitMix64(seed: seed)
        self.seed = seed
        let transition = aroundDST ? rng.pick(transitions2026) : nil
        let zone = transition?.zone ?? rng.pick(testZones)
        let dstMonths = transitions2026.filter { $0.zone == zone }.map { date($0.day).month }
        let month =
            transition.map { date($0.day).month }
            ?? (!dstMonths.isEmpty && rng.chance(0.6) ? rng.pick(dstMonths) : rng.int(1...12))
        self.aroundDST = aroundDST
        self.zone = zone
        self.month = month
        let calendar = zoned(zone)
        let first = LocalDate(year: 2026, month: month, day: 1)!
        let count = LocalDate.daysIn(year: 2026, month: month)
        let randomDay = { (rng: inout SplitMix64) in first.adding(days: rng.int(-1...count)) }

        var policies = Policies()
        policies.slotIntervalMinutes = rng.pick([5, 10, 15, 20, 30, 45, 60, 90, 120])
        policies.minNoticeMinutes = aroundDST ? rng.pick([0, 15, 90]) : rng.pick([0, 0, 15, 90, 600, 1_440])
        policies.horizonDays = aroundDST ? 60 : rng.pick([0, 1, 5, 14, 30, 90])

        let masters = (1...Int64(rng.int(1...3))).map { id in
            var plan = WeeklyPlan(days: [:])
            for weekday in Weekday.allCases where !rng.chance(0.15) {
                plan.days[weekday] = Self.intervals(&rng, night: aroundDST)
            }
            let exceptions = (0..<rng.int(0...3)).map { _ in
                PlanException(date: randomDay(&rng), intervals: rng.chance(0.3) ? [] : Self.intervals(&rng, night: aroundDST))
            }
            return Master(id: MasterID(id), name: "M\(id)", isActive: rng.chance(0.9), plan: plan, exceptions: exceptions)
        }
        let performers = masters.map(\.id.rawValue).filter { _ in rng.chance(0.6) }
        service = makeService(
            duration: rng.int(1...48) * 5, step: rng.chance(0.5) ? nil : rng.pick([5, 15, 30, 40, 60]),
            before: rng.pick([0, 0, 5, 10, 30]), after: rng.pick([0, 0, 5, 15, 30]),
            masters: rng.chance(0.6) ? [] : performers, active: rng.chance(0.95)
        )

        let lower = first.naiveSeconds(minutes: 0) - 2 * 86_400
        let span = Double(count + 3) * 86_400
        let instant = { (rng: inout SplitMix64) in
            Date(timeIntervalSince1970: lower + (span * Double(rng.int(0...1_000_000)) / 1_000_000 / 300).rounded(.down) * 300)
        }
        let bookings = (0..<Int64(rng.int(0...60))).map { id in
            makeBooking(
                id, master: Int64(rng.int(1...4)), customer: Int64(rng.int(1...5)), start: instant(&rng),
                minutes: rng.int(1...36) * 5,
                before: rng.pick([0, 0, 10]), after: rng.pick([0, 0, 15]),
                status: rng.chance(0.8)
                    ? .confirmed : rng.pick([BookingStatus.cancelled(by: .block, reason: "x"), .completed, .noShow])
            )
        }
        var blocks: [Block] = []
        for id in 0..<Int64(rng.int(0...4)) {
            let master = rng.chance(0.4) ? nil : MasterID(Int64(rng.int(1...3)))
            let day = randomDay(&rng)
            switch rng.int(0...3) {
            case 0: blocks.append(.wholeDay(day, id: BlockID(id), masterID: master, reason: "", calendar: calendar))
            case 1:
                let last = day.adding(days: rng.int(0...3))
                blocks.append(.dates(day, through: last, id: BlockID(id), masterID: master, reason: "", calendar: calendar)!)
            case 2:
                let from = LocalTime(minutes: rng.int(0...287) * 5)!
                let to = LocalTime(minutes: min(1_440, from.minutes + rng.int(1...48) * 5))!
                // Empty when both ends fall into one DST gap.
                if let block = Block.time(
                    on: day, from: from, to: to, id: BlockID(id), masterID: master, reason: "", calendar: calendar)
                {
                    blocks.append(block)
                }
            default:
                let start = instant(&rng)
                blocks.append(
                    Block(
                        id: BlockID(id), masterID: master, range: start..<start.addingTimeInterval(Double(rng.int(1...600)) * 60),
                        reason: ""))
            }
        }
        // Around DST, "now" is a little before the transition day, so its night is bookable.
        let now =
            transition.map { calendar.startOfDay(date($0.day)).addingTimeInterval(-Double(rng.int(1...72)) * 3_600) }
            ?? instant(&rng)
        schedule = Schedule(
            calendar: calendar, policies: policies, masters: masters, bookings: bookings, blocks: blocks, now: now)
    }

    /// One to three intervals of a day, often in the small hours; sometimes overlapping.
    static func intervals(_ rng: inout SplitMix64, night alwaysNight: Bool) -> [WorkingInterval] {
        let night = alwaysNight || rng.chance(0.5)
        let bounds = Set((0..<(2 * rng.int(1...3))).map { _ in night ? rng.int(0...72) * 5 : rng.int(0...288) * 5 }).sorted()
        var result = stride(from: 0, to: bounds.count - 1, by: 2).compactMap {
            WorkingInterval(start: LocalTime(minutes: bounds[$0])!, end: LocalTime(minutes: bounds[$0 + 1])!)
        }
        if rng.chance(0.1), let first = result.first,
            let extra = WorkingInterval(start: first.start, end: LocalTime(minutes: min(1_440, first.end.minutes + 60))!)
        {
            result.append(extra)
        }
        return result
    }
}
