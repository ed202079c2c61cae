import BookingCore
import Foundation
import Storage

/// Every inline button the customer flows produce. Each carries all it needs, so buttons of old
/// messages keep working and are re-validated against the store when pressed. Encoded ≤ 64 bytes.
enum CallbackAction: ButtonFamily, Equatable {
    /// Open the service list.
    case services
    /// A service was chosen.
    case service(ServiceID)
    /// A master (or any) was chosen for a service; shows the current month.
    case master(ServiceID, MasterID?)
    /// Show a month of the calendar.
    case month(ServiceID, MasterID?, year: Int, month: Int)
    /// A day was chosen.
    case day(ServiceID, MasterID?, LocalDate)
    /// A full day was opened (to join its waitlist); its own prefix, so day pickers that want free time skip it.
    case fullDay(ServiceID, MasterID?, LocalDate)
    /// A slot was chosen (start as minutes since the Unix epoch).
    case slot(ServiceID, MasterID, epochMinute: Int64, choice: MasterID?)
    /// The confirmation card's Confirm.
    case confirm(ServiceID, MasterID, epochMinute: Int64)
    /// The confirmation card's "comment for the master".
    case comment(ServiceID, MasterID, epochMinute: Int64)
    /// Leave the flow.
    case abort
    /// A cell that does nothing (calendar labels, unavailable days).
    case noop
    /// Ask to cancel one of my bookings.
    case askCancel(BookingID)
    /// Cancel it for real.
    case cancelBooking(BookingID)
    /// Show my bookings again.
    case myBookings
    /// "I'm coming" on a reminder.
    case confirmComing(BookingID)
    /// Start moving a booking.
    case reschedule(BookingID)
    /// A month of the reschedule calendar.
    case rescheduleMonth(BookingID, year: Int, month: Int)
    /// A day chosen for the move.
    case rescheduleDay(BookingID, LocalDate)
    /// A new time chosen: show old → new.
    case rescheduleSlot(BookingID, epochMinute: Int64)
    /// Confirm the move.
    case rescheduleConfirm(BookingID, epochMinute: Int64)
    /// A page of past bookings (0 = newest).
    case pastBookings(page: Int)
    /// Stars (1–5) for a booking that has ended.
    case rate(BookingID, stars: Int)
    /// No comment after the stars.
    case skipComment(BookingID)
    /// Join the waitlist of a full day.
    case joinWaitlist(ServiceID, MasterID?, LocalDate)
    /// Leave a waitlist entry.
    case leaveWaitlist(WaitlistEntryID)
    /// Book the slot a waitlist offer holds.
    case acceptOffer(WaitlistEntryID)
    /// Pass a waitlist offer to the next in line.
    case declineOffer(WaitlistEntryID)
    /// A page of the service list (see `ListPage`).
    case servicesPage(page: Int)
    /// A page of a service's masters.
    case mastersPage(ServiceID, page: Int)
    /// A page of a day's free times (page 0 is `day`).
    case dayPage(ServiceID, MasterID?, LocalDate, page: Int)
    /// A page of my upcoming bookings (page 0 is `myBookings`).
    case myBookingsPage(page: Int)
    /// A page of a day's free times for a move (page 0 is `rescheduleDay`).
    case rescheduleDayPage(BookingID, LocalDate, page: Int)

    /// False when a time or a day of the press lies outside what a live flow can show: `[now − 1 day, horizon + 1 day]`.
    /// Months are bounded by `InputBounds.years` when parsed; the flows clamp them to the horizon.
    func isNear(now: Date, horizonDays: Int) -> Bool {
        switch self {
        case .slot(_, _, let minute, _), .confirm(_, _, let minute), .comment(_, _, let minute), .rescheduleSlot(_, let minute), .rescheduleConfirm(_, let minute):
            InputBounds.isNear(minute, now: now, days: horizonDays)
        case .day(_, _, let date), .fullDay(_, _, let date), .rescheduleDay(_, let date), .joinWaitlist(_, _, let date),
            .dayPage(_, _, let date, _), .rescheduleDayPage(_, let date, _):
            InputBounds.isNear(date, now: now, days: horizonDays)
        default: true
        }
    }

    /// The page a paged list's button asks for (0 for the list's first button).
    var page: Int {
        switch self {
        case .servicesPage(let page), .mastersPage(_, let page), .dayPage(_, _, _, let page), .myBookingsPage(let page),
            .rescheduleDayPage(_, _, let page):
            page
        default: 0
        }
    }

    /// Every customer button kind, declared once: prefix, typed fields, and the case they make. No prefix starts with
    /// "a" (the admin side's).
    static let codec = ButtonCodec<CallbackAction>([
        ButtonKind("s", .services),
        ButtonKind("s", .id, make: { .service($0) }, match: { if case .service(let s) = $0 { s } else { nil } }),
        ButtonKind("m", .id, .master, make: { .master($0, $1) }, match: { if case .master(let s, let m) = $0 { (s, m) } else { nil } }),
        ButtonKind(
            "c", .id, .master, .yearMonth, make: { .month($0, $1, year: $2.year, month: $2.month) },
            match: { if case .month(let s, let m, let year, let month) = $0 { (s, m, YearMonth(year: year, month: month)) } else { nil } }),
        ButtonKind(
            "d", .id, .master, .date, make: { .day($0, $1, $2) },
            match: { if case .day(let s, let m, let d) = $0 { (s, m, d) } else { nil } }),
        ButtonKind(
            "f", .id, .master, .date, make: { .fullDay($0, $1, $2) },
            match: { if case .fullDay(let s, let m, let d) = $0 { (s, m, d) } else { nil } }),
        ButtonKind(
            "t", .id, .id, .minute, .master, make: { .slot($0, $1, epochMinute: $2, choice: $3) },
            match: { if case .slot(let s, let m, let t, let c) = $0 { (s, m, t, c) } else { nil } }),
        ButtonKind(
            "ok", .id, .id, .minute, make: { .confirm($0, $1, epochMinute: $2) },
            match: { if case .confirm(let s, let m, let t) = $0 { (s, m, t) } else { nil } }),
        ButtonKind("x", .abort),
        ButtonKind("n", .noop),
        ButtonKind("bc", .id, make: { .askCancel($0) }, match: { if case .askCancel(let b) = $0 { b } else { nil } }),
        ButtonKind("by", .id, make: { .cancelBooking($0) }, match: { if case .cancelBooking(let b) = $0 { b } else { nil } }),
        ButtonKind("my", .myBookings),
        ButtonKind("rc", .id, make: { .confirmComing($0) }, match: { if case .confirmComing(let b) = $0 { b } else { nil } }),
        ButtonKind("rs", .id, make: { .reschedule($0) }, match: { if case .reschedule(let b) = $0 { b } else { nil } }),
        ButtonKind(
            "rm", .id, .yearMonth, make: { .rescheduleMonth($0, year: $1.year, month: $1.month) },
            match: { if case .rescheduleMonth(let b, let year, let month) = $0 { (b, YearMonth(year: year, month: month)) } else { nil } }),
        ButtonKind(
            "rd", .id, .date, make: { .rescheduleDay($0, $1) }, match: { if case .rescheduleDay(let b, let d) = $0 { (b, d) } else { nil } }
        ),
        ButtonKind(
            "rt", .id, .minute, make: { .rescheduleSlot($0, epochMinute: $1) },
            match: { if case .rescheduleSlot(let b, let t) = $0 { (b, t) } else { nil } }),
        ButtonKind(
            "ry", .id, .minute, make: { .rescheduleConfirm($0, epochMinute: $1) },
            match: { if case .rescheduleConfirm(let b, let t) = $0 { (b, t) } else { nil } }),
        ButtonKind("pb", .page, make: { .pastBookings(page: $0) }, match: { if case .pastBookings(let p) = $0 { p } else { nil } }),
        ButtonKind(
            "fr", .id, .int(in: 1...5), make: { .rate($0, stars: $1) }, match: { if case .rate(let b, let n) = $0 { (b, n) } else { nil } }),
        ButtonKind("fs", .id, make: { .skipComment($0) }, match: { if case .skipComment(let b) = $0 { b } else { nil } }),
        ButtonKind(
            "wj", .id, .master, .date, make: { .joinWaitlist($0, $1, $2) },
            match: { if case .joinWaitlist(let s, let m, let d) = $0 { (s, m, d) } else { nil } }),
        ButtonKind("wl", .id, make: { .leaveWaitlist($0) }, match: { if case .leaveWaitlist(let e) = $0 { e } else { nil } }),
        ButtonKind("wa", .id, make: { .acceptOffer($0) }, match: { if case .acceptOffer(let e) = $0 { e } else { nil } }),
        ButtonKind("wn", .id, make: { .declineOffer($0) }, match: { if case .declineOffer(let e) = $0 { e } else { nil } }),
        ButtonKind("sp", .page, make: { .servicesPage(page: $0) }, match: { if case .servicesPage(let p) = $0 { p } else { nil } }),
        ButtonKind(
            "ms", .id, .page, make: { .mastersPage($0, page: $1) }, match: { if case .mastersPage(let s, let p) = $0 { (s, p) } else { nil } }),
        ButtonKind(
            "d", .id, .master, .date, .page, make: { .dayPage($0, $1, $2, page: $3) },
            match: { if case .dayPage(let s, let m, let d, let p) = $0 { (s, m, d, p) } else { nil } }),
        ButtonKind(
            "cm", .id, .id, .minute, make: { .comment($0, $1, epochMinute: $2) },
            match: { if case .comment(let s, let m, let t) = $0 { (s, m, t) } else { nil } }),
        ButtonKind("mp", .page, make: { .myBookingsPage(page: $0) }, match: { if case .myBookingsPage(let p) = $0 { p } else { nil } }),
        ButtonKind(
            "rd", .id, .date, .page, make: { .rescheduleDayPage($0, $1, page: $2) },
            match: { if case .rescheduleDayPage(let b, let d, let p) = $0 { (b, d, p) } else { nil } }),
    ])
}
