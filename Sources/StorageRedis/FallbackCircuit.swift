import Logging
import Synchronization

/// Decides whether Redis (the primary) or the SQL/in-memory fallback serves a call. After a Redis failure every call
/// goes to the fallback; once the backoff has passed one call probes Redis again, and its success switches back.
/// The backoff doubles after each failed probe. Counts what the fallback served, for the logs and metrics.
public final class FallbackCircuit: Sendable {
    /// Backoff between probes.
    public struct Policy: Sendable, Hashable {
        /// Wait after the first failure.
        public var initialBackoff: Duration
        /// Longest wait.
        public var maximumBackoff: Duration

        /// Creates a policy; defaults 1 s, doubling to 30 s.
        public init(initialBackoff: Duration = .seconds(1), maximumBackoff: Duration = .seconds(30)) {
            self.initialBackoff = initialBackoff
            self.maximumBackoff = maximumBackoff
        }
    }

    private enum Route { case primary, probe, fallback }

    private struct State {
        var failures = 0
        var probeAt: ContinuousClock.Instant?
        var probing = false
    }

    /// The backoff policy.
    public let policy: Policy
    private let now: @Sendable () -> ContinuousClock.Instant
    private let logger: Logger
    private let state = Mutex(State())
    private let fallbackCalls = Atomic<Int>(0)
    private let primaryFailures = Atomic<Int>(0)

    /// Creates a circuit; `now` is injectable for tests.
    public init(
        policy: Policy = Policy(), logger: Logger = Logger(label: "zapis.redis.fallback"),
        now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }
    ) {
        self.policy = policy
        self.logger = logger
        self.now = now
    }

    /// Calls served by the fallback store so far (the "Redis degraded" metric).
    public var fallbackCount: Int { fallbackCalls.load(ordering: .relaxed) }
    /// Redis failures seen so far (errors and timeouts).
    public var failureCount: Int { primaryFailures.load(ordering: .relaxed) }
    /// True while calls go to the fallback.
    public var isDegraded: Bool { state.withLock { $0.probeAt != nil } }

    /// Runs `primary` when Redis is healthy or a probe is due, else (or when it throws) `fallback`.
    public func run<T>(
        _ operation: String, primary: () async throws -> T, fallback: () async throws -> T
    ) async throws -> T {
        let route = state.withLock { state -> Route in
            guard let probeAt = state.probeAt else { return .primary }
            guard !state.probing, now() >= probeAt else { return .fallback }
            state.probing = true
            return .probe
        }
        if route != .fallback {
            do {
                let value = try await primary()
                succeeded(probe: route == .probe)
                return value
            } catch {
                failed(operation, error, probe: route == .probe)
            }
        }
        fallbackCalls.add(1, ordering: .relaxed)
        return try await fallback()
    }

    private func succeeded(probe: Bool) {
        guard probe else { return }
        state.withLock { $0 = State() }
        logger.warning("Redis answers again; conversation state, rate limits and dedupe are back on Redis")
    }

    private func failed(_ operation: String, _ error: any Error, probe: Bool) {
        primaryFailures.add(1, ordering: .relaxed)
        let (first, delay) = state.withLock { state in
            let first = state.probeAt == nil
            // Calls that were already in flight when Redis failed do not lengthen the backoff; failed probes do.
            guard first || probe else { return (false, Duration.zero) }
            state.failures += 1
            state.probing = false
            let delay = Self.delay(policy, failures: state.failures)
            state.probeAt = now() + delay
            return (first, delay)
        }
        let metadata: Logger.Metadata = ["operation": "\(operation)", "error": "\(error)", "next_probe_in": "\(delay)"]
        if first {
            logger.warning("Redis failed; serving from the SQL/in-memory fallback", metadata: metadata)
        } else {
            logger.debug("Redis still failing", metadata: metadata)
        }
    }

    private static func delay(_ policy: Policy, failures: Int) -> Duration {
        var delay = policy.initialBackoff
        for _ in 1..<max(1, min(failures, 40)) where delay < policy.maximumBackoff { delay *= 2 }
        return min(delay, policy.maximumBackoff)
    }
}
