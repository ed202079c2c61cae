import BookingCore
import Foundation

/// An iCalendar (.ics, RFC 5545) file for one booking, in the tenant's zone (TZID) with the business address.
struct CalendarFile {
    let booking: Booking
    let tenant: TenantContext
    let serviceName: String
    let masterName: String
    let now: Date

    var fileName: String { "booking-\(booking.id).ics" }

    var bytes: [UInt8] { Array(text.utf8) }

    var text: String {
        let zone = tenant.profile.timeZone
        let calendar = tenant.calendar
        let offset = tenant.calendar.zone.secondsFromGMT(for: booking.start)
        let lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Zapis//Booking//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "BEGIN:VTIMEZONE", "TZID:\(zone)", "BEGIN:STANDARD", "DTSTART:19700101T000000",
            "TZOFFSETFROM:\(Self.offset(offset))", "TZOFFSETTO:\(Self.offset(offset))", "END:STANDARD", "END:VTIMEZONE",
            "BEGIN:VEVENT",
            "UID:booking-\(booking.id)@\(tenant.id).zapis",
            "DTSTAMP:\(Self.utc(now))",
            "DTSTART;TZID=\(zone):\(Self.local(booking.start, calendar))",
            "DTEND;TZID=\(zone):\(Self.local(booking.end, calendar))",
            "SUMMARY:\(Self.escape("\(serviceName) — \(tenant.profile.name)"))",
            "LOCATION:\(Self.escape(tenant.profile.address))",
            "DESCRIPTION:\(Self.escape("\(masterName)\n\(tenant.profile.contact)"))",
            "END:VEVENT", "END:VCALENDAR",
        ]
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    static func local(_ instant: Date, _ calendar: ZonedCalendar) -> String {
        let date = calendar.localDate(of: instant)
        let time = calendar.localTime(of: instant)
        return String(format: "%04d%02d%02dT%02d%02d00", date.year, date.month, date.day, time.minutes / 60, time.minutes % 60)
    }

    static func utc(_ instant: Date) -> String {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.towardZero).clamped(to: -1e12...1e12))
        let date = LocalDate(daysSinceEpoch: seconds / 86_400)
        let rest = seconds % 86_400
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", date.year, date.month, date.day, rest / 3600, rest / 60 % 60, rest % 60)
    }

    static func offset(_ seconds: Int) -> String {
        String(format: "%@%02d%02d", seconds < 0 ? "-" : "+", abs(seconds) / 3600, abs(seconds) / 60 % 60)
    }

    /// Escapes TEXT values: backslash, semicolon, comma and newlines.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Folds lines longer than 75 octets (continuation lines start with a space), never splitting a character.
    static func fold(_ line: String) -> String {
        var parts: [String] = []
        var current = ""
        for character in line {
            if current.utf8.count + String(character).utf8.count > (parts.isEmpty ? 75 : 74) {
                parts.append(current)
                current = ""
            }
            current.append(character)
        }
        parts.append(current)
        return parts.joined(separator: "\r\n ")
    }
}
