/// The wake-up line to the outbox sender: whoever commits rows calls `wake`; the sender alone listens.
struct OutboxSignal: Sendable {
    let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Tells the sender that new rows were committed.
    func wake() { continuation.yield() }
}
