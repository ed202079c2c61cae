/// Exponential backoff between reconnect attempts: `initial`, doubling after each failure, capped at `maximum`.
public struct RedisBackoff: Sendable, Hashable {
    /// Delay after the first failure.
    public var initial: Duration
    /// Longest delay.
    public var maximum: Duration

    /// Creates a backoff.
    public init(initial: Duration = .milliseconds(100), maximum: Duration = .seconds(10)) {
        self.initial = initial
        self.maximum = maximum
    }

    /// The delay after `failures` consecutive failures (zero for none).
    public func delay(afterFailures failures: Int) -> Duration {
        guard failures > 0 else { return .zero }
        var delay = initial
        for _ in 1..<min(failures, 40) where delay < maximum { delay *= 2 }
        return min(delay, maximum)
    }
}
