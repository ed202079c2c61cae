import App
import Foundation
import Synchronization

/// The real clocks with a movable offset: end-to-end tests jump ahead to make reminders, feedback questions, waitlist
/// holds and flood waits come due while the real service keeps running. Serves both the wall clock
/// (`AppDependencies.now`) and the pacing clock (`AppDependencies.clock`), so the two never disagree.
final class TestClock: ServiceClock {
    private let offset = Mutex<TimeInterval>(0)

    /// The wall clock, shifted.
    func date() -> Date { Date().addingTimeInterval(offset.withLock { $0 }) }

    var now: ContinuousClock.Instant { ContinuousClock.now + .seconds(offset.withLock { $0 }) }

    /// Sleeps in real time, in short steps, so a jump ahead ends the sleep at once.
    func sleep(for duration: Duration) async throws {
        let deadline = now + duration
        while case let remaining = deadline - now, remaining > .zero {
            try await Task.sleep(for: min(remaining, .milliseconds(20)))
        }
    }

    /// Moves the clock forward.
    func advance(by seconds: TimeInterval) { offset.withLock { $0 += seconds } }
}
