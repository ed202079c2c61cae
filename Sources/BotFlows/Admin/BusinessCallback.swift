import BookingCore
import Storage

/// A service field an admin edits by typing.
enum ServiceField: String, CaseIterable, Codable, Sendable {
    case name = "n"
    case description = "d"
    case duration = "t"
    case price = "p"
    case interval = "i"
    case bufferBefore = "b"
    case bufferAfter = "a"
    case deposit = "dp"
}

/// A booking rule an admin edits by typing.
enum PolicyField: String, CaseIterable, Codable, Sendable {
    case interval = "i"
    case notice = "n"
    case horizon = "h"
    case maxActive = "c"
    case maxPerDay = "cd"
    case cancel = "w"
    case reminders = "r"
    case feedback = "f"
    case hold = "l"
    case miniAppMenu = "ma"
    case depositHold = "dh"
    case payments = "pm"
    case askPhone = "ph"
    case noShowLimit = "ns"
}

/// Buttons of notifications, the dashboard, clients, services, working hours and booking rules, carried by
/// `AdminCallback.business`. The same rules as every admin button: wire form starts with "a", ≤ 64 bytes, and the
/// role is checked when the press executes.
enum BusinessCallback: ButtonFamily, Equatable {
    case notifications
    case dashboard(week: Bool)
    case clients(page: Int)
    case client(UserID)
    case services
    /// A page of the services (page 0 is `services`; see `ListPage`).
    case servicesPage(page: Int)
    case service(ServiceID)
    case serviceNew
    case serviceEdit(ServiceID, ServiceField)
    case serviceMaster(ServiceID, MasterID)
    case serviceUp(ServiceID)
    case serviceActive(ServiceID, Bool)
    case hours
    case masterHours(MasterID)
    case dayHours(MasterID, Weekday)
    case dayOff(MasterID, Weekday)
    case exceptionAdd(MasterID)
    case exceptionRemove(MasterID, LocalDate)
    case policies
    case policyEdit(PolicyField)
    /// The subscription: plan, paid-until, renewal.
    case subscription
    /// Renew by `plan`: a pay link.
    case renew(PlanCode)

    /// The action whose permission a press needs.
    var action: AdminAction {
        switch self {
        case .notifications: .toggleNotifications
        case .dashboard: .viewDashboard
        case .clients, .client: .viewClients
        case .services, .servicesPage, .service: .viewServices
        case .serviceNew: .createService
        case .serviceEdit, .serviceMaster: .editService
        case .serviceUp: .reorderService
        case .serviceActive: .activateService
        case .hours, .masterHours, .policies: .viewHours
        case .dayHours, .dayOff, .exceptionAdd, .exceptionRemove: .editHours
        case .policyEdit: .editPolicies
        case .subscription: .viewSubscription
        case .renew: .renew
        }
    }

    /// Every business button kind, declared once (carried by `AdminCallback.codec`).
    static let codec = ButtonCodec<BusinessCallback>([
        ButtonKind("an", .notifications),
        ButtonKind(
            "ar", .flag(on: "w", off: "d"), make: { .dashboard(week: $0) },
            match: { if case .dashboard(let week) = $0 { week } else { nil } }),
        ButtonKind("ac", .page, make: { .clients(page: $0) }, match: { if case .clients(let p) = $0 { p } else { nil } }),
        ButtonKind("acc", .id, make: { .client($0) }, match: { if case .client(let u) = $0 { u } else { nil } }),
        ButtonKind("av", .services),
        ButtonKind("av", .page, make: { .servicesPage(page: $0) }, match: { if case .servicesPage(let p) = $0 { p } else { nil } }),
        ButtonKind("avc", .id, make: { .service($0) }, match: { if case .service(let s) = $0 { s } else { nil } }),
        ButtonKind("avn", .serviceNew),
        ButtonKind(
            "ave", .id, .token, make: { .serviceEdit($0, $1) }, match: { if case .serviceEdit(let s, let f) = $0 { (s, f) } else { nil } }),
        ButtonKind(
            "avm", .id, .id, make: { .serviceMaster($0, $1) }, match: { if case .serviceMaster(let s, let m) = $0 { (s, m) } else { nil } }),
        ButtonKind("avu", .id, make: { .serviceUp($0) }, match: { if case .serviceUp(let s) = $0 { s } else { nil } }),
        ButtonKind(
            "ava", .id, .flag(on: "1", off: "0"), make: { .serviceActive($0, $1) },
            match: { if case .serviceActive(let s, let on) = $0 { (s, on) } else { nil } }),
        ButtonKind("ah", .hours),
        ButtonKind("ahm", .id, make: { .masterHours($0) }, match: { if case .masterHours(let m) = $0 { m } else { nil } }),
        ButtonKind("ahd", .id, .code, make: { .dayHours($0, $1) }, match: { if case .dayHours(let m, let d) = $0 { (m, d) } else { nil } }),
        ButtonKind("aho", .id, .code, make: { .dayOff($0, $1) }, match: { if case .dayOff(let m, let d) = $0 { (m, d) } else { nil } }),
        ButtonKind("ahx", .id, make: { .exceptionAdd($0) }, match: { if case .exceptionAdd(let m) = $0 { m } else { nil } }),
        ButtonKind(
            "ahr", .id, .date, make: { .exceptionRemove($0, $1) },
            match: { if case .exceptionRemove(let m, let d) = $0 { (m, d) } else { nil } }),
        ButtonKind("ap", .policies),
        ButtonKind("ape", .token, make: { .policyEdit($0) }, match: { if case .policyEdit(let f) = $0 { f } else { nil } }),
        ButtonKind("ab", .subscription),
        ButtonKind("abr", .plan, make: { .renew($0) }, match: { if case .renew(let plan) = $0 { plan } else { nil } }),
    ])
}

/// A typed input of the business side, kept as `AdminInput.business`.
enum BusinessInput: Codable, Equatable, Sendable {
    /// "name; minutes; price" of a new service.
    case newService
    /// A new value of one field of a service.
    case serviceField(service: Int64, field: ServiceField)
    /// A master's hours on a weekday.
    case dayHours(master: Int64, weekday: Int)
    /// A dated exception of a master.
    case exception(master: Int64)
    /// A new value of a booking rule.
    case policy(field: PolicyField)

    /// The action the input completes (checked again when it arrives).
    var action: AdminAction {
        switch self {
        case .newService: .createService
        case .serviceField: .editService
        case .dayHours, .exception: .editHours
        case .policy: .editPolicies
        }
    }
}
