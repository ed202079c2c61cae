import Synchronization

/// A readers–writer gate for updates: ordinary updates share it, a suspect of an earlier crash holds it alone, so
/// that if it crashes the process again it is the only update in flight. Waiters are served in arrival order, so
/// a suspect is not starved by a stream of ordinary updates.
final class SoloGate: Sendable {
    private struct State {
        var shared = 0
        var alone = false
        var waiting: [(alone: Bool, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state = Mutex(State())

    /// Waits until no suspect holds the gate, then shares it.
    func enterShared() async { await enter(alone: false) }

    /// Releases a shared hold.
    func leaveShared() { leave { $0.shared -= 1 } }

    /// Waits until nothing holds the gate, then holds it alone.
    func enterAlone() async { await enter(alone: true) }

    /// Releases the sole hold.
    func leaveAlone() { leave { $0.alone = false } }

    private func enter(alone: Bool) async {
        await withCheckedContinuation { continuation in
            let admitted = state.withLock { state -> Bool in
                guard state.waiting.isEmpty, Self.admits(alone: alone, state) else {
                    state.waiting.append((alone, continuation))
                    return false
                }
                Self.take(alone: alone, &state)
                return true
            }
            if admitted { continuation.resume() }
        }
    }

    private func leave(_ release: (inout State) -> Void) {
        let ready = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            release(&state)
            var ready: [CheckedContinuation<Void, Never>] = []
            while let next = state.waiting.first, Self.admits(alone: next.alone, state) {
                state.waiting.removeFirst()
                Self.take(alone: next.alone, &state)
                ready.append(next.continuation)
            }
            return ready
        }
        ready.forEach { $0.resume() }
    }

    private static func admits(alone: Bool, _ state: State) -> Bool {
        alone ? !state.alone && state.shared == 0 : !state.alone
    }

    private static func take(alone: Bool, _ state: inout State) {
        if alone { state.alone = true } else { state.shared += 1 }
    }
}
