/// A price: an amount in minor units, free, or on request.
public enum Price: Hashable, Sendable, Codable {
    /// A fixed amount in minor units (kopecks, cents) of `currency`.
    case fixed(minorUnits: Int64, currency: String)
    /// No charge.
    case free
    /// Agreed in person.
    case onRequest
}

/// A service a tenant offers.
public struct Service: Hashable, Sendable, Codable, Identifiable {
    /// Id within the tenant.
    public var id: ServiceID
    /// Display name.
    public var name: String
    /// Longer description.
    public var description: String
    /// 5–720 minutes.
    public var durationMinutes: Int
    /// Price.
    public var price: Price
    /// Own slot grid; nil uses the tenant's interval.
    public var slotIntervalMinutes: Int?
    /// Minutes kept free before the service.
    public var bufferBeforeMinutes: Int
    /// Minutes kept free after the service.
    public var bufferAfterMinutes: Int
    /// Inactive services are hidden from customers but keep their history.
    public var isActive: Bool
    /// Position in lists.
    public var displayOrder: Int
    /// Masters who perform it; empty means all.
    public var masterIDs: [MasterID]
    /// What a booking pays in advance; nil: nothing.
    public var deposit: DepositRule?

    /// Creates a service.
    public init(
        id: ServiceID, name: String, description: String = "", durationMinutes: Int, price: Price,
        slotIntervalMinutes: Int? = nil, bufferBeforeMinutes: Int = 0, bufferAfterMinutes: Int = 0,
        isActive: Bool = true, displayOrder: Int = 0, masterIDs: [MasterID] = [], deposit: DepositRule? = nil
    ) {
        self.deposit = deposit
        self.id = id
        self.name = name
        self.description = description
        self.durationMinutes = durationMinutes
        self.price = price
        self.slotIntervalMinutes = slotIntervalMinutes
        self.bufferBeforeMinutes = bufferBeforeMinutes
        self.bufferAfterMinutes = bufferAfterMinutes
        self.isActive = isActive
        self.displayOrder = displayOrder
        self.masterIDs = masterIDs
    }

    /// True when `master` performs this service.
    public func isPerformed(by master: MasterID) -> Bool { masterIDs.isEmpty || masterIDs.contains(master) }
}

/// A working interval of one day in wall-clock time, `start < end`.
public struct WorkingInterval: Hashable, Sendable, Codable {
    /// Start of work.
    public var start: LocalTime
    /// End of work.
    public var end: LocalTime

    /// Creates an interval; nil when empty or reversed.
    public init?(start: LocalTime, end: LocalTime) {
        guard start < end else { return nil }
        self.start = start
        self.end = end
    }
}

/// A master's regular week: per weekday zero or more intervals (gaps are breaks).
public struct WeeklyPlan: Hashable, Sendable, Codable {
    /// Intervals per weekday; a missing weekday is a day off.
    public var days: [Weekday: [WorkingInterval]]

    /// Creates a plan.
    public init(days: [Weekday: [WorkingInterval]]) { self.days = days }

    /// The same hours every day of the week.
    public static func everyDay(from start: LocalTime, to end: LocalTime) -> WeeklyPlan {
        let interval = WorkingInterval(start: start, end: end).map { [$0] } ?? []
        return WeeklyPlan(days: Dictionary(uniqueKeysWithValues: Weekday.allCases.map { ($0, interval) }))
    }

    /// The product default: every day 09:00–18:00.
    public static let standard = everyDay(from: LocalTime(hour: 9)!, to: LocalTime(hour: 18)!)
}

/// A dated exception to a weekly plan: a day off (no intervals) or other hours.
public struct PlanException: Hashable, Sendable, Codable {
    /// The date.
    public var date: LocalDate
    /// Hours that day; empty is a day off.
    public var intervals: [WorkingInterval]

    /// Creates an exception.
    public init(date: LocalDate, intervals: [WorkingInterval]) {
        self.date = date
        self.intervals = intervals
    }
}

/// A master with their schedule.
public struct Master: Hashable, Sendable, Codable, Identifiable {
    /// Id within the tenant.
    public var id: MasterID
    /// Display name.
    public var name: String
    /// Inactive masters take no new bookings.
    public var isActive: Bool
    /// Regular week.
    public var plan: WeeklyPlan
    /// Dated exceptions.
    public var exceptions: [PlanException]
    /// What customers read about the master.
    public var description: String
    /// Position in lists.
    public var displayOrder: Int
    /// The secret of the master's calendar feed URL; nil: no feed yet.
    public var feedToken: String?

    /// Creates a master.
    public init(
        id: MasterID, name: String, isActive: Bool = true, plan: WeeklyPlan = .standard, exceptions: [PlanException] = [],
        description: String = "", displayOrder: Int = 0, feedToken: String? = nil
    ) {
        self.id = id
        self.name = name
        self.isActive = isActive
        self.plan = plan
        self.exceptions = exceptions
        self.description = description
        self.displayOrder = displayOrder
        self.feedToken = feedToken
    }

    /// Working intervals on `date`: the exception if any, else the weekly plan.
    public func intervals(on date: LocalDate) -> [WorkingInterval] {
        if let exception = exceptions.first(where: { $0.date == date }) { return exception.intervals }
        return plan.days[date.weekday] ?? []
    }
}
