import BookingCore
import Foundation

/// How urgent an outgoing message is: transactional replies go before bulk messages.
public enum OutboxPriority: Int, Sendable, Codable, Comparable {
    /// Replies, confirmations, reminders.
    case transactional = 0
    /// Broadcasts.
    case bulk = 1

    public static func < (lhs: OutboxPriority, rhs: OutboxPriority) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What an outbox row holds.
public enum OutboxKind: Int, Sendable, Codable {
    /// A Bot API call (`BotCall` JSON) to send.
    case call = 0
    /// A flow timer (its JSON) to fire in a transaction of its own.
    case timer = 1
}

/// One Bot API call waiting to be sent (or sent), stored as JSON of the call.
public struct OutboxMessage: Hashable, Sendable {
    /// Increasing id: the sending order within a chat.
    public var id: Int64
    /// The tenant whose bot sends it.
    public var tenant: TenantID
    /// The chat it goes to (nil for calls without one, e.g. answerCallbackQuery).
    public var chatID: Int64?
    /// The call as JSON (`BotCall`'s Codable form).
    public var payload: [UInt8]
    /// Sending order between kinds.
    public var priority: OutboxPriority
    /// Not before this instant.
    public var dueAt: Date
    /// Failed attempts so far.
    public var attempts: Int
    /// The booking it belongs to (reminders), so it can be withdrawn when the booking moves or is cancelled.
    public var bookingID: BookingID?
    /// A call or a timer.
    public var kind: OutboxKind
    /// When a send started whose outcome was never recorded (the sender stopped mid-call): the call may have
    /// reached Telegram, so it is "in doubt".
    public var attemptedAt: Date?
    /// Not sent after this instant (a reminder after the visit began); nil: no limit.
    public var expiresAt: Date?
    /// The group it was written under (`OutboxEntry.tag`), e.g. "broadcast:17" or an admin notice's "notice:en".
    public var tag: String?

    /// Creates a message.
    public init(
        id: Int64, tenant: TenantID, chatID: Int64?, payload: [UInt8], priority: OutboxPriority, dueAt: Date, attempts: Int = 0,
        bookingID: BookingID? = nil, kind: OutboxKind = .call, attemptedAt: Date? = nil, expiresAt: Date? = nil, tag: String? = nil
    ) {
        self.id = id
        self.tenant = tenant
        self.chatID = chatID
        self.payload = payload
        self.priority = priority
        self.dueAt = dueAt
        self.attempts = attempts
        self.bookingID = bookingID
        self.kind = kind
        self.attemptedAt = attemptedAt
        self.expiresAt = expiresAt
        self.tag = tag
    }
}

/// A message to add to the outbox.
public struct OutboxEntry: Hashable, Sendable {
    /// Target chat, if any.
    public var chatID: Int64?
    /// The encoded call.
    public var payload: [UInt8]
    /// Priority.
    public var priority: OutboxPriority
    /// Not before this instant.
    public var dueAt: Date
    /// Owning booking, for reminders.
    public var bookingID: BookingID?
    /// A call or a timer.
    public var kind: OutboxKind
    /// Groups rows for counting, e.g. "broadcast:17" (see `BroadcastLog`).
    public var tag: String?
    /// Not sent after this instant; nil: no limit.
    public var expiresAt: Date?

    /// Creates an entry.
    public init(
        chatID: Int64?, payload: [UInt8], priority: OutboxPriority = .transactional, dueAt: Date, bookingID: BookingID? = nil,
        kind: OutboxKind = .call, tag: String? = nil, expiresAt: Date? = nil
    ) {
        self.chatID = chatID
        self.payload = payload
        self.priority = priority
        self.dueAt = dueAt
        self.bookingID = bookingID
        self.kind = kind
        self.tag = tag
        self.expiresAt = expiresAt
    }
}

extension OutboxStore {
    /// Claims due rows of every kind (see `claimDue(now:limit:owner:leaseUntil:kind:)`).
    public func claimDue(now: Date, limit: Int, owner: String, leaseUntil: Date) async throws -> [OutboxMessage] {
        try await claimDue(now: now, limit: limit, owner: owner, leaseUntil: leaseUntil, kind: nil)
    }
}

/// What is waiting in the outbox: unsent rows that are due (calls and timers), and the due time of the oldest one.
public struct OutboxBacklog: Hashable, Sendable {
    /// Unsent, not given up, due at or before the instant asked about.
    public var dueRows: Int
    /// The earliest due time among them; nil when none is due.
    public var oldestDue: Date?

    /// Creates a backlog.
    public init(dueRows: Int, oldestDue: Date?) {
        self.dueRows = dueRows
        self.oldestDue = oldestDue
    }
}

/// Durable queue of outgoing Bot API calls. Entries written inside a unit of work commit with its changes.
public protocol OutboxStore: Sendable {
    /// Adds entries for `tenant`, in order.
    func enqueue(_ entries: [OutboxEntry], tenant: TenantID, now: Date) async throws
    /// Unsent messages due at `now`, by priority then id, at most `limit` (a read: nothing is claimed).
    func dueMessages(now: Date, limit: Int) async throws -> [OutboxMessage]
    /// Claims due rows for `owner` until `leaseUntil`, by priority then id, at most `limit` chats.
    ///
    /// A chat is claimed through its head: its first unsent row (by priority, then id) among those due, retried
    /// or leased. With the head come the chat's other due rows, so one owner sends a chat in order while other
    /// owners (instances) skip it. Rows leased by anyone and not expired are never returned.
    ///
    /// With `kind`, only rows of that kind are claimed (calls for the sender, timers for the timer intake), still in
    /// chat order: a row is taken only when it is its chat's head, with the chat's later due rows of the same kind
    /// up to the first pending row of another kind.
    func claimDue(now: Date, limit: Int, owner: String, leaseUntil: Date, kind: OutboxKind?) async throws -> [OutboxMessage]
    /// Records that a send (or a timer) is starting, so a crash before its outcome leaves the row visibly in
    /// doubt. False when `owner` no longer holds the row (its lease ran out and another owner took it, or it
    /// was sent meanwhile): the caller must not go on.
    func markAttempted(_ id: Int64, owner: String, at: Date) async throws -> Bool
    /// Returns rows `owner` claimed and did not start to the queue (the owner stopped before sending them).
    func release(_ ids: [Int64], owner: String) async throws
    /// Records a successful send; the message is never returned again.
    func markSent(_ id: Int64, at: Date) async throws
    /// Records a failure: retried at `retryAt` (unclaimed, no longer in doubt), or given up when nil.
    func markFailed(_ id: Int64, error: String, retryAt: Date?, at: Date) async throws
    /// Gives a row up because its user blocked the bot (403): counted apart from other failures (`BroadcastLog`).
    func markBlocked(_ id: Int64, error: String, at: Date) async throws
    /// Records that a user blocked the tenant's bot (403): they are skipped until they write again.
    func markUnreachable(chat: Int64, tenant: TenantID, at: Date) async throws
    /// Withdraws unsent messages of a booking (its reminders) when it moves or is cancelled.
    func withdraw(booking: BookingID, tenant: TenantID) async throws
    /// Gives up a tenant's scheduled messages of bookings (reminders, follow-ups) due after `now`: they stay as failed
    /// rows with `reason`. Returns how many.
    func withdrawScheduled(tenant: TenantID, after now: Date, reason: String) async throws -> Int
    /// Adds entries like `enqueue` and claims for `claim` those due now whose chat has nothing ahead of them (no
    /// earlier unsent row that is due, retried or leased). Returns the claimed rows, in order: the caller sends them.
    func enqueue(_ entries: [OutboxEntry], tenant: TenantID, now: Date, claim: OutboxClaim) async throws -> [OutboxMessage]
    /// Marks rows sent and rows about to be sent (as `markSent` and `markAttempted` do, one by one) and returns
    /// the ids of `attempted` that `owner` still held.
    func mark(sent: [Int64], attempted: [Int64], owner: String, at: Date) async throws -> Set<Int64>
    /// How many rows are due at `now` and not sent or given up, and the oldest due time among them: one indexed
    /// aggregate, for the metrics (not for the hot path).
    func backlog(now: Date) async throws -> OutboxBacklog
}

