import BookingCore
import Foundation
import TelegramBotAPI

/// A call to make later (a reminder), owned by a booking so it can be withdrawn.
public struct ScheduledCall: Sendable, Equatable {
    /// The call.
    public var call: BotCall
    /// Not before this instant.
    public var due: Date
    /// The booking it belongs to.
    public var bookingID: BookingID
    /// Not after this instant (a reminder is pointless once the visit began); nil: no limit.
    public var expires: Date?

    /// Creates a scheduled call.
    public init(call: BotCall, due: Date, bookingID: BookingID, expires: Date? = nil) {
        self.call = call
        self.due = due
        self.bookingID = bookingID
        self.expires = expires
    }
}

/// A low-priority call (one recipient of a broadcast), grouped by `tag` for progress counts.
public struct BulkCall: Sendable, Equatable {
    /// The call.
    public var call: BotCall
    /// The group it is counted in, e.g. "broadcast:17".
    public var tag: String

    /// Creates a bulk call.
    public init(call: BotCall, tag: String) {
        self.call = call
        self.tag = tag
    }
}

/// A message to an admin about a customer's action, due now and written under a notice tag (`NoticeDigest`), so
/// that notices queued up for one chat can go out as one digest.
public struct NoticeCall: Sendable, Equatable {
    /// The call (a `sendMessage`).
    public var call: BotCall
    /// The outbox tag: `NoticeDigest.tag(_:)` of the admin's language.
    public var tag: String

    /// Creates a notice.
    public init(call: BotCall, tag: String) {
        self.call = call
        self.tag = tag
    }
}

/// What handling one update produced: calls to make now, calls to make later, and scheduled calls to withdraw.
public struct FlowResult: Sendable, Equatable {
    /// Calls to make now, in order.
    public var calls: [BotCall]
    /// Calls due later (reminders).
    public var scheduled: [ScheduledCall]
    /// Bookings whose unsent scheduled calls must be withdrawn (cancelled or moved).
    public var withdrawn: [BookingID]
    /// Timers to set (fired later through `CustomerBot.fire`).
    public var timers: [FlowTimer]
    /// Calls sent after every transactional one (broadcasts), within the same limits.
    public var bulk: [BulkCall]
    /// Notices to admins, due now after `calls`.
    public var notices: [NoticeCall]
    /// The conversation's new state; nil: unchanged.
    public var conversation: ConversationChange?

    /// Creates a result.
    public init(
        calls: [BotCall] = [], scheduled: [ScheduledCall] = [], withdrawn: [BookingID] = [], timers: [FlowTimer] = [], bulk: [BulkCall] = [],
        notices: [NoticeCall] = [], conversation: ConversationChange? = nil
    ) {
        self.calls = calls
        self.scheduled = scheduled
        self.withdrawn = withdrawn
        self.timers = timers
        self.bulk = bulk
        self.notices = notices
        self.conversation = conversation
    }
}

extension FlowResult {
    /// Removes and returns the answer to a button press or to a pre-checkout query among the calls due now, if there is
    /// one: the webhook's HTTP answer carries it (a pre-checkout must be answered within 10 s; this way no queue is in
    /// between).
    public mutating func takeInlineAnswer() -> BotCall? {
        if let answer = takeCallbackAnswer() { return .answerCallbackQuery(answer) }
        guard let index = calls.firstIndex(where: { if case .answerPreCheckoutQuery = $0 { true } else { false } }) else { return nil }
        return calls.remove(at: index)
    }

    /// Removes and returns the answer to a button press among the calls due now, if there is one.
    public mutating func takeCallbackAnswer() -> AnswerCallbackQuery? {
        guard let index = calls.firstIndex(where: { if case .answerCallbackQuery = $0 { true } else { false } }),
            case .answerCallbackQuery(let answer) = calls.remove(at: index)
        else { return nil }
        return answer
    }
}

extension FlowResult {
    /// The result with every call fitted to Telegram's limits (`BotCall.fitted()`): long texts split into several
    /// messages, answers and button labels cut. Calls that fit stay as they were.
    public func fitted() -> FlowResult {
        FlowResult(
            calls: calls.flatMap { $0.fitted() },
            scheduled: scheduled.flatMap { scheduled in
                scheduled.call.fitted().map {
                    ScheduledCall(call: $0, due: scheduled.due, bookingID: scheduled.bookingID, expires: scheduled.expires)
                }
            },
            withdrawn: withdrawn, timers: timers,
            bulk: bulk.flatMap { bulk in bulk.call.fitted().map { BulkCall(call: $0, tag: bulk.tag) } },
            notices: notices.flatMap { notice in notice.call.fitted().map { NoticeCall(call: $0, tag: notice.tag) } }, conversation: conversation)
    }
}
