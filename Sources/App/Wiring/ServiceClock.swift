import ServiceLifecycle

/// The monotonic time the service paces itself by: the sender's flood control, deadlines and retries, and the
/// intervals of the tenant runner and the timer intake. Injected (`AppDependencies.clock`), so a test moves it instead
/// of waiting; the wall clock for stored times is `AppDependencies.now`.
public protocol ServiceClock: Sendable {
    /// Now.
    var now: ContinuousClock.Instant { get }
    /// Returns once `duration` has passed on this clock; throws when the task is cancelled.
    func sleep(for duration: Duration) async throws
}

/// The real clock.
public struct SystemClock: ServiceClock {
    public init() {}
    public var now: ContinuousClock.Instant { .now }
    public func sleep(for duration: Duration) async throws { try await Task.sleep(for: duration) }
}

extension ServiceClock {
    /// Runs `round`, then waits `interval`, until the service group shuts down (or the task is cancelled): the loop of
    /// every periodic service (timers, sweeps, pruning, leases). A round handles its own errors.
    func repeatUntilShutdown(every interval: Duration, _ round: @escaping @Sendable () async -> Void) async {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await round()
                try? await sleep(for: interval)
            }
        }
    }
}
