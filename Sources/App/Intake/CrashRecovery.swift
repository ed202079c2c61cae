/// Runs the start-up recovery once; concurrent callers wait for it; a failure lets the next caller try again.
actor CrashRecovery {
    private enum State {
        case pending
        case running([CheckedContinuation<Void, any Error>])
        case done
    }

    private var state = State.pending
    private let leftovers: InFlightJournal.Leftovers

    init(leftovers: InFlightJournal.Leftovers) { self.leftovers = leftovers }

    /// Runs `work` on the leftovers unless it already succeeded; waits for a run in progress.
    func run(_ work: @Sendable (InFlightJournal.Leftovers) async throws -> Void) async throws {
        switch state {
        case .done: return
        case .running(let waiting):
            try await withCheckedThrowingContinuation { continuation in state = .running(waiting + [continuation]) }
        case .pending:
            state = .running([])
            do {
                try await work(leftovers)
                if case .running(let waiting) = state { waiting.forEach { $0.resume() } }
                state = .done
            } catch {
                if case .running(let waiting) = state { waiting.forEach { $0.resume(throwing: error) } }
                state = .pending
                throw error
            }
        }
    }
}
