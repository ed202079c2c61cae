import Foundation

/// A zone's UTC offsets over a span of instants, so wall-clock conversions in hot loops are plain arithmetic.
///
/// Instants and wall-clock readings are seconds since 1970; a wall-clock reading is the instant the same
/// digits would name in UTC ("naive" seconds, see `LocalDate.naiveSeconds(_:)`).
struct ZoneOffsets: Sendable, Equatable {
    /// Instants from which `offsets[i]` applies; `starts[0]` is the start of the span.
    private(set) var starts: [Double]
    /// Offsets in seconds east of UTC, one per entry of `starts`.
    private(set) var offsets: [Double]
    /// The first instant past the span.
    private(set) var end: Double

    /// The offsets in effect around the local days `first...last` (two days of margin on each side).
    init(zone: TimeZone, from first: LocalDate, through last: LocalDate) {
        let lower = Double(first.daysSinceEpoch - 2) * 86_400
        let upper = Double(max(first, last).daysSinceEpoch + 3) * 86_400
        self = Self.fromTransitions(zone: zone, lower: lower, upper: upper)
        if !matches(zone: zone) {
            // The transitions API missed a change of offset; find every change by scanning instead.
            self = Self.scanned(zone: zone, lower: lower, upper: upper)
        }
    }

    private init(starts: [Double], offsets: [Double], end: Double) {
        self.starts = starts
        self.offsets = offsets
        self.end = end
    }

    /// Builds the table from `TimeZone.nextDaylightSavingTimeTransition(after:)`.
    static func fromTransitions(zone: TimeZone, lower: Double, upper: Double) -> ZoneOffsets {
        var table = ZoneOffsets(starts: [lower], offsets: [offset(zone, lower)], end: upper)
        var cursor = lower
        while let next = zone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: cursor)),
            next.timeIntervalSince1970 > cursor, next.timeIntervalSince1970 < upper
        {
            cursor = next.timeIntervalSince1970
            table.append(cursor, offset(zone, cursor))
        }
        return table
    }

    /// Builds the table by sampling every hour and bisecting each change to the second.
    static func scanned(zone: TimeZone, lower: Double, upper: Double) -> ZoneOffsets {
        var table = ZoneOffsets(starts: [lower], offsets: [offset(zone, lower)], end: upper)
        var time = lower
        while time < upper {
            let next = min(time + 3_600, upper)
            if offset(zone, next) != table.offsets[table.offsets.count - 1] {
                // Invariant: the offset at `low` is the last one recorded, the offset at `high` differs.
                var low = time
                var high = next
                while high - low > 1 {
                    let middle = ((low + high) / 2).rounded(.down)
                    if offset(zone, middle) == table.offsets[table.offsets.count - 1] { low = middle } else { high = middle }
                }
                table.append(high, offset(zone, high))
                time = high
            } else {
                time = next
            }
        }
        return table
    }

    private static func offset(_ zone: TimeZone, _ instant: Double) -> Double {
        Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: instant)))
    }

    private mutating func append(_ start: Double, _ offset: Double) {
        guard offset != offsets[offsets.count - 1] else { return }
        starts.append(start)
        offsets.append(offset)
    }

    /// True when the table agrees with the zone every twelve hours across the span.
    private func matches(zone: TimeZone) -> Bool {
        stride(from: starts[0], to: end, by: 43_200).allSatisfy { offset(at: $0) == Self.offset(zone, $0) }
    }

    /// The end of entry `index`.
    private func end(of index: Int) -> Double { index + 1 < starts.count ? starts[index + 1] : end }

    /// The offset in effect at `instant`.
    func offset(at instant: Double) -> Double {
        var index = starts.count - 1
        while index > 0, starts[index] > instant { index -= 1 }
        return offsets[index]
    }

    /// The wall-clock reading (naive seconds) at `instant`.
    func local(at instant: Double) -> Double { instant + offset(at: instant) }

    /// The first instant whose wall clock reads `local`; nil when the reading is skipped (a DST gap).
    func instant(local: Double) -> Double? {
        for index in starts.indices {
            let candidate = local - offsets[index]
            if candidate >= starts[index], candidate < end(of: index) { return candidate }
        }
        return nil
    }

    /// The earliest instant whose wall clock reads `local` or later: the reading itself when it exists,
    /// else the moment the clock jumps over it.
    func earliest(atOrAfter local: Double) -> Double {
        for index in starts.indices {
            let candidate = max(starts[index], local - offsets[index])
            if candidate < end(of: index) { return candidate }
        }
        return local - offsets[offsets.count - 1]
    }

    /// Whether wall-clock readings of `day` (and the moments around it) are inside the table.
    func covers(_ day: LocalDate) -> Bool {
        starts[0] <= day.naiveSeconds(minutes: 0) - 86_400 && day.naiveSeconds(minutes: 1_440) + 86_400 <= end
    }
}

extension LocalDate {
    /// The wall-clock reading `minutes` after this date's midnight as naive seconds (as if the zone were UTC).
    func naiveSeconds(minutes: Int) -> Double { Double(daysSinceEpoch * 86_400 + minutes * 60) }
}
