import Foundation
import Synchronization

/// The wall clock with a movable offset: end-to-end tests jump hours ahead to make reminders, feedback
/// questions and waitlist holds come due while the real service keeps running.
final class TestClock: Sendable {
    private let offset = Mutex<TimeInterval>(0)

    /// Now, shifted.
    func now() -> Date { Date().addingTimeInterval(offset.withLock { $0 }) }

    /// Moves the clock forward.
    func advance(by seconds: TimeInterval) { offset.withLock { $0 += seconds } }
}
