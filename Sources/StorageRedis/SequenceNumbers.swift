import Synchronization

/// Unique suffixes for sorted-set members, so two updates in the same millisecond both count.
final class SequenceNumbers: Sendable {
    private let value = Atomic<UInt64>(UInt64.random(in: 0..<(1 << 40)))

    /// The next number.
    func next() -> UInt64 { value.add(1, ordering: .relaxed).newValue }
}
