import Foundation

@testable import BookingCore

/// A brute-force wall clock of one local day: reads `TimeZone.secondsFromGMT` minute by minute, sharing
/// no code with the engine, to check its conversions.
struct WallClockOracle {
    /// The day.
    let day: LocalDate
    /// Per minute of the day (0..<1440): the first instant the clock reads it, nil when skipped.
    private(set) var first: [Double?] = Array(repeating: nil, count: 1_440)
    /// Per minute of the day (0...1440): the earliest instant the clock reads it or later.
    private(set) var earliest: [Double] = Array(repeating: .nan, count: 1_441)

    init(zone: TimeZone, day: LocalDate) {
        self.day = day
        let midnight = Double(day.daysSinceEpoch) * 86_400
        var reached = Int.min
        for step in 0..<(3 * 1_440) {
            let instant = midnight - 86_400 + Double(step) * 60
            let minute = Int(((Self.reading(zone, instant) - midnight) / 60).rounded(.down))
            if (0..<1_440).contains(minute), first[minute] == nil { first[minute] = instant }
            if minute > reached {
                let lower = max(0, reached + 1)
                let upper = min(minute, 1_440)
                if lower <= upper { for target in lower...upper { earliest[target] = instant } }
                reached = minute
            }
        }
    }

    /// The naive seconds the clock reads at `instant`.
    static func reading(_ zone: TimeZone, _ instant: Double) -> Double {
        instant + Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: instant)))
    }

    /// The local date of `instant`.
    static func localDate(_ zone: TimeZone, _ instant: Date) -> LocalDate {
        LocalDate(daysSinceEpoch: Int((reading(zone, instant.timeIntervalSince1970) / 86_400).rounded(.down)))
    }
}
