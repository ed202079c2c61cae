import Foundation

/// Converts between the tenant's wall clock (an IANA zone) and instants.
public struct ZonedCalendar: Sendable {
    /// The zone.
    public let zone: TimeZone
    private let calendar: Calendar

    /// Creates a calendar for an IANA identifier; nil when the zone is unknown.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.init(zone: zone)
    }

    /// Creates a calendar for a zone.
    public init(zone: TimeZone) {
        self.zone = zone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.calendar = calendar
    }

    /// The instant of a wall-clock time: nil when it does not exist (DST gap), the first occurrence when ambiguous.
    public func instant(_ date: LocalDate, _ time: LocalTime) -> Date? {
        // Treat the wall clock as if it were UTC, then correct by the zone's offset around it.
        let naive = Double(date.daysSinceEpoch) * 86_400 + Double(time.minutes) * 60
        // Offsets that could apply: before and after any transition within a day of the naive instant.
        let offsetEarly = Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: naive - 86_400)))
        let offsetLate = Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: naive + 86_400)))
        var candidates: [Date] = []
        for offset in Set([offsetEarly, offsetLate]) {
            let instant = Date(timeIntervalSince1970: naive - offset)
            if Double(zone.secondsFromGMT(for: instant)) == offset { candidates.append(instant) }
        }
        return candidates.min()
    }

    /// The wall-clock date of an instant.
    public func localDate(of instant: Date) -> LocalDate {
        let seconds = instant.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: instant))
        return LocalDate(daysSinceEpoch: Int((seconds / 86_400).rounded(.down)))
    }

    /// The wall-clock time of an instant.
    public func localTime(of instant: Date) -> LocalTime {
        let seconds = instant.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: instant))
        let minutes = Int((seconds / 60).rounded(.down)) % 1440
        return LocalTime(minutes: (minutes + 1440) % 1440)!
    }
}
