import BookingCore
import Foundation
import Storage

/// Every inline button of the admin side. The wire form starts with "a" (no customer button does), carries all it
/// needs and stays ≤ 64 bytes; the role is checked again when a button is acted on.
enum AdminCallback: Equatable, Sendable {
    case panel
    case close
    case day(MasterID?, LocalDate)
    /// A later page of a long day view (`page` ≥ 1; page 0 is `.day`).
    case dayPage(MasterID?, LocalDate, page: Int)
    case week(MasterID?, LocalDate)
    case booking(BookingID)
    case askCancel(BookingID)
    case cancel(BookingID)
    case moveDay(BookingID, LocalDate)
    case moveSlot(BookingID, epochMinute: Int64)
    case moveConfirm(BookingID, epochMinute: Int64)
    case blockStart(MasterID?, LocalDate)
    case blockFrom(MasterID?, epochMinute: Int64)
    case blockPreview(MasterID?, from: Int64, to: Int64)
    case blockConfirm(MasterID?, from: Int64, to: Int64)
    case shiftStart(MasterID?, LocalDate)
    case shiftPreview(MasterID?, LocalDate, minutes: Int)
    case shiftConfirm(MasterID?, LocalDate, minutes: Int)
    case texts(Language)
    case text(TextKey, Language)
    case textEdit(TextKey, Language)
    case textReset(TextKey, Language)
    case admins
    case adminAdd
    case adminCard(UserID)
    case adminRole(UserID, AdminRole)
    case adminRemove(UserID)
    case export(ExportAdminFlow.Kind)
    case business(BusinessCallback)
    case broadcast(BroadcastCallback)

    /// The action whose permission a press needs.
    var action: AdminAction {
        switch self {
        case .panel, .close: .openPanel
        case .day, .dayPage, .week: .viewSchedule
        case .booking: .viewBooking
        case .askCancel, .cancel: .cancelBooking
        case .moveDay, .moveSlot, .moveConfirm: .moveBooking
        case .blockStart, .blockFrom, .blockPreview, .blockConfirm: .blockTime
        case .shiftStart, .shiftPreview, .shiftConfirm: .shiftDay
        case .texts, .text, .textEdit: .viewTexts
        case .textReset: .resetText
        case .admins, .adminCard: .viewAdmins
        case .adminAdd: .addAdmin
        case .adminRole: .changeRole
        case .adminRemove: .removeAdmin
        case .export(let kind): kind == .audit ? .exportAudit : .export
        case .business(let callback): callback.action
        case .broadcast(let callback): callback.action
        }
    }

    /// False when a time or a day that changes the schedule lies outside `[now − 1 day, now + max(horizon, 1 year) + 1 day]`
    /// (admins may book past the customers' horizon). Views of any bounded day stay open.
    func isNear(now: Date, horizonDays: Int) -> Bool {
        let days = max(horizonDays, 366)
        switch self {
        case .moveSlot(_, let minute), .moveConfirm(_, let minute), .blockFrom(_, let minute):
            return InputBounds.isNear(minute, now: now, days: days)
        case .blockPreview(_, let from, let to), .blockConfirm(_, let from, let to):
            return InputBounds.isNear(from, now: now, days: days) && InputBounds.isNear(to, now: now, days: days + BlockAdminFlow.longestDays)
        case .moveDay(_, let date), .blockStart(_, let date), .shiftStart(_, let date), .shiftPreview(_, let date, _),
            .shiftConfirm(_, let date, _):
            return InputBounds.isNear(date, now: now, days: days)
        default: return true
        }
    }

    private static func master(_ master: MasterID?) -> String { master.map { String($0.rawValue) } ?? "a" }

    /// The compact wire form.
    var data: String {
        switch self {
        case .panel: "a"
        case .close: "az"
        case .day(let m, let date): "ad:\(Self.master(m)):\(date.compact)"
        case .dayPage(let m, let date, let page): "adp:\(Self.master(m)):\(date.compact):\(page)"
        case .week(let m, let date): "aw:\(Self.master(m)):\(date.compact)"
        case .booking(let b): "ab:\(b)"
        case .askCancel(let b): "abq:\(b)"
        case .cancel(let b): "abx:\(b)"
        case .moveDay(let b, let date): "amd:\(b):\(date.compact)"
        case .moveSlot(let b, let minute): "amt:\(b):\(minute)"
        case .moveConfirm(let b, let minute): "amy:\(b):\(minute)"
        case .blockStart(let m, let date): "ak:\(Self.master(m)):\(date.compact)"
        case .blockFrom(let m, let minute): "akf:\(Self.master(m)):\(minute)"
        case .blockPreview(let m, let from, let to): "akp:\(Self.master(m)):\(from):\(to)"
        case .blockConfirm(let m, let from, let to): "aky:\(Self.master(m)):\(from):\(to)"
        case .shiftStart(let m, let date): "as:\(Self.master(m)):\(date.compact)"
        case .shiftPreview(let m, let date, let minutes): "asp:\(Self.master(m)):\(date.compact):\(minutes)"
        case .shiftConfirm(let m, let date, let minutes): "asy:\(Self.master(m)):\(date.compact):\(minutes)"
        case .texts(let language): "at:\(language.rawValue)"
        case .text(let key, let language): "ati:\(key.rawValue):\(language.rawValue)"
        case .textEdit(let key, let language): "atw:\(key.rawValue):\(language.rawValue)"
        case .textReset(let key, let language): "atr:\(key.rawValue):\(language.rawValue)"
        case .admins: "aa"
        case .adminAdd: "aaa"
        case .adminCard(let user): "aac:\(user)"
        case .adminRole(let user, let role): "aar:\(user):\(role.rawValue)"
        case .adminRemove(let user): "aax:\(user)"
        case .export(let kind): "ae:\(kind.rawValue)"
        case .business(let callback): callback.data
        case .broadcast(let callback): callback.data
        }
    }

    /// Parses wire data; nil for anything unknown or malformed.
    init?(data: String) {
        let parts = data.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        // Every number is bounded here, before any flow computes with it (see `InputBounds`).
        func int(_ i: Int) -> Int64? { i < parts.count ? InputBounds.id(parts[i]) : nil }
        func minute(_ i: Int) -> Int64? { i < parts.count ? InputBounds.epochMinute(parts[i]) : nil }
        func date(_ i: Int) -> LocalDate? { i < parts.count ? LocalDate(compact: parts[i]) : nil }
        func shift(_ i: Int) -> Int? {
            guard i < parts.count, let n = InputBounds.integer(parts[i], in: -720...720), n != 0 else { return nil }
            return n
        }
        func language(_ i: Int) -> Language? { i < parts.count ? Language(rawValue: parts[i]) : nil }
        func key(_ i: Int) -> TextKey? { i < parts.count ? TextKey(rawValue: parts[i]) : nil }
        func master(_ i: Int) -> MasterID?? {
            guard i < parts.count else { return nil }
            if parts[i] == "a" { return .some(nil) }
            return InputBounds.id(parts[i]).map { .some(MasterID($0)) }
        }
        switch (parts[0], parts.count) {
        case ("a", 1): self = .panel
        case ("az", 1): self = .close
        case ("aa", 1): self = .admins
        case ("aaa", 1): self = .adminAdd
        case ("ad", 3): guard let m = master(1), let d = date(2) else { return nil }; self = .day(m, d)
        case ("adp", 4):
            guard let m = master(1), let d = date(2), let p = int(3), (1...DayPages.maxPages).contains(p) else { return nil }
            self = .dayPage(m, d, page: Int(p))
        case ("aw", 3): guard let m = master(1), let d = date(2) else { return nil }; self = .week(m, d)
        case ("ab", 2): guard let b = int(1) else { return nil }; self = .booking(BookingID(b))
        case ("abq", 2): guard let b = int(1) else { return nil }; self = .askCancel(BookingID(b))
        case ("abx", 2): guard let b = int(1) else { return nil }; self = .cancel(BookingID(b))
        case ("amd", 3): guard let b = int(1), let d = date(2) else { return nil }; self = .moveDay(BookingID(b), d)
        case ("amt", 3): guard let b = int(1), let t = minute(2) else { return nil }; self = .moveSlot(BookingID(b), epochMinute: t)
        case ("amy", 3): guard let b = int(1), let t = minute(2) else { return nil }; self = .moveConfirm(BookingID(b), epochMinute: t)
        case ("ak", 3): guard let m = master(1), let d = date(2) else { return nil }; self = .blockStart(m, d)
        case ("akf", 3): guard let m = master(1), let t = minute(2) else { return nil }; self = .blockFrom(m, epochMinute: t)
        case ("akp", 4):
            guard let m = master(1), let f = minute(2), let t = minute(3), f < t else { return nil }
            self = .blockPreview(m, from: f, to: t)
        case ("aky", 4):
            guard let m = master(1), let f = minute(2), let t = minute(3), f < t else { return nil }
            self = .blockConfirm(m, from: f, to: t)
        case ("as", 3): guard let m = master(1), let d = date(2) else { return nil }; self = .shiftStart(m, d)
        case ("asp", 4):
            guard let m = master(1), let d = date(2), let n = shift(3) else { return nil }
            self = .shiftPreview(m, d, minutes: n)
        case ("asy", 4):
            guard let m = master(1), let d = date(2), let n = shift(3) else { return nil }
            self = .shiftConfirm(m, d, minutes: n)
        case ("at", 2): guard let l = language(1) else { return nil }; self = .texts(l)
        case ("ati", 3): guard let k = key(1), let l = language(2) else { return nil }; self = .text(k, l)
        case ("atw", 3): guard let k = key(1), let l = language(2) else { return nil }; self = .textEdit(k, l)
        case ("atr", 3): guard let k = key(1), let l = language(2) else { return nil }; self = .textReset(k, l)
        case ("aac", 2): guard let u = int(1) else { return nil }; self = .adminCard(UserID(u))
        case ("aar", 3):
            guard let u = int(1), parts[2].count < 10, let role = AdminRole(rawValue: parts[2]) else { return nil }
            self = .adminRole(UserID(u), role)
        case ("aax", 2): guard let u = int(1) else { return nil }; self = .adminRemove(UserID(u))
        case ("ae", 2): guard let kind = ExportAdminFlow.Kind(rawValue: parts[1]) else { return nil }; self = .export(kind)
        default:
            if let callback = BroadcastCallback(parts: parts) {
                self = .broadcast(callback)
                return
            }
            guard let callback = BusinessCallback(parts: parts) else { return nil }
            self = .business(callback)
        }
    }

    /// The first field of every wire form, one per case (tests check that each is exercised).
    static let wirePrefixes = Set<String>([
        "a", "az", "aa", "aaa", "ad", "adp", "aw", "ab", "abq", "abx", "amd", "amt", "amy", "ak", "akf", "akp", "aky", "as", "asp", "asy",
        "at", "ati", "atw", "atr", "aac", "aar", "aax", "ae",
    ]).union(BusinessCallback.wirePrefixes).union(BroadcastCallback.wirePrefixes)

    /// True for data the admin side owns (the customer side never starts a button with "a").
    static func isAdminData(_ data: String) -> Bool { data.hasPrefix("a") }
}
