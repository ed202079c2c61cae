import BookingCore
import Foundation

/// A subscribed iCalendar feed (RFC 5545) of a master's or the whole business's bookings: every event in the tenant's
/// zone (TZID) with a VTIMEZONE of the zone's real transitions around the events, a SEQUENCE that grows with each move
/// and the cancellation, and STATUS:CANCELLED for a cancelled booking, so a calendar app updates the one event.
public struct CalendarFeed: Sendable {
    /// One event.
    public struct Event: Sendable {
        public var booking: Booking
        public var service: String
        public var master: String
        public var client: String
        /// Times the booking was moved.
        public var moves: Int

        public init(booking: Booking, service: String, master: String, client: String, moves: Int) {
            self.booking = booking
            self.service = service
            self.master = master
            self.client = client
            self.moves = moves
        }
    }

    public var tenant: TenantContext
    /// The feed's name ("Анна — Салон").
    public var name: String
    public var events: [Event]
    public var now: Date

    public init(tenant: TenantContext, name: String, events: [Event], now: Date) {
        self.tenant = tenant
        self.name = name
        self.events = events
        self.now = now
    }

    /// Days of bookings before and after now a feed carries.
    public static let daysBack = 60
    public static let daysAhead = 366
    /// Most events in one feed.
    public static let maxEvents = 5_000

    public var text: String {
        let zone = tenant.profile.timeZone
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Zapis//Calendar feed//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:\(CalendarFile.escape(name))", "X-WR-TIMEZONE:\(zone)",
        ]
        lines += timeZone()
        for event in events.prefix(Self.maxEvents) {
            let booking = event.booking
            let cancelled = if case .cancelled = booking.status { true } else { false }
            lines += [
                "BEGIN:VEVENT",
                "UID:booking-\(booking.id)@\(tenant.id).zapis",
                "DTSTAMP:\(CalendarFile.utc(now))",
                "DTSTART;TZID=\(zone):\(Self.local(booking.start, tenant.calendar))",
                "DTEND;TZID=\(zone):\(Self.local(booking.end, tenant.calendar))",
                "SEQUENCE:\(event.moves + (cancelled ? 1 : 0))",
                "STATUS:\(cancelled ? "CANCELLED" : "CONFIRMED")",
                "SUMMARY:\(CalendarFile.escape("\(event.service) — \(event.client)"))",
                "DESCRIPTION:\(CalendarFile.escape("\(event.master)\n\(event.client)"))",
                "LOCATION:\(CalendarFile.escape(tenant.profile.address))",
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(CalendarFile.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// "20261025T103000", wall-clock time with seconds.
    static func local(_ instant: Date, _ calendar: ZonedCalendar) -> String {
        wall(instant, offset: calendar.zone.secondsFromGMT(for: instant))
    }

    /// The wall-clock time of `instant` at UTC offset `offset` seconds.
    static func wall(_ instant: Date, offset: Int) -> String {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down).clamped(to: -1e12...1e12)) + offset
        let date = LocalDate(daysSinceEpoch: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let rest = ((seconds % 86_400) + 86_400) % 86_400
        return String(format: "%04d%02d%02dT%02d%02d%02d", date.year, date.month, date.day, rest / 3600, rest / 60 % 60, rest % 60)
    }

    /// The VTIMEZONE: the offset in force a year before the first event, then every transition until a year after the
    /// last, each as its own STANDARD or DAYLIGHT observance with the wall-clock time it starts at.
    func timeZone() -> [String] {
        let zone = tenant.calendar.zone
        let starts = events.map(\.booking.start)
        let from = (starts.min() ?? now).addingTimeInterval(-366 * 86_400)
        let to = (starts.max() ?? now).addingTimeInterval(366 * 86_400)
        var lines = ["BEGIN:VTIMEZONE", "TZID:\(tenant.profile.timeZone)"]
        var offset = zone.secondsFromGMT(for: from)
        var observances = [(kind: zone.isDaylightSavingTime(for: from) ? "DAYLIGHT" : "STANDARD", at: from, from: offset, to: offset)]
        var cursor = from
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < to, observances.count < 64 {
            let new = zone.secondsFromGMT(for: next)
            observances.append((zone.isDaylightSavingTime(for: next) ? "DAYLIGHT" : "STANDARD", next, offset, new))
            offset = new
            cursor = next
        }
        for observance in observances {
            // DTSTART is the local time of the transition in the offset before it (RFC 5545 §3.6.5).
            lines += [
                "BEGIN:\(observance.kind)", "DTSTART:\(Self.wall(observance.at, offset: observance.from))",
                "TZOFFSETFROM:\(CalendarFile.offset(observance.from))", "TZOFFSETTO:\(CalendarFile.offset(observance.to))",
                "END:\(observance.kind)",
            ]
        }
        lines.append("END:VTIMEZONE")
        return lines
    }
}
