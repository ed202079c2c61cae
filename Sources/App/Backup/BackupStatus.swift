import Foundation
import Synchronization

/// What the scheduled backups last did, for readiness and metrics; shared by the service and the routes.
public final class BackupStatus: Sendable {
    private struct State {
        var lastSuccess: Date?
        var lastFailure: String?
        var finishedRuns = 0
        var waiters: [(runs: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state = Mutex(State())

    /// An empty status.
    public init() {}

    /// When the last successful run started; nil: none yet.
    public var lastSuccess: Date? { state.withLock { $0.lastSuccess } }
    /// Why the last run failed, when it did (cleared by a success).
    public var lastFailure: String? { state.withLock { $0.lastFailure } }

    /// Notes a run found on disk at start (counts as a success, not as a run of this process).
    func found(_ date: Date) {
        state.withLock { if $0.lastSuccess.map({ $0 < date }) ?? true { $0.lastSuccess = date } }
    }

    /// Notes the end of a run: a success at `date`, or the failure's reason.
    func finished(success date: Date?, failure: String?) {
        let ready = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            if let date { state.lastSuccess = date }
            state.lastFailure = failure
            state.finishedRuns += 1
            let runs = state.finishedRuns
            let ready = state.waiters.filter { $0.runs <= runs }.map(\.continuation)
            state.waiters.removeAll { $0.runs <= runs }
            return ready
        }
        for continuation in ready { continuation.resume() }
    }

    /// Whether `runs` runs finished in this process within `timeout` (for tests).
    public func waitForRuns(_ runs: Int, timeout: Duration) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await self.wait(runs)
                return true
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            if !first { releaseWaiters() }
            return first
        }
    }

    private func wait(_ runs: Int) async {
        await withCheckedContinuation { continuation in
            let done = state.withLock { state -> Bool in
                if state.finishedRuns >= runs { return true }
                state.waiters.append((runs, continuation))
                return false
            }
            if done { continuation.resume() }
        }
    }

    private func releaseWaiters() {
        let waiting = state.withLock { state in
            defer { state.waiters.removeAll() }
            return state.waiters.map(\.continuation)
        }
        for continuation in waiting { continuation.resume() }
    }
}
