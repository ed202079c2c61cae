import Synchronization

/// A version counter that tasks can wait on: read `version`, check a condition, then `wait(after:)`.
///
/// No change is lost: a bump between reading the version and waiting makes the wait return at once.
final class ChangeSignal: Sendable {
    private struct State {
        var version: UInt64 = 0
        var nextWaiterID: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    /// Creates a signal at version 0.
    init() {}

    /// The current version.
    var version: UInt64 { state.withLock { $0.version } }

    /// Records a change and wakes every waiter.
    func bump() {
        let waiters = state.withLock { state in
            state.version &+= 1
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Suspends until the version differs from `version` or the task is cancelled.
    func wait(after version: UInt64) async {
        let id = state.withLock { state in
            state.nextWaiterID &+= 1
            return state.nextWaiterID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    if state.version != version || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }

    /// Waits, re-checking `condition` after every change, until it yields a value.
    func wait<T>(until condition: () throws -> T?) async throws -> T {
        while true {
            let seen = version
            if let value = try condition() { return value }
            try Task.checkCancellation()
            await wait(after: seen)
        }
    }
}
