/// Draws field values inside their bounds for the property test of every button kind (`ButtonKind.sample`).
///
/// A seeded SplitMix64, so a failing draw can be replayed; one draw in four is a bound of the range, where
/// off-by-one errors and the longest encodings live.
struct ButtonSampler: Sendable {
    private var state: UInt64

    /// A sampler that draws the same sequence for the same `seed`.
    init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value of `range`: its lower bound, its upper bound, or any value between.
    mutating func integer(in range: ClosedRange<Int64>) -> Int64 {
        switch next() % 8 {
        case 0: return range.lowerBound
        case 1: return range.upperBound
        default:
            // The span of every field range fits in UInt64 (they lie inside ±2^62).
            let span = UInt64(range.upperBound - range.lowerBound) + 1
            return range.lowerBound + Int64(next() % span)  // the remainder is below the span
        }
    }

    /// One element of `choices`, which is not empty.
    mutating func element<T>(of choices: [T]) -> T {
        choices[Int(integer(in: 0...Int64(choices.count - 1)))]
    }
}
