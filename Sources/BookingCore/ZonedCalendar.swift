import Foundation

/// Converts between the tenant's wall clock (an IANA zone) and instants.
///
/// A wall-clock time that is skipped by a DST gap has no instant; one that occurs twice (the repeated hour
/// when clocks go back) means its first occurrence.
public struct ZonedCalendar: Sendable {
    /// The zone.
    public let zone: TimeZone

    /// Creates a calendar for an IANA identifier; nil when the zone is unknown.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.init(zone: zone)
    }

    /// Creates a calendar for a zone.
    public init(zone: TimeZone) {
        self.zone = zone
    }

    /// The instant of a wall-clock time: nil when it does not exist (DST gap), the first occurrence when ambiguous.
    ///
    /// `time` may be 24:00, which is midnight at the start of the next day.
    public func instant(_ date: LocalDate, _ time: LocalTime) -> Date? {
        offsets(around: date).instant(local: date.naiveSeconds(minutes: time.minutes)).map(Date.init(timeIntervalSince1970:))
    }

    /// The earliest instant at which the wall clock reads `time` on `date` or later.
    ///
    /// Equal to `instant(date, time)` when that exists; inside a DST gap it is the moment the clock jumps
    /// over `time`. This is where a working interval or a blocked day ends.
    public func earliestInstant(atOrAfter date: LocalDate, _ time: LocalTime) -> Date {
        Date(timeIntervalSince1970: offsets(around: date).earliest(atOrAfter: date.naiveSeconds(minutes: time.minutes)))
    }

    /// The first instant of `date` (its midnight, or the end of a DST gap that swallows midnight).
    public func startOfDay(_ date: LocalDate) -> Date {
        earliestInstant(atOrAfter: date, LocalTime(minutes: 0)!)
    }

    /// The instants of `date`: from its first instant up to the first instant of the next day.
    public func dayRange(_ date: LocalDate) -> Range<Date> {
        startOfDay(date)..<startOfDay(date.adding(days: 1))
    }

    /// The wall-clock date of an instant.
    public func localDate(of instant: Date) -> LocalDate {
        LocalDate(daysSinceEpoch: Int((localSeconds(of: instant) / 86_400).rounded(.down).clamped(to: -1e7...1e7)))
    }

    /// The wall-clock time of an instant, to the minute (seconds are dropped).
    public func localTime(of instant: Date) -> LocalTime {
        let minutes = Int((localSeconds(of: instant) / 60).rounded(.down).clamped(to: -1e12...1e12)) % 1_440
        return LocalTime(minutes: (minutes + 1_440) % 1_440)!
    }

    /// The zone's offsets around the local days `first...last`, for fast repeated conversions.
    func offsets(from first: LocalDate, through last: LocalDate) -> ZoneOffsets {
        ZoneOffsets(zone: zone, from: first, through: last)
    }

    private func offsets(around date: LocalDate) -> ZoneOffsets { offsets(from: date, through: date) }

    private func localSeconds(of instant: Date) -> Double {
        instant.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: instant))
    }
}
