import BookingCore
import Foundation

/// The sliding-window rate limiter in process memory: the reference behaviour, the embedded default, and the
/// fallback while Redis is unreachable. Times are whole milliseconds, as in the Redis script, so both agree exactly.
public actor InMemoryRateLimiter: RateLimiter {
    private struct Key: Hashable {
        var tenant: TenantID
        var user: UserID
        var kind: RateLimitKind
    }

    private struct Window {
        var events: [Int64] = []
        var noticeAt: Int64?
    }

    /// The limits applied.
    public let limits: RateLimits
    private var windows: [Key: Window] = [:]
    private var checksSinceSweep = 0

    /// Creates a limiter.
    public init(limits: RateLimits = RateLimits()) {
        self.limits = limits
    }

    /// Counts the update if the window has room; else one notice per window, then silence.
    public func check(_ kind: RateLimitKind, user: UserID, tenant: TenantID, now: Date) -> RateLimitDecision {
        let now = Self.milliseconds(now)
        sweepIfDue(now: now)
        let policy = limits[kind]
        let window = Self.milliseconds(policy.window)
        let cutoff = now - window
        let key = Key(tenant: tenant, user: user, kind: kind)
        var state = windows[key] ?? Window()
        defer { windows[key] = state }
        state.events.removeAll { $0 <= cutoff }
        if let noticeAt = state.noticeAt, noticeAt <= cutoff { state.noticeAt = nil }
        if state.events.count < policy.burst {
            state.events.append(now)
            return .allowed
        }
        let retryAfter = Duration.milliseconds(max(0, (state.events.min() ?? now) + window - now))
        guard state.noticeAt == nil else { return .limitedSilent }
        state.noticeAt = now
        return .limitedNotify(retryAfter: retryAfter)
    }

    /// Tracked (tenant, user, kind) windows; idle ones are dropped now and then.
    public var trackedCount: Int { windows.count }

    /// Drops windows with nothing left in them every 4096 checks, so memory follows active users only.
    private func sweepIfDue(now: Int64) {
        checksSinceSweep += 1
        guard checksSinceSweep >= 4096 else { return }
        checksSinceSweep = 0
        let cutoff = now - Self.milliseconds(max(limits.message.window, limits.callback.window))
        windows = windows.filter { _, window in
            window.events.contains { $0 > cutoff } || (window.noticeAt.map { $0 > cutoff } ?? false)
        }
    }

    /// Unix time in whole milliseconds.
    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }  // bounded: the service clock

    /// A duration in whole milliseconds.
    static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }
}
