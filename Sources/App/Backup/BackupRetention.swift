import Foundation

/// Which scheduled backup runs to keep: the newest run of each of the `daily` most recent days that have runs, and
/// the newest of each of the `weekly` most recent ISO weeks (UTC); the newest run always. The rest are deleted.
public struct BackupRetention: Sendable, Equatable {
    /// Days kept.
    public var daily: Int
    /// Weeks kept.
    public var weekly: Int

    /// A policy.
    public init(daily: Int, weekly: Int) {
        self.daily = daily
        self.weekly = weekly
    }

    /// The runs (their start times) to keep.
    public func keep(_ runs: [Date]) -> Set<Date> {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let newestFirst = runs.sorted(by: >)
        var kept: Set<Date> = Set(newestFirst.prefix(1))
        func pick(_ count: Int, _ key: (Date) -> DateComponents) {
            var seen: Set<DateComponents> = []
            for run in newestFirst where seen.count < count {
                if seen.insert(key(run)).inserted { kept.insert(run) }
            }
        }
        pick(daily) { calendar.dateComponents([.year, .month, .day], from: $0) }
        pick(weekly) { calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: $0) }
        return kept
    }
}
