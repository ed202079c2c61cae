import Foundation
import Testing

@testable import BookingCore

/// Random tenants checked against a brute-force reference that shares no slot code with the engine.
@Suite("Property tests over random plans, bookings and blocks")
struct PropertyTests {
    static let seeds: [UInt64] = (1...60).map { $0 &* 0x9E37_79B9 }

    @Test("Slots equal a brute-force reference and break no rule; the month agrees with them", arguments: seeds)
    func anyMonth(seed: UInt64) {
        check(Scenario(seed: seed))
    }

    @Test("The same around DST transitions, with night-time plans", arguments: seeds.prefix(40))
    func aroundDST(seed: UInt64) {
        check(Scenario(seed: seed, aroundDST: true))
    }

    func check(_ scenario: Scenario) {
        let schedule = scenario.schedule
        let choices = [MasterChoice.any] + schedule.masters.map { .specific($0.id) } + [.specific(MasterID(9))]
        var months: [MasterChoice: [LocalDate: DayAvailability]] = [:]
        for choice in choices {
            months[choice] = schedule.monthAvailability(
                year: 2026, month: scenario.month, service: scenario.service, master: choice)
        }
        for day in scenario.days {
            let reference = Reference(scenario: scenario, day: day)
            for choice in choices {
                let slots = schedule.slots(on: day, service: scenario.service, master: choice)
                #expect(slots == reference.slots(choice), "\(scenario.testDescription) \(day) \(choice)")
                for slot in slots { checkRules(slot, day: day, scenario: scenario, oracle: reference.oracle) }
                let shown = months[choice]?[day]
                #expect(shown == schedule.availability(on: day, service: scenario.service, master: choice))
                if slots.isEmpty {
                    #expect([.past, .beyondHorizon, .closed, .full].contains(shown), "\(day) \(choice)")
                } else {
                    #expect(shown == DayAvailability(freeSlots: slots.count), "\(day) \(choice)")
                }
                #expect((shown == .past) == (day < reference.today))
                #expect((shown == .beyondHorizon) == (day > reference.lastDay))
            }
            checkValidation(day: day, scenario: scenario, reference: reference)
        }
    }

    /// Every rule of the issue, checked directly on one returned slot.
    func checkRules(_ slot: Slot, day: LocalDate, scenario: Scenario, oracle: WallClockOracle) {
        let schedule = scenario.schedule
        let service = scenario.service
        let before = Double(service.bufferBeforeMinutes) * 60
        let after = Double(service.bufferAfterMinutes) * 60
        let occupied = slot.start.addingTimeInterval(-before)..<slot.end.addingTimeInterval(after)
        let context: Comment = "\(scenario.testDescription) \(slot)"
        #expect(
            !schedule.bookings.contains { $0.masterID == slot.masterID && $0.status.isActive && $0.occupied.overlaps(occupied) },
            context)
        #expect(!schedule.blocks.contains { $0.applies(to: slot.masterID) && $0.range.overlaps(occupied) }, context)
        let master = schedule.masters.first { $0.id == slot.masterID }
        #expect(master?.isActive == true && service.isPerformed(by: slot.masterID))
        let inside = master?.intervals(on: day).contains { interval in
            oracle.earliest[interval.start.minutes] <= slot.start.timeIntervalSince1970
                && slot.end.timeIntervalSince1970 <= oracle.earliest[interval.end.minutes]
        }
        #expect(inside == true, context)
        #expect(slot.end.timeIntervalSince(slot.start) == Double(service.durationMinutes) * 60)
        #expect(slot.start >= schedule.now.addingTimeInterval(Double(schedule.policies.minNoticeMinutes) * 60), context)
        #expect(day <= schedule.lastBookableDate && day >= schedule.today)
        let request = BookingRequest(
            customer: UserID(1), chat: ChatID(1), service: service, masterID: slot.masterID, start: slot.start)
        #expect(schedule.validate(request) == nil, context)
    }

    /// `validate` accepts exactly the slots of that master, at grid times and at random instants.
    func checkValidation(day: LocalDate, scenario: Scenario, reference: Reference) {
        var rng = SplitMix64(seed: scenario.seed ^ UInt64(day.daysSinceEpoch))
        let schedule = scenario.schedule
        for _ in 0..<6 {
            let master = MasterID(Int64(rng.int(1...4)))
            let minute = rng.int(0...287) * 5
            guard let start = rng.chance(0.7) ? reference.oracle.first[minute] : reference.oracle.first[minute].map({ $0 + 60 })
            else { continue }
            let request = BookingRequest(
                customer: UserID(1), chat: ChatID(1), service: scenario.service, masterID: master,
                start: Date(timeIntervalSince1970: start)
            )
            let isSlot = reference.slots(.specific(master)).contains { $0.start == request.start }
            let error = schedule.validate(request)
            #expect(
                (error == nil) == isSlot, "\(scenario.testDescription) \(day) \(minute) \(master) \(String(describing: error))")
            if error == .slotTaken { #expect(!schedule.isFree(request.occupied, master: master)) }
        }
    }
}

/// The rules of the issue written the slow, obvious way, for one day.
struct Reference {
    let scenario: Scenario
    let day: LocalDate
    let oracle: WallClockOracle
    let today: LocalDate
    let lastDay: LocalDate
    /// Per master: the free grid starts, earliest first.
    private var perMaster: [MasterID: [Slot]] = [:]

    init(scenario: Scenario, day: LocalDate) {
        let schedule = scenario.schedule
        let zone = schedule.calendar.zone
        self.scenario = scenario
        self.day = day
        oracle = WallClockOracle(zone: zone, day: day)
        today = WallClockOracle.localDate(zone, schedule.now)
        lastDay = today.adding(days: schedule.policies.horizonDays)
        let service = scenario.service
        let step = service.slotIntervalMinutes ?? schedule.policies.slotIntervalMinutes
        let earliest = schedule.now.timeIntervalSince1970 + Double(schedule.policies.minNoticeMinutes) * 60
        guard service.isActive, day >= today, day <= lastDay else { return }
        for master in schedule.masters {
            var found: [Double: Slot] = [:]
            for interval in master.intervals(on: day) {
                for minute in stride(from: interval.start.minutes, to: interval.end.minutes, by: step) {
                    guard let start = oracle.first[minute], start >= earliest else { continue }
                    let end = start + Double(service.durationMinutes) * 60
                    guard end <= oracle.earliest[interval.end.minutes] else { continue }
                    let occupied =
                        Date(
                            timeIntervalSince1970: start - Double(service.bufferBeforeMinutes) * 60)..<Date(
                            timeIntervalSince1970: end + Double(service.bufferAfterMinutes) * 60)
                    let taken =
                        schedule.bookings.contains {
                            $0.masterID == master.id && $0.status.isActive && $0.occupied.overlaps(occupied)
                        }
                        || schedule.blocks.contains { $0.applies(to: master.id) && $0.range.overlaps(occupied) }
                    guard !taken else { continue }
                    found[start] = Slot(
                        start: Date(timeIntervalSince1970: start), end: Date(timeIntervalSince1970: end),
                        localTime: LocalTime(minutes: minute)!,
                        masterID: master.id
                    )
                }
            }
            perMaster[master.id] = found.values.sorted { $0.start < $1.start }
        }
    }

    /// The slots for `choice`: for `.any`, each start goes to the free master with the fewest bookings
    /// that day, then the lowest id.
    func slots(_ choice: MasterChoice) -> [Slot] {
        let schedule = scenario.schedule
        let zone = schedule.calendar.zone
        let eligible = schedule.masters.filter { master in
            guard master.isActive, scenario.service.isPerformed(by: master.id) else { return false }
            if case .specific(let id) = choice { return id == master.id }
            return true
        }
        let load = { (id: MasterID) in
            schedule.bookings.count {
                $0.masterID == id && $0.status.isActive && WallClockOracle.localDate(zone, $0.start) == day
            }
        }
        var chosen: [Date: Slot] = [:]
        for master in eligible.sorted(by: { (load($0.id), $0.id) < (load($1.id), $1.id) }) {
            for slot in perMaster[master.id] ?? [] where chosen[slot.start] == nil { chosen[slot.start] = slot }
        }
        return chosen.values.sorted { $0.start < $1.start }
    }
}
