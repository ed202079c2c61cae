import Foundation

/// What stays fixed while answering questions about one service over a few days.
struct SlotQuery: Sendable {
    /// The service asked about.
    let service: Service
    /// The slot grid in minutes (at least 1).
    let step: Int
    /// The service's length in seconds.
    let duration: Double
    /// The earliest bookable start instant (now + notice).
    let earliest: Double
    /// Today in the tenant's zone.
    let today: LocalDate
    /// The last bookable date.
    let lastDay: LocalDate
    /// The zone's offsets around the days asked about.
    let offsets: ZoneOffsets
}

extension Schedule {
    /// Prepares the answers about `service` on the days `first...last`.
    func query(for service: Service, from first: LocalDate, through last: LocalDate) -> SlotQuery {
        let today = today
        return SlotQuery(
            service: service, step: max(1, service.slotIntervalMinutes ?? policies.slotIntervalMinutes),
            duration: Double(service.durationMinutes) * 60, earliest: earliestStart.timeIntervalSince1970,
            today: today, lastDay: today.adding(days: policies.horizonDays),
            offsets: calendar.offsets(from: first, through: last)
        )
    }

    /// Plans of the active masters who perform `service` and match `choice`, in id order.
    func candidates(for service: Service, choice: MasterChoice) -> [WorkPlan] {
        plans.filter { plan in
            guard plan.master.isActive, service.isPerformed(by: plan.master.id) else { return false }
            if case .specific(let id) = choice { return id == plan.master.id }
            return true
        }
        .sorted { $0.master.id < $1.master.id }
    }

    /// The working intervals of `plan` on `day` with their real bounds: from the first instant the clock reads
    /// the start to the first instant it reads the end (or jumps past it).
    func workingSpans(on day: LocalDate, plan: WorkPlan, query: SlotQuery) -> [(interval: WorkingInterval, span: Span)] {
        plan.intervals(on: day).map { interval in
            let start = query.offsets.earliest(atOrAfter: day.naiveSeconds(minutes: interval.start.minutes))
            let end = query.offsets.earliest(atOrAfter: day.naiveSeconds(minutes: interval.end.minutes))
            return (interval, Span(lower: start, upper: end))
        }
    }

    /// The service's time if it starts at wall-clock `minute` of `interval` on `day`, whose real end is `end`.
    ///
    /// Nil when `minute` is off the grid, skipped by a DST gap, or the service (in real minutes) would end
    /// after `end`. Availability (notice, bookings, blocks) is not checked here.
    func gridSlot(on day: LocalDate, minute: Int, in interval: WorkingInterval, end: Double, query: SlotQuery) -> Span? {
        let offset = minute - interval.start.minutes
        guard offset >= 0, offset % query.step == 0, minute < interval.end.minutes, query.duration > 0,
            let start = query.offsets.instant(local: day.naiveSeconds(minutes: minute)), start + query.duration <= end
        else { return nil }
        return Span(lower: start, upper: start + query.duration)
    }

    /// The free slots of one master on `day`, earliest first, ignoring the horizon.
    func slots(on day: LocalDate, plan: WorkPlan, query: SlotQuery) -> [Slot] {
        let master = plan.master.id
        let busy = occupancy.busy(master)
        let before = Double(query.service.bufferBeforeMinutes) * 60
        let after = Double(query.service.bufferAfterMinutes) * 60
        let working = workingSpans(on: day, plan: plan, query: query)
        var result: [Slot] = []
        for (interval, bounds) in working {
            for minute in stride(from: interval.start.minutes, to: interval.end.minutes, by: query.step) {
                guard let span = gridSlot(on: day, minute: minute, in: interval, end: bounds.upper, query: query),
                    span.lower >= query.earliest, !busy.overlaps(lower: span.lower - before, upper: span.upper + after)
                else { continue }
                let start = Date(timeIntervalSince1970: span.lower)
                let end = Date(timeIntervalSince1970: span.upper)
                result.append(Slot(start: start, end: end, localTime: LocalTime(minutes: minute)!, masterID: master))
            }
        }
        // Overlapping intervals in a plan would offer one start twice.
        return working.count > 1 ? Self.firstPerStart(result.sorted { $0.start < $1.start }) : result
    }

    /// The free slots of `plans` on `day`, earliest first; each start once, with the least booked master of the day.
    func slots(on day: LocalDate, plans: [WorkPlan], query: SlotQuery) -> [Slot] {
        // A day outside the query's window or its offsets has no slots: a forged day never reaches the offsets.
        guard query.service.isActive, day >= query.today, day <= query.lastDay, query.offsets.covers(day) else { return [] }
        guard plans.count > 1 else { return plans.first.map { slots(on: day, plan: $0, query: query) } ?? [] }
        let dayStart = query.offsets.earliest(atOrAfter: day.naiveSeconds(minutes: 0))
        let dayEnd = query.offsets.earliest(atOrAfter: day.naiveSeconds(minutes: 1_440))
        // Fairness: rank masters by that day's bookings, then by id; every start goes to the best-ranked free one.
        let ranked = plans.map { plan in
            (plan: plan, load: occupancy.bookingCount(master: plan.master.id, lower: dayStart, upper: dayEnd))
        }
        .sorted { ($0.load, $0.plan.master.id) < ($1.load, $1.plan.master.id) }
        var all: [(slot: Slot, rank: Int)] = []
        for (rank, entry) in ranked.enumerated() {
            all += slots(on: day, plan: entry.plan, query: query).map { ($0, rank) }
        }
        return Self.firstPerStart(all.sorted { ($0.slot.start, $0.rank) < ($1.slot.start, $1.rank) }.map(\.slot))
    }

    /// The first slot of each start in slots sorted by start.
    static func firstPerStart(_ sorted: [Slot]) -> [Slot] {
        var result: [Slot] = []
        result.reserveCapacity(sorted.count)
        for slot in sorted where result.last?.start != slot.start { result.append(slot) }
        return result
    }

    /// True when no master of `plans` has working time on `day` that is not blocked.
    func isClosed(on day: LocalDate, plans: [WorkPlan], query: SlotQuery) -> Bool {
        !plans.contains { plan in
            workingSpans(on: day, plan: plan, query: query).contains { _, span in
                span.lower < span.upper && !occupancy.isBlocked(lower: span.lower, upper: span.upper, master: plan.master.id)
            }
        }
    }

    /// What the calendar shows for `day`.
    func availability(on day: LocalDate, plans: [WorkPlan], query: SlotQuery) -> DayAvailability {
        if day < query.today { return .past }
        if day > query.lastDay { return .beyondHorizon }
        guard query.service.isActive, !isClosed(on: day, plans: plans, query: query) else { return .closed }
        return DayAvailability(freeSlots: slots(on: day, plans: plans, query: query).count)
    }
}
