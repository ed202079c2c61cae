import Foundation

/// A tenant's booking rules. Defaults are the product's.
public struct Policies: Hashable, Sendable, Codable {
    /// Tenant slot grid, 5–240 minutes.
    public var slotIntervalMinutes: Int = 60
    /// Minimum minutes between now and a slot's start.
    public var minNoticeMinutes: Int = 0
    /// How many days ahead customers may book.
    public var horizonDays: Int = 90
    /// Active future bookings one customer may hold.
    public var maxActivePerCustomer: Int = 3
    /// Optional cap of one customer's bookings per day.
    public var maxPerCustomerPerDay: Int? = nil
    /// Cancel / reschedule allowed only this many hours before the start.
    public var cancelNoticeHours: Int = 24
    /// Reminders this many minutes before the start (a booking made inside an offset skips that reminder).
    public var reminderOffsetsMinutes: [Int] = [24 * 60, 2 * 60]
    /// The feedback request this many minutes after the booking ends.
    public var feedbackDelayMinutes: Int = 2 * 60
    /// How long a waitlist offer is held.
    public var waitlistHoldMinutes: Int = 15
    /// The owner's opt-in: the bot's menu button opens the Mini App (when the server offers one).
    public var miniAppMenuButton: Bool = false
    /// How long a booking waits for its deposit before the time is freed (5–1440).
    public var depositHoldMinutes: Int = 15
    /// The secret of the whole business's calendar feed URL; nil: no feed yet.
    public var calendarFeedToken: String?
    /// Ask a customer without a phone on file for it (Telegram's contact button) before their first booking's confirmation.
    public var askPhone: Bool = false
    /// After this many missed visits (no-shows) a customer books through an admin, not by themselves (1–20); nil: off.
    public var noShowLimit: Int? = nil

    /// The defaults.
    public init() {}

    private enum CodingKeys: String, CodingKey {
        case slotIntervalMinutes, minNoticeMinutes, horizonDays, maxActivePerCustomer, maxPerCustomerPerDay, cancelNoticeHours
        case reminderOffsetsMinutes, feedbackDelayMinutes, waitlistHoldMinutes, miniAppMenuButton, depositHoldMinutes
        case calendarFeedToken, askPhone, noShowLimit
    }

    /// Decodes stored policies; fields added later take their defaults, so old rows keep working.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Policies()
        slotIntervalMinutes = try c.decodeIfPresent(Int.self, forKey: .slotIntervalMinutes) ?? d.slotIntervalMinutes
        minNoticeMinutes = try c.decodeIfPresent(Int.self, forKey: .minNoticeMinutes) ?? d.minNoticeMinutes
        horizonDays = try c.decodeIfPresent(Int.self, forKey: .horizonDays) ?? d.horizonDays
        maxActivePerCustomer = try c.decodeIfPresent(Int.self, forKey: .maxActivePerCustomer) ?? d.maxActivePerCustomer
        maxPerCustomerPerDay = try c.decodeIfPresent(Int.self, forKey: .maxPerCustomerPerDay)
        cancelNoticeHours = try c.decodeIfPresent(Int.self, forKey: .cancelNoticeHours) ?? d.cancelNoticeHours
        reminderOffsetsMinutes = try c.decodeIfPresent([Int].self, forKey: .reminderOffsetsMinutes) ?? d.reminderOffsetsMinutes
        feedbackDelayMinutes = try c.decodeIfPresent(Int.self, forKey: .feedbackDelayMinutes) ?? d.feedbackDelayMinutes
        waitlistHoldMinutes = try c.decodeIfPresent(Int.self, forKey: .waitlistHoldMinutes) ?? d.waitlistHoldMinutes
        miniAppMenuButton = try c.decodeIfPresent(Bool.self, forKey: .miniAppMenuButton) ?? d.miniAppMenuButton
        depositHoldMinutes = min(max(try c.decodeIfPresent(Int.self, forKey: .depositHoldMinutes) ?? d.depositHoldMinutes, 5), 1_440)
        calendarFeedToken = try c.decodeIfPresent(String.self, forKey: .calendarFeedToken)
        askPhone = try c.decodeIfPresent(Bool.self, forKey: .askPhone) ?? d.askPhone
        noShowLimit = try c.decodeIfPresent(Int.self, forKey: .noShowLimit).map { min(max($0, 1), 20) }
    }

    /// The instants reminders of a booking starting at `start` are due, skipping those already past at `now`.
    public func reminderTimes(start: Date, now: Date) -> [(offsetMinutes: Int, due: Date)] {
        reminderOffsetsMinutes.sorted(by: >).compactMap { offset in
            let due = start.addingTimeInterval(-Double(offset) * 60)
            return due > now ? (offset, due) : nil
        }
    }
}

/// Why a booking, cancel or reschedule was refused.
public enum BookingError: Error, Hashable, Sendable {
    /// Someone else holds an overlapping time, or it is blocked.
    case slotTaken
    /// The slot is not on the bookable grid or outside working hours.
    case outsideWorkingHours
    /// The start is in the past or inside the minimum notice.
    case tooSoon
    /// The start is beyond the horizon.
    case beyondHorizon
    /// The customer already holds the maximum of active bookings.
    case customerLimitReached(Int)
    /// The customer already holds the maximum for that day.
    case dailyLimitReached(Int)
    /// The service or master no longer exists or is inactive.
    case unavailable
    /// No such booking for this customer.
    case notFound
    /// The booking is not active any more.
    case notActive
    /// Too close to the start to cancel or move.
    case insideCancelWindow(hours: Int)
}
