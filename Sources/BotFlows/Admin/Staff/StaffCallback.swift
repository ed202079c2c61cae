import BookingCore
import Storage

/// A master's field an admin edits by typing.
enum StaffField: String, CaseIterable, Codable, Sendable {
    case name = "n"
    case description = "d"
}

/// Buttons of the staff: the masters, their cards, services and links to Telegram users, carried by
/// `AdminCallback.staff`. The same rules as every admin button: wire form starts with "a", ≤ 64 bytes, and the role
/// is checked when the press executes.
enum StaffCallback: ButtonFamily, Equatable {
    case list
    /// A page of the masters (page 0 is `list`).
    case listPage(page: Int)
    case card(MasterID)
    case new
    case edit(MasterID, StaffField)
    case up(MasterID)
    /// Shows the master's future bookings before a deactivation is confirmed.
    case askDeactivate(MasterID)
    case active(MasterID, Bool)
    case services(MasterID)
    case service(MasterID, ServiceID)
    case link(MasterID)
    case unlink(MasterID)
    /// The secret calendar feed of a master (nil: of the whole business).
    case feed(MasterID?)
    /// A new secret for that feed: the old URL stops working.
    case feedRotate(MasterID?)

    /// The action whose permission a press needs.
    var action: AdminAction {
        switch self {
        case .list, .listPage, .card, .services: .viewStaff
        case .new: .createMaster
        case .edit, .service: .editMaster
        case .up: .reorderMaster
        case .askDeactivate, .active: .activateMaster
        case .link, .unlink: .linkMaster
        case .feed, .feedRotate: .calendarFeed
        }
    }

    /// Every staff button kind, declared once (carried by `AdminCallback.codec`).
    static let codec = ButtonCodec<StaffCallback>([
        ButtonKind("af", .list),
        ButtonKind("af", .page, make: { .listPage(page: $0) }, match: { if case .listPage(let p) = $0 { p } else { nil } }),
        ButtonKind("afc", .id, make: { .card($0) }, match: { if case .card(let m) = $0 { m } else { nil } }),
        ButtonKind("afn", .new),
        ButtonKind("afe", .id, .token, make: { .edit($0, $1) }, match: { if case .edit(let m, let f) = $0 { (m, f) } else { nil } }),
        ButtonKind("afu", .id, make: { .up($0) }, match: { if case .up(let m) = $0 { m } else { nil } }),
        ButtonKind("afq", .id, make: { .askDeactivate($0) }, match: { if case .askDeactivate(let m) = $0 { m } else { nil } }),
        ButtonKind(
            "afa", .id, .flag(on: "1", off: "0"), make: { .active($0, $1) }, match: { if case .active(let m, let on) = $0 { (m, on) } else { nil } }),
        ButtonKind("afs", .id, make: { .services($0) }, match: { if case .services(let m) = $0 { m } else { nil } }),
        ButtonKind("aft", .id, .id, make: { .service($0, $1) }, match: { if case .service(let m, let s) = $0 { (m, s) } else { nil } }),
        ButtonKind("afl", .id, make: { .link($0) }, match: { if case .link(let m) = $0 { m } else { nil } }),
        ButtonKind("afx", .id, make: { .unlink($0) }, match: { if case .unlink(let m) = $0 { m } else { nil } }),
        ButtonKind("afk", .master, make: { .feed($0) }, match: { if case .feed(let m) = $0 { m } else { nil } }),
        ButtonKind("afr", .master, make: { .feedRotate($0) }, match: { if case .feedRotate(let m) = $0 { m } else { nil } }),
    ])
}

/// A typed input of the staff side, kept as `AdminInput.staff`.
enum StaffInput: Codable, Equatable, Sendable {
    /// The name of a new master.
    case newMaster
    /// A new value of one field of a master.
    case field(master: Int64, field: StaffField)
    /// The Telegram id of the user who is the master.
    case link(master: Int64)

    /// The action the input completes (checked again when it arrives).
    var action: AdminAction {
        switch self {
        case .newMaster: .createMaster
        case .field: .editMaster
        case .link: .linkMaster
        }
    }
}
