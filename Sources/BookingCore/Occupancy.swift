import Foundation

/// A half-open span of instants in seconds since 1970.
struct Span: Hashable, Sendable {
    /// First instant inside.
    var lower: Double
    /// First instant after.
    var upper: Double

    /// The span of a range of dates.
    init(_ range: Range<Date>) {
        self.init(lower: range.lowerBound.timeIntervalSince1970, upper: range.upperBound.timeIntervalSince1970)
    }

    /// A span from `lower` to `upper`.
    init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }
}

/// Sorted, merged, disjoint spans: answers "does this overlap anything" with one binary search.
struct SpanSet: Sendable {
    /// The spans, ordered, disjoint and non-empty; touching spans are merged.
    private(set) var spans: [Span]

    /// Sorts and merges `spans`, dropping empty ones.
    init(_ spans: [Span]) {
        var merged: [Span] = []
        for span in spans.filter({ $0.lower < $0.upper }).sorted(by: { $0.lower < $1.lower }) {
            if let last = merged.last, span.lower <= last.upper {
                merged[merged.count - 1].upper = max(last.upper, span.upper)
            } else {
                merged.append(span)
            }
        }
        self.spans = merged
    }

    /// The index of the first span that ends after `instant`.
    private func firstEnding(after instant: Double) -> Int {
        var low = 0
        var high = spans.count
        while low < high {
            let middle = (low + high) / 2
            if spans[middle].upper <= instant { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// True when some span overlaps `lower..<upper`.
    func overlaps(lower: Double, upper: Double) -> Bool {
        let index = firstEnding(after: lower)
        return index < spans.count && spans[index].lower < upper && lower < upper
    }

    /// True when one span covers all of `lower..<upper`.
    func covers(lower: Double, upper: Double) -> Bool {
        let index = firstEnding(after: lower)
        return index < spans.count && spans[index].lower <= lower && upper <= spans[index].upper
    }
}

/// Who is busy when: each master's bookings (with buffers) and blocks, precomputed for fast slot checks.
struct Occupancy: Sendable {
    /// Per master: bookings, buffers and blocks.
    private var busy: [MasterID: SpanSet] = [:]
    /// Per master: blocks only (blocks for all masters included).
    private var blocked: [MasterID: SpanSet] = [:]
    /// Blocks for all masters: what a master without own entries is busy with.
    private var blockedForAll = SpanSet([])
    /// Per master: sorted start instants of active bookings, for "least booked that day".
    private var starts: [MasterID: [Double]] = [:]

    /// Indexes active `bookings` and `blocks`.
    init(bookings: [Booking], blocks: [Block]) {
        let active = bookings.filter(\.status.isActive)
        let common = blocks.filter { $0.masterID == nil }.map { Span($0.range) }
        var ownBlocks: [MasterID: [Span]] = [:]
        for block in blocks { if let id = block.masterID { ownBlocks[id, default: []].append(Span(block.range)) } }
        var ownBookings: [MasterID: [Span]] = [:]
        for booking in active {
            ownBookings[booking.masterID, default: []].append(Span(booking.occupied))
            starts[booking.masterID, default: []].append(booking.start.timeIntervalSince1970)
        }
        blockedForAll = SpanSet(common)
        for id in Set(ownBlocks.keys).union(ownBookings.keys) {
            let blocks = common + ownBlocks[id, default: []]
            blocked[id] = SpanSet(blocks)
            busy[id] = SpanSet(blocks + ownBookings[id, default: []])
        }
        for id in starts.keys { starts[id]?.sort() }
    }

    /// Everything `master` is busy with: bookings with their buffers, and blocks.
    func busy(_ master: MasterID) -> SpanSet { busy[master] ?? blockedForAll }

    /// True when nothing of `master` overlaps `lower..<upper`.
    func isFree(lower: Double, upper: Double, master: MasterID) -> Bool {
        !busy(master).overlaps(lower: lower, upper: upper)
    }

    /// True when blocks cover all of `lower..<upper` for `master`.
    func isBlocked(lower: Double, upper: Double, master: MasterID) -> Bool {
        (blocked[master] ?? blockedForAll).covers(lower: lower, upper: upper)
    }

    /// How many active bookings of `master` start in `lower..<upper`.
    func bookingCount(master: MasterID, lower: Double, upper: Double) -> Int {
        guard let starts = starts[master] else { return 0 }
        return index(in: starts, before: upper) - index(in: starts, before: lower)
    }

    /// The number of values in sorted `values` that are below `bound`.
    private func index(in values: [Double], before bound: Double) -> Int {
        var low = 0
        var high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] < bound { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// One master's working hours, ready for fast lookups.
struct WorkPlan: Sendable {
    /// The master.
    let master: Master
    /// Per weekday (Monday first), sorted intervals.
    private let weekly: [[WorkingInterval]]
    /// Dated exceptions, sorted intervals; the first exception of a date wins, as in `Master.intervals(on:)`.
    private let exceptions: [LocalDate: [WorkingInterval]]

    /// Prepares `master`'s plan.
    init(_ master: Master) {
        self.master = master
        let sorted: ([WorkingInterval]) -> [WorkingInterval] = { $0.sorted { ($0.start, $0.end) < ($1.start, $1.end) } }
        weekly = Weekday.allCases.map { sorted(master.plan.days[$0] ?? []) }
        var exceptions: [LocalDate: [WorkingInterval]] = [:]
        for exception in master.exceptions where exceptions[exception.date] == nil {
            exceptions[exception.date] = sorted(exception.intervals)
        }
        self.exceptions = exceptions
    }

    /// Working intervals on `date`, earliest first.
    func intervals(on date: LocalDate) -> [WorkingInterval] {
        exceptions.isEmpty ? weekly[date.weekday.rawValue - 1] : exceptions[date] ?? weekly[date.weekday.rawValue - 1]
    }
}
