import BookingCore

/// Draws field values inside their bounds for the property test of every button kind (`ButtonKind.sample`).
///
/// Seeded, so a failing draw can be replayed; one draw in four is a bound of the range, where off-by-one errors and
/// the longest encodings live.
struct ButtonSampler: Sendable {
    private var random: SplitMix64

    /// A sampler that draws the same sequence for the same `seed`.
    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    /// The next 64 random bits.
    mutating func next() -> UInt64 { random.next() }

    /// A value of `range`: its lower bound, its upper bound, or any value between.
    mutating func integer(in range: ClosedRange<Int64>) -> Int64 {
        switch random.next() % 8 {
        case 0: range.lowerBound
        case 1: range.upperBound
        default: Int64.random(in: range, using: &random)
        }
    }

    /// One element of `choices`, which is not empty.
    mutating func element<T>(of choices: [T]) -> T { choices[Int.random(in: choices.indices, using: &random)] }
}
