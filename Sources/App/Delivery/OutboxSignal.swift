import Foundation
import Storage
import Synchronization

/// Rows an update's transaction wrote already claimed for this process's sender (see `OutboxStore.enqueue(_:tenant:now:claim:)`).
struct OutboxHandoff: Sendable {
    /// The claimed rows, in order.
    var messages: [OutboxMessage]
    /// When their claim ends.
    var leaseUntil: Date
}

/// The line to the outbox sender: whoever commits rows calls `wake` (rows to claim from the store) or `handOff`
/// (rows already claimed for this sender); the sender alone listens.
final class OutboxSignal: Sendable {
    let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation
    private let pending = Mutex<(claim: Bool, handoffs: [OutboxHandoff])>((false, []))

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Tells the sender that rows it has to claim were committed (or may be due).
    func wake() {
        pending.withLock { $0.claim = true }
        continuation.yield()
    }

    /// Gives the sender rows claimed for it as they were written: it sends them without a claim query.
    func handOff(_ handoff: OutboxHandoff) {
        guard !handoff.messages.isEmpty else { return }
        pending.withLock { $0.handoffs.append(handoff) }
        continuation.yield()
    }

    /// What arrived since the last call.
    func take() -> (claim: Bool, handoffs: [OutboxHandoff]) {
        pending.withLock { state in
            defer { state = (false, []) }
            return state
        }
    }
}
