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
    /// End instant: start plus the service's duration in real minutes (buffers not included).
    public var end: Date
    /// Wall-clock start.
    public var localTime: LocalTime
    /// The master who would take it.
    public var masterID: MasterID

    /// Creates a slot.
    public init(start: Date, end: Date, localTime: LocalTime, masterID: MasterID) {
        self.start = start
        self.end = end
        self.localTime = localTime
        self.masterID = masterID
    }
}

/// What the month calendar shows for a day.
public enum DayAvailability: Hashable, Sendable {
    /// Before today.
    case past
    /// After the booking horizon.
    case beyondHorizon
    /// Nobody works (no working hours, all of them blocked, or the service is inactive).
    case closed
    /// Working, but no free slot.
    case full
    /// `fewLeftLimit` or fewer free slots.
    case fewLeft(Int)
    /// More than `fewLeftLimit` free slots.
    case free(Int)

    /// The most free slots that still count as "few left".
    public static let fewLeftLimit = 3

    /// The state of an open, bookable day with `count` free slots.
    public init(freeSlots count: Int) {
        switch count {
        case ...0: self = .full
        case 1...Self.fewLeftLimit: self = .fewLeft(count)
        default: self = .free(count)
        }
    }

    /// Whether a customer can open the day.
    public var isSelectable: Bool {
        switch self {
        case .fewLeft, .free: true
        default: false
        }
    }

    /// The number of free slots shown (0 unless selectable).
    public var freeSlots: Int {
        switch self {
        case .fewLeft(let count), .free(let count): count
        default: 0
        }
    }
}

/// Everything the engine needs to answer "when can this be booked": pure data, time included.
///
/// Bookings, blocks and plans are indexed when set, so repeated questions are cheap.
public struct Schedule: Sendable {
    /// The tenant's wall clock.
    public var calendar: ZonedCalendar
    /// The tenant's rules.
    public var policies: Policies
    /// All masters with their plans.
    public var masters: [Master] { didSet { plans = masters.map(WorkPlan.init) } }
    /// Bookings in the period of interest; only active (confirmed) ones occupy time.
    public var bookings: [Booking] { didSet { occupancy = Occupancy(bookings: bookings, blocks: blocks) } }
    /// Blocks in the period of interest.
    public var blocks: [Block] { didSet { occupancy = Occupancy(bookings: bookings, blocks: blocks) } }
    /// The current instant.
    public var now: Date

    /// The masters' plans, prepared for lookups.
    private(set) var plans: [WorkPlan]
    /// Bookings and blocks, indexed per master.
    private(set) var occupancy: Occupancy

    /// Creates a schedule.
    public init(calendar: ZonedCalendar, policies: Policies, masters: [Master], bookings: [Booking], blocks: [Block], now: Date) {
        self.calendar = calendar
        self.policies = policies
        self.masters = masters
        self.bookings = bookings
        self.blocks = blocks
        self.now = now
        self.plans = masters.map(WorkPlan.init)
        self.occupancy = Occupancy(bookings: bookings, blocks: blocks)
    }

    /// Today in the tenant's zone.
    public var today: LocalDate { calendar.localDate(of: now) }

    /// The last bookable local date: today + `policies.horizonDays` (slots on that whole day are bookable).
    public var lastBookableDate: LocalDate { today.adding(days: policies.horizonDays) }

    /// The earliest bookable start: now plus the minimum notice.
    public var earliestStart: Date { now.addingTimeInterval(Double(policies.minNoticeMinutes) * 60) }

    /// The bookable start times of `service` on `day`, earliest first.
    ///
    /// For `.any` each start appears once, with the least booked master of that day who is free then.
    public func slots(on day: LocalDate, service: Service, master choice: MasterChoice) -> [Slot] {
        slots(on: day, plans: candidates(for: service, choice: choice), query: query(for: service, from: day, through: day))
    }

    /// Per day of the month: what the calendar shows. Empty for an impossible month.
    public func monthAvailability(
        year: Int, month: Int, service: Service, master choice: MasterChoice
    ) -> [LocalDate: DayAvailability] {
        guard let first = LocalDate(year: year, month: month, day: 1) else { return [:] }
        let count = LocalDate.daysIn(year: year, month: month)
        let query = query(for: service, from: first, through: first.adding(days: count - 1))
        let plans = candidates(for: service, choice: choice)
        var result: [LocalDate: DayAvailability] = Dictionary(minimumCapacity: count)
        for offset in 0..<count {
            let date = first.adding(days: offset)
            result[date] = availability(on: date, plans: plans, query: query)
        }
        return result
    }

    /// What the calendar shows for one day.
    public func availability(on date: LocalDate, service: Service, master choice: MasterChoice) -> DayAvailability {
        availability(
            on: date, plans: candidates(for: service, choice: choice), query: query(for: service, from: date, through: date))
    }

    /// True when no active booking (with its buffers) or block of `master` overlaps `range`.
    public func isFree(_ range: Range<Date>, master: MasterID, ignoring ignored: BookingID? = nil) -> Bool {
        let span = Span(range)
        guard let ignored else { return occupancy.isFree(lower: span.lower, upper: span.upper, master: master) }
        let booked = bookings.contains {
            $0.masterID == master && $0.id != ignored && $0.status.isActive && $0.occupied.overlaps(range)
        }
        return !booked && !blocks.contains { $0.applies(to: master) && $0.range.overlaps(range) }
    }
}
