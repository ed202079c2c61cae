import BookingCore

/// Draws for the scenarios of the property tests, from the seeded `SplitMix64` of BookingCore.
extension SplitMix64 {
    /// A value from `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }

    /// One element of a non-empty array.
    mutating func pick<T>(_ values: [T]) -> T { values[int(0...values.count - 1)] }
}
