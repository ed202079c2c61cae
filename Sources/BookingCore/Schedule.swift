import Foundation

/// Which master a customer wants.
public enum MasterChoice: Hashable, Sendable {
    /// Whoever is free; the engine picks fairly.
    case any
    /// This master.
    case specific(MasterID)
}

/// A bookable start time.
public struct Slot: Hashable, Sendable {
    /// Start instant.
    public var start: Date
    /// End instant.
    public var end: Date
    /// Wall-clock start.
    public var localTime: LocalTime
    /// The master who would take it.
    public var masterID: MasterID
}

/// What the month calendar shows for a day.
public enum DayAvailability: Hashable, Sendable {
    /// Before today.
    case past
    /// After the booking horizon.
    case beyondHorizon
    /// Nobody works.
    case closed
    /// Working, but no free slot.
    case full
    /// Three or fewer free slots.
    case fewLeft(Int)
    /// More than three free slots.
    case free(Int)

    /// Whether a customer can open the day.
    public var isSelectable: Bool {
        switch self {
        case .fewLeft, .free: true
        default: false
        }
    }
}

/// Everything the engine needs to answer "when can this be booked": pure data, time included.
public struct Schedule: Sendable {
    /// The tenant's wall clock.
    public var calendar: ZonedCalendar
    /// The tenant's rules.
    public var policies: Policies
    /// All masters with their plans.
    public var masters: [Master]
    /// Active bookings in the period of interest.
    public var bookings: [Booking]
    /// Blocks in the period of interest.
    public var blocks: [Block]
    /// The current instant.
    public var now: Date

    /// Creates a schedule.
    public init(calendar: ZonedCalendar, policies: Policies, masters: [Master], bookings: [Booking], blocks: [Block], now: Date) {
        self.calendar = calendar
        self.policies = policies
        self.masters = masters
        self.bookings = bookings
        self.blocks = blocks
        self.now = now
    }

    /// Today in the tenant's zone.
    public var today: LocalDate { calendar.localDate(of: now) }

    /// The last bookable date.
    public var lastBookableDate: LocalDate { today.adding(days: policies.horizonDays) }

    /// Masters who can perform `service` for `choice`.
    func candidates(for service: Service, choice: MasterChoice) -> [Master] {
        masters.filter { master in
            guard master.isActive, service.isPerformed(by: master.id) else { return false }
            if case .specific(let id) = choice { return id == master.id }
            return true
        }
    }

    /// The bookable start times of `service` on `day`, earliest first.
    public func slots(on day: LocalDate, service: Service, master choice: MasterChoice) -> [Slot] {
        guard service.isActive, day >= today, day <= lastBookableDate else { return [] }
        let masters = candidates(for: service, choice: choice)
        // Fairness for "any master": the least booked master that day is offered first.
        let load = Dictionary(grouping: bookings.filter { calendar.localDate(of: $0.start) == day }, by: \.masterID)
            .mapValues(\.count)
        let ordered = masters.sorted { (load[$0.id] ?? 0, $0.id) < (load[$1.id] ?? 0, $1.id) }
        var byStart: [Date: Slot] = [:]
        for master in ordered {
            for slot in slots(on: day, service: service, master: master) where byStart[slot.start] == nil {
                byStart[slot.start] = slot
            }
        }
        return byStart.values.sorted { $0.start < $1.start }
    }

    func slots(on day: LocalDate, service: Service, master: Master) -> [Slot] {
        let step = service.slotIntervalMinutes ?? policies.slotIntervalMinutes
        let earliest = now.addingTimeInterval(Double(policies.minNoticeMinutes) * 60)
        var result: [Slot] = []
        for interval in master.intervals(on: day) {
            var minute = interval.start.minutes
            while minute + service.durationMinutes <= interval.end.minutes {
                defer { minute += step }
                guard let time = LocalTime(minutes: minute), let start = calendar.instant(day, time) else { continue }
                let request = BookingRequest(customer: UserID(0), chat: ChatID(0), service: service, masterID: master.id, start: start)
                guard start >= earliest, isFree(request.occupied, master: master.id) else { continue }
                result.append(Slot(start: start, end: request.end, localTime: time, masterID: master.id))
            }
        }
        return result
    }

    /// True when no active booking or block of `master` overlaps `range`.
    public func isFree(_ range: Range<Date>, master: MasterID, ignoring ignored: BookingID? = nil) -> Bool {
        !bookings.contains { $0.masterID == master && $0.id != ignored && $0.status.isActive && $0.occupied.overlaps(range) }
            && !blocks.contains { $0.applies(to: master) && $0.range.overlaps(range) }
    }

    /// Per day of the month: what the calendar shows.
    public func monthAvailability(year: Int, month: Int, service: Service, master choice: MasterChoice) -> [LocalDate: DayAvailability] {
        var result: [LocalDate: DayAvailability] = [:]
        for day in 1...LocalDate.daysIn(year: year, month: month) {
            let date = LocalDate(year: year, month: month, day: day)!
            result[date] = availability(on: date, service: service, master: choice)
        }
        return result
    }

    /// What the calendar shows for one day.
    public func availability(on date: LocalDate, service: Service, master choice: MasterChoice) -> DayAvailability {
        if date < today { return .past }
        if date > lastBookableDate { return .beyondHorizon }
        let working = candidates(for: service, choice: choice).contains { !$0.intervals(on: date).isEmpty }
        guard working, service.isActive else { return .closed }
        let count = slots(on: date, service: service, master: choice).count
        switch count {
        case 0: return .full
        case 1...3: return .fewLeft(count)
        default: return .free(count)
        }
    }

    /// Checks that `request` is one of the bookable slots now; nil when it is.
    public func validate(_ request: BookingRequest, ignoring ignored: BookingID? = nil) -> BookingError? {
        guard let master = masters.first(where: { $0.id == request.masterID }), master.isActive,
            request.service.isActive, request.service.isPerformed(by: master.id)
        else { return .unavailable }
        let day = calendar.localDate(of: request.start)
        if request.start < now.addingTimeInterval(Double(policies.minNoticeMinutes) * 60) { return .tooSoon }
        if day > lastBookableDate { return .beyondHorizon }
        var others = self
        if let ignored { others.bookings.removeAll { $0.id == ignored } }
        let onGrid = others.slots(on: day, service: request.service, master: master).contains { $0.start == request.start }
        if onGrid { return nil }
        let free = isFree(request.occupied, master: master.id, ignoring: ignored)
        return free ? .outsideWorkingHours : .slotTaken
    }

    /// Checks whether a customer may still cancel or move `booking` at `now`.
    public func canCustomerChange(_ booking: Booking) -> BookingError? {
        guard booking.status.isActive else { return .notActive }
        let limit = booking.start.addingTimeInterval(-Double(policies.cancelNoticeHours) * 3600)
        return now <= limit ? nil : .insideCancelWindow(hours: policies.cancelNoticeHours)
    }
}
