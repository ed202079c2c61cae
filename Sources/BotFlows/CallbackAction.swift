import BookingCore
import Foundation
import Storage

/// Every inline button the customer flows produce. Each carries all it needs, so buttons of old
/// messages keep working and are re-validated against the store when pressed. Encoded ≤ 64 bytes.
enum CallbackAction: Equatable, Sendable {
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

    /// False when a time or a day of the press lies outside what a live flow can show: `[now − 1 day, horizon + 1 day]`.
    /// Months are bounded by `InputBounds.years` when parsed; the flows clamp them to the horizon.
    func isNear(now: Date, horizonDays: Int) -> Bool {
        switch self {
        case .slot(_, _, let minute, _), .confirm(_, _, let minute), .rescheduleSlot(_, let minute), .rescheduleConfirm(_, let minute):
            InputBounds.isNear(minute, now: now, days: horizonDays)
        case .day(_, _, let date), .fullDay(_, _, let date), .rescheduleDay(_, let date), .joinWaitlist(_, _, let date):
            InputBounds.isNear(date, now: now, days: horizonDays)
        default: true
        }
    }

    private static func optionalMaster(_ master: MasterID?) -> String { master.map { String($0.rawValue) } ?? "a" }

    /// The compact wire form.
    var data: String {
        switch self {
        case .services: "s"
        case .service(let s): "s:\(s)"
        case .master(let s, let m): "m:\(s):\(Self.optionalMaster(m))"
        case .month(let s, let m, let year, let month): "c:\(s):\(Self.optionalMaster(m)):\(year * 100 + month)"
        case .day(let s, let m, let date): "d:\(s):\(Self.optionalMaster(m)):\(date.compact)"
        case .fullDay(let s, let m, let date): "f:\(s):\(Self.optionalMaster(m)):\(date.compact)"
        case .slot(let s, let m, let minute, let choice): "t:\(s):\(m):\(minute):\(Self.optionalMaster(choice))"
        case .confirm(let s, let m, let minute): "ok:\(s):\(m):\(minute)"
        case .abort: "x"
        case .noop: "n"
        case .askCancel(let b): "bc:\(b)"
        case .cancelBooking(let b): "by:\(b)"
        case .myBookings: "my"
        case .confirmComing(let b): "rc:\(b)"
        case .reschedule(let b): "rs:\(b)"
        case .rescheduleMonth(let b, let year, let month): "rm:\(b):\(year * 100 + month)"
        case .rescheduleDay(let b, let date): "rd:\(b):\(date.compact)"
        case .rescheduleSlot(let b, let minute): "rt:\(b):\(minute)"
        case .rescheduleConfirm(let b, let minute): "ry:\(b):\(minute)"
        case .pastBookings(let page): "pb:\(page)"
        case .rate(let b, let stars): "fr:\(b):\(stars)"
        case .skipComment(let b): "fs:\(b)"
        case .joinWaitlist(let s, let m, let date): "wj:\(s):\(Self.optionalMaster(m)):\(date.compact)"
        case .leaveWaitlist(let e): "wl:\(e)"
        case .acceptOffer(let e): "wa:\(e)"
        case .declineOffer(let e): "wn:\(e)"
        }
    }

    /// Parses wire data; nil for anything unknown or malformed (forged or from an older version).
    init?(data: String) {
        let parts = data.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        // Every number is bounded here, before any flow computes with it (see `InputBounds`).
        func id(_ index: Int) -> Int64? { index < parts.count ? InputBounds.id(parts[index]) : nil }
        func minute(_ index: Int) -> Int64? { index < parts.count ? InputBounds.epochMinute(parts[index]) : nil }
        func yearMonth(_ index: Int) -> (year: Int, month: Int)? { index < parts.count ? InputBounds.yearMonth(parts[index]) : nil }
        func master(_ index: Int) -> MasterID?? {
            guard index < parts.count else { return nil }
            if parts[index] == "a" { return .some(nil) }
            return InputBounds.id(parts[index]).map { .some(MasterID($0)) }
        }
        switch (parts[0], parts.count) {
        case ("s", 1): self = .services
        case ("s", 2): guard let s = id(1) else { return nil }; self = .service(ServiceID(s))
        case ("m", 3):
            guard let s = id(1), let m = master(2) else { return nil }
            self = .master(ServiceID(s), m)
        case ("c", 4):
            guard let s = id(1), let m = master(2), let ym = yearMonth(3) else { return nil }
            self = .month(ServiceID(s), m, year: ym.year, month: ym.month)
        case ("d", 4):
            guard let s = id(1), let m = master(2), let date = LocalDate(compact: parts[3]) else { return nil }
            self = .day(ServiceID(s), m, date)
        case ("f", 4):
            guard let s = id(1), let m = master(2), let date = LocalDate(compact: parts[3]) else { return nil }
            self = .fullDay(ServiceID(s), m, date)
        case ("t", 5):
            guard let s = id(1), let m = id(2), let minute = minute(3), let choice = master(4) else { return nil }
            self = .slot(ServiceID(s), MasterID(m), epochMinute: minute, choice: choice)
        case ("ok", 4):
            guard let s = id(1), let m = id(2), let minute = minute(3) else { return nil }
            self = .confirm(ServiceID(s), MasterID(m), epochMinute: minute)
        case ("x", 1): self = .abort
        case ("n", 1): self = .noop
        case ("bc", 2): guard let b = id(1) else { return nil }; self = .askCancel(BookingID(b))
        case ("by", 2): guard let b = id(1) else { return nil }; self = .cancelBooking(BookingID(b))
        case ("my", 1): self = .myBookings
        case ("rc", 2): guard let b = id(1) else { return nil }; self = .confirmComing(BookingID(b))
        case ("rs", 2): guard let b = id(1) else { return nil }; self = .reschedule(BookingID(b))
        case ("rm", 3):
            guard let b = id(1), let ym = yearMonth(2) else { return nil }
            self = .rescheduleMonth(BookingID(b), year: ym.year, month: ym.month)
        case ("rd", 3):
            guard let b = id(1), let date = LocalDate(compact: parts[2]) else { return nil }
            self = .rescheduleDay(BookingID(b), date)
        case ("rt", 3): guard let b = id(1), let minute = minute(2) else { return nil }; self = .rescheduleSlot(BookingID(b), epochMinute: minute)
        case ("ry", 3): guard let b = id(1), let minute = minute(2) else { return nil }; self = .rescheduleConfirm(BookingID(b), epochMinute: minute)
        case ("pb", 2):
            guard parts[1].count <= 5, let page = InputBounds.integer(parts[1], in: InputBounds.pages) else { return nil }
            self = .pastBookings(page: page)
        case ("fr", 3):
            guard let b = id(1), parts[2].count == 1, let stars = InputBounds.integer(parts[2], in: 1...5) else { return nil }
            self = .rate(BookingID(b), stars: stars)
        case ("fs", 2): guard let b = id(1) else { return nil }; self = .skipComment(BookingID(b))
        case ("wj", 4):
            guard let s = id(1), let m = master(2), let date = LocalDate(compact: parts[3]) else { return nil }
            self = .joinWaitlist(ServiceID(s), m, date)
        case ("wl", 2): guard let e = id(1) else { return nil }; self = .leaveWaitlist(WaitlistEntryID(e))
        case ("wa", 2): guard let e = id(1) else { return nil }; self = .acceptOffer(WaitlistEntryID(e))
        case ("wn", 2): guard let e = id(1) else { return nil }; self = .declineOffer(WaitlistEntryID(e))
        default: return nil
        }
    }
}
