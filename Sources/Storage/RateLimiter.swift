import BookingCore
import Foundation

/// What an incoming update counts against: typed messages and button presses are limited separately.
public enum RateLimitKind: String, Sendable, Hashable, CaseIterable {
    /// A message (text, command, contact…).
    case message
    /// A button press (callback query).
    case callback
}

/// The verdict on one incoming update.
public enum RateLimitDecision: Sendable, Hashable {
    /// Process the update.
    case allowed
    /// Drop the update and tell the user once, quietly, that they are going too fast; `retryAfter` says when the next
    /// update will be allowed.
    case limitedNotify(retryAfter: Duration)
    /// Drop the update without a reply (the user was already told in this window).
    case limitedSilent

    /// True for `.allowed`.
    public var isAllowed: Bool { self == .allowed }
}

/// A sliding-window limit: at most `burst` updates in any window of `burst × interval`, which averages one per
/// `interval` and lets a user send `burst` updates in quick succession.
public struct RateLimitPolicy: Sendable, Hashable {
    /// Average spacing of allowed updates.
    public var interval: Duration
    /// Updates allowed back to back.
    public var burst: Int

    /// Creates a policy.
    public init(interval: Duration, burst: Int) {
        self.interval = interval
        self.burst = max(1, burst)
    }

    /// The sliding window: `burst × interval`.
    public var window: Duration { interval * burst }
}

/// The limits for messages and button presses.
public struct RateLimits: Sendable, Hashable {
    /// Messages: one per 2 s on average, 3 back to back (3 in any 6 s).
    public var message: RateLimitPolicy
    /// Button presses: two per second on average, 10 back to back (10 in any 5 s): a quick human paging a calendar
    /// stays under it; a script gets two presses a second.
    public var callback: RateLimitPolicy

    /// Creates limits; the defaults are one message per 2 s and two presses per second, with bursts.
    public init(
        message: RateLimitPolicy = RateLimitPolicy(interval: .seconds(2), burst: 3),
        callback: RateLimitPolicy = RateLimitPolicy(interval: .milliseconds(500), burst: 10)
    ) {
        self.message = message
        self.callback = callback
    }

    /// The policy of one kind.
    public subscript(kind: RateLimitKind) -> RateLimitPolicy {
        switch kind {
        case .message: message
        case .callback: callback
        }
    }
}

/// Limits incoming updates per tenant, user and kind. A limited user gets one quiet notice per window, then silence.
public protocol RateLimiter: Sendable {
    /// Counts the update if it is allowed and says what to do with it.
    func check(_ kind: RateLimitKind, user: UserID, tenant: TenantID, now: Date) async throws -> RateLimitDecision
}
