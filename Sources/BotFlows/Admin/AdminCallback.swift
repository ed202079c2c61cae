import BookingCore
import Foundation
import Storage

/// Every inline button of the admin side. The wire form starts with "a" (no customer button does), carries all it
/// needs and stays ≤ 64 bytes; the role is checked again when a button is acted on.
enum AdminCallback: ButtonFamily, Equatable {
    case panel
    case close
    case day(MasterID?, LocalDate)
    /// A later page of a long day view (`page` ≥ 1; page 0 is `.day`).
    case dayPage(MasterID?, LocalDate, page: Int)
    case week(MasterID?, LocalDate)
    case booking(BookingID)
    case askCancel(BookingID)
    case cancel(BookingID)
    /// Mark a visit that has started as a no-show (true) or undo the mark (false).
    case noShow(BookingID, Bool)
    /// Mark a started visit: arrived, no-show, or undo either.
    case visit(BookingID, VisitMark)
    case moveDay(BookingID, LocalDate)
    /// A page of a move's free times (page 0 is `moveDay`; see `ListPage`).
    case moveDayPage(BookingID, LocalDate, page: Int)
    case moveSlot(BookingID, epochMinute: Int64)
    case moveConfirm(BookingID, epochMinute: Int64)
    case blockStart(MasterID?, LocalDate)
    case blockFrom(MasterID?, epochMinute: Int64)
    case blockPreview(MasterID?, from: Int64, to: Int64)
    case blockConfirm(MasterID?, from: Int64, to: Int64)
    case shiftStart(MasterID?, LocalDate)
    case shiftAsk(MasterID?, LocalDate)
    case shiftPreview(MasterID?, LocalDate, minutes: Int)
    case shiftConfirm(MasterID?, LocalDate, minutes: Int)
    case texts(Language)
    /// A page of one group of texts in the editor (page 0 first).
    case textCategory(TextCategory, Language, page: Int)
    case text(TextKey, Language)
    case textEdit(TextKey, Language)
    case textReset(TextKey, Language)
    case admins
    /// A page of the admins (page 0 is `admins`).
    case adminsPage(page: Int)
    case adminAdd
    case adminCard(UserID)
    case adminRole(UserID, AdminRole)
    case adminRemove(UserID)
    case export(ExportAdminFlow.Kind)
    case business(BusinessCallback)
    case broadcast(BroadcastCallback)
    case profile(ProfileCallback)
    case staff(StaffCallback)
    case walkIn(WalkInCallback)
    case report(ReportCallback)
    case serviceChange(ServiceChangeCallback)
    case blocks(BlockCallback)

    /// The action whose permission a press needs.
    var action: AdminAction {
        switch self {
        case .panel, .close: .openPanel
        case .day, .dayPage, .week: .viewSchedule
        case .booking: .viewBooking
        case .askCancel, .cancel: .cancelBooking
        case .noShow: .markNoShow
        case .visit(_, let mark): mark == .arrived || mark == .undoArrived ? .markArrived : .markNoShow
        case .moveDay, .moveDayPage, .moveSlot, .moveConfirm: .moveBooking
        case .blockStart, .blockFrom, .blockPreview, .blockConfirm: .blockTime
        case .shiftStart, .shiftAsk, .shiftPreview, .shiftConfirm: .shiftDay
        case .texts, .textCategory, .text, .textEdit: .viewTexts
        case .textReset: .resetText
        case .admins, .adminsPage, .adminCard: .viewAdmins
        case .adminAdd: .addAdmin
        case .adminRole: .changeRole
        case .adminRemove: .removeAdmin
        case .export(let kind): kind == .audit ? .exportAudit : .export
        case .business(let callback): callback.action
        case .broadcast(let callback): callback.action
        case .profile(let callback): callback.action
        case .staff(let callback): callback.action
        case .walkIn(let callback): callback.action
        case .report(let callback): callback.action
        case .serviceChange(let callback): callback.action
        case .blocks(let callback): callback.action
        }
    }

    /// False when a time or a day that changes the schedule lies outside `[now − 1 day, now + max(horizon, 1 year) + 1 day]`
    /// (admins may book past the customers' horizon). Views of any bounded day stay open.
    func isNear(now: Date, horizonDays: Int) -> Bool {
        let days = max(horizonDays, 366)
        switch self {
        case .moveSlot(_, let minute), .moveConfirm(_, let minute), .blockFrom(_, let minute), .walkIn(.slot(_, _, let minute)):
            return InputBounds.isNear(minute, now: now, days: days)
        case .blockPreview(_, let from, let to), .blockConfirm(_, let from, let to):
            return InputBounds.isNear(from, now: now, days: days)
                && InputBounds.isNear(to, now: now, days: days + BlockAdminFlow.longestDays)
        case .moveDay(_, let date), .moveDayPage(_, let date, _), .blockStart(_, let date), .shiftStart(_, let date), .shiftAsk(_, let date), .shiftPreview(_, let date, _),
            .shiftConfirm(_, let date, _):
            return InputBounds.isNear(date, now: now, days: days)
        case .serviceChange(let callback): return InputBounds.isNear(callback.date, now: now, days: days)
        case .blocks(let callback): return callback.isNear(now: now, days: days)
        default: return true
        }
    }

    /// Every admin button kind, declared once, then the business and broadcast kinds it carries. Every prefix starts
    /// with "a" (no customer button does).
    static let codec = ButtonCodec<AdminCallback>(
        [
            ButtonKind("a", .panel),
            ButtonKind("az", .close),
            ButtonKind("ad", .master, .date, make: { .day($0, $1) }, match: { if case .day(let m, let d) = $0 { (m, d) } else { nil } }),
            ButtonKind(
                "adp", .master, .date, .int(in: 1...Int(DayPages.maxPages)), make: { .dayPage($0, $1, page: $2) },
                match: { if case .dayPage(let m, let d, let p) = $0 { (m, d, p) } else { nil } }),
            ButtonKind("aw", .master, .date, make: { .week($0, $1) }, match: { if case .week(let m, let d) = $0 { (m, d) } else { nil } }),
            ButtonKind("ab", .id, make: { .booking($0) }, match: { if case .booking(let b) = $0 { b } else { nil } }),
            ButtonKind("abq", .id, make: { .askCancel($0) }, match: { if case .askCancel(let b) = $0 { b } else { nil } }),
            ButtonKind("abx", .id, make: { .cancel($0) }, match: { if case .cancel(let b) = $0 { b } else { nil } }),
            ButtonKind(
                "amd", .id, .date, make: { .moveDay($0, $1) }, match: { if case .moveDay(let b, let d) = $0 { (b, d) } else { nil } }),
            ButtonKind(
                "amt", .id, .minute, make: { .moveSlot($0, epochMinute: $1) },
                match: { if case .moveSlot(let b, let t) = $0 { (b, t) } else { nil } }),
            ButtonKind(
                "amy", .id, .minute, make: { .moveConfirm($0, epochMinute: $1) },
                match: { if case .moveConfirm(let b, let t) = $0 { (b, t) } else { nil } }),
            ButtonKind(
                "ak", .master, .date, make: { .blockStart($0, $1) },
                match: { if case .blockStart(let m, let d) = $0 { (m, d) } else { nil } }),
            ButtonKind(
                "akf", .master, .minute, make: { .blockFrom($0, epochMinute: $1) },
                match: { if case .blockFrom(let m, let t) = $0 { (m, t) } else { nil } }),
            ButtonKind(
                "akp", .master, .minute, .minute, make: { $1 < $2 ? .blockPreview($0, from: $1, to: $2) : nil },
                match: { if case .blockPreview(let m, let f, let t) = $0 { (m, f, t) } else { nil } }),
            ButtonKind(
                "aky", .master, .minute, .minute, make: { $1 < $2 ? .blockConfirm($0, from: $1, to: $2) : nil },
                match: { if case .blockConfirm(let m, let f, let t) = $0 { (m, f, t) } else { nil } }),
            ButtonKind(
                "as", .master, .date, make: { .shiftStart($0, $1) },
                match: { if case .shiftStart(let m, let d) = $0 { (m, d) } else { nil } }),
            ButtonKind(
                "asa", .master, .date, make: { .shiftAsk($0, $1) },
                match: { if case .shiftAsk(let m, let d) = $0 { (m, d) } else { nil } }),
            ButtonKind(
                "asp", .master, .date, .int(in: -720...720), make: { $2 == 0 ? nil : .shiftPreview($0, $1, minutes: $2) },
                match: { if case .shiftPreview(let m, let d, let n) = $0 { (m, d, n) } else { nil } }),
            ButtonKind(
                "asy", .master, .date, .int(in: -720...720), make: { $2 == 0 ? nil : .shiftConfirm($0, $1, minutes: $2) },
                match: { if case .shiftConfirm(let m, let d, let n) = $0 { (m, d, n) } else { nil } }),
            ButtonKind("at", .token, make: { .texts($0) }, match: { if case .texts(let l) = $0 { l } else { nil } }),
            ButtonKind(
                "atg", .token, .token, make: { .textCategory($0, $1, page: 0) },
                match: { if case .textCategory(let c, let l, 0) = $0 { (c, l) } else { nil } }),
            ButtonKind(
                "atg", .token, .token, .int(in: 1...InputBounds.pages.upperBound), make: { .textCategory($0, $1, page: $2) },
                match: { if case .textCategory(let c, let l, let p) = $0, p > 0 { (c, l, p) } else { nil } }),
            ButtonKind("ati", .token, .token, make: { .text($0, $1) }, match: { if case .text(let k, let l) = $0 { (k, l) } else { nil } }),
            ButtonKind(
                "atw", .token, .token, make: { .textEdit($0, $1) }, match: { if case .textEdit(let k, let l) = $0 { (k, l) } else { nil } }),
            ButtonKind(
                "atr", .token, .token, make: { .textReset($0, $1) },
                match: { if case .textReset(let k, let l) = $0 { (k, l) } else { nil } }),
            ButtonKind(
                "abn", .id, .flag(on: "1", off: "0"), make: { .noShow($0, $1) }, match: { if case .noShow(let b, let on) = $0 { (b, on) } else { nil } }),
            ButtonKind("abm", .id, .token, make: { .visit($0, $1) }, match: { if case .visit(let b, let m) = $0 { (b, m) } else { nil } }),
            ButtonKind("aa", .admins),
            ButtonKind("aa", .page, make: { .adminsPage(page: $0) }, match: { if case .adminsPage(let p) = $0 { p } else { nil } }),
            ButtonKind(
                "amd", .id, .date, .page, make: { .moveDayPage($0, $1, page: $2) },
                match: { if case .moveDayPage(let b, let d, let p) = $0 { (b, d, p) } else { nil } }),
            ButtonKind("aaa", .adminAdd),
            ButtonKind("aac", .id, make: { .adminCard($0) }, match: { if case .adminCard(let u) = $0 { u } else { nil } }),
            ButtonKind(
                "aar", .id, .token, make: { .adminRole($0, $1) }, match: { if case .adminRole(let u, let r) = $0 { (u, r) } else { nil } }),
            ButtonKind("aax", .id, make: { .adminRemove($0) }, match: { if case .adminRemove(let u) = $0 { u } else { nil } }),
            ButtonKind("ae", .token, make: { .export($0) }, match: { if case .export(let k) = $0 { k } else { nil } }),
        ]
            + BusinessCallback.codec.kinds.map { $0.lifted({ .business($0) }, { if case .business(let b) = $0 { b } else { nil } }) }
            + BroadcastCallback.codec.kinds.map { $0.lifted({ .broadcast($0) }, { if case .broadcast(let b) = $0 { b } else { nil } }) }
            + ProfileCallback.codec.kinds.map { $0.lifted({ .profile($0) }, { if case .profile(let p) = $0 { p } else { nil } }) }
            + StaffCallback.codec.kinds.map { $0.lifted({ .staff($0) }, { if case .staff(let s) = $0 { s } else { nil } }) }
            + WalkInCallback.codec.kinds.map { $0.lifted({ .walkIn($0) }, { if case .walkIn(let w) = $0 { w } else { nil } }) }
            + ReportCallback.codec.kinds.map { $0.lifted({ .report($0) }, { if case .report(let r) = $0 { r } else { nil } }) }
            + ServiceChangeCallback.codec.kinds.map {
                $0.lifted({ .serviceChange($0) }, { if case .serviceChange(let c) = $0 { c } else { nil } })
            }
            + BlockCallback.codec.kinds.map { $0.lifted({ .blocks($0) }, { if case .blocks(let b) = $0 { b } else { nil } }) })

    /// True for data the admin side owns (the customer side never starts a button with "a").
    static func isAdminData(_ data: String) -> Bool { data.hasPrefix("a") }
}
