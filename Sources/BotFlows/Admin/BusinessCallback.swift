import BookingCore
import Storage

/// A service field an admin edits by typing.
enum ServiceField: String, CaseIterable, Codable, Sendable {
    case name = "n", description = "d", duration = "t", price = "p", interval = "i", bufferBefore = "b", bufferAfter = "a"
}

/// A booking rule an admin edits by typing.
enum PolicyField: String, CaseIterable, Codable, Sendable {
    case interval = "i", notice = "n", horizon = "h", maxActive = "c", maxPerDay = "cd", cancel = "w", reminders = "r", feedback = "f"
    case hold = "l"
}

/// Buttons of notifications, the dashboard, clients, services, working hours and booking rules, carried by
/// `AdminCallback.business`. The same rules as every admin button: wire form starts with "a", ≤ 64 bytes, and the
/// role is checked when the press executes.
enum BusinessCallback: Equatable, Sendable {
    case notifications
    case dashboard(week: Bool)
    case clients(page: Int)
    case client(UserID)
    case services
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

    /// The action whose permission a press needs.
    var action: AdminAction {
        switch self {
        case .notifications: .toggleNotifications
        case .dashboard: .viewDashboard
        case .clients, .client: .viewClients
        case .services, .service: .viewServices
        case .serviceNew: .createService
        case .serviceEdit, .serviceMaster: .editService
        case .serviceUp: .reorderService
        case .serviceActive: .activateService
        case .hours, .masterHours, .policies: .viewHours
        case .dayHours, .dayOff, .exceptionAdd, .exceptionRemove: .editHours
        case .policyEdit: .editPolicies
        }
    }

    /// The compact wire form.
    var data: String {
        switch self {
        case .notifications: "an"
        case .dashboard(let week): "ar:\(week ? "w" : "d")"
        case .clients(let page): "ac:\(page)"
        case .client(let user): "acc:\(user)"
        case .services: "av"
        case .service(let s): "avc:\(s)"
        case .serviceNew: "avn"
        case .serviceEdit(let s, let field): "ave:\(s):\(field.rawValue)"
        case .serviceMaster(let s, let m): "avm:\(s):\(m)"
        case .serviceUp(let s): "avu:\(s)"
        case .serviceActive(let s, let on): "ava:\(s):\(on ? 1 : 0)"
        case .hours: "ah"
        case .masterHours(let m): "ahm:\(m)"
        case .dayHours(let m, let day): "ahd:\(m):\(day.rawValue)"
        case .dayOff(let m, let day): "aho:\(m):\(day.rawValue)"
        case .exceptionAdd(let m): "ahx:\(m)"
        case .exceptionRemove(let m, let date): "ahr:\(m):\(date.compact)"
        case .policies: "ap"
        case .policyEdit(let field): "ape:\(field.rawValue)"
        }
    }

    /// Parses the fields of wire data; nil for anything unknown or malformed.
    init?(parts: [String]) {
        // Every number is bounded here, before any flow computes with it (see `InputBounds`).
        func int(_ i: Int) -> Int64? { i < parts.count ? InputBounds.id(parts[i]) : nil }
        func weekday(_ i: Int) -> Weekday? { i < parts.count ? InputBounds.integer(parts[i], in: 1...7).flatMap(Weekday.init(rawValue:)) : nil }
        switch (parts[0], parts.count) {
        case ("an", 1): self = .notifications
        case ("ar", 2): guard parts[1] == "d" || parts[1] == "w" else { return nil }; self = .dashboard(week: parts[1] == "w")
        case ("ac", 2): guard let p = InputBounds.integer(parts[1], in: InputBounds.pages) else { return nil }; self = .clients(page: p)
        case ("acc", 2): guard let u = int(1) else { return nil }; self = .client(UserID(u))
        case ("av", 1): self = .services
        case ("avc", 2): guard let s = int(1) else { return nil }; self = .service(ServiceID(s))
        case ("avn", 1): self = .serviceNew
        case ("ave", 3): guard let s = int(1), let f = ServiceField(rawValue: parts[2]) else { return nil }; self = .serviceEdit(ServiceID(s), f)
        case ("avm", 3): guard let s = int(1), let m = int(2) else { return nil }; self = .serviceMaster(ServiceID(s), MasterID(m))
        case ("avu", 2): guard let s = int(1) else { return nil }; self = .serviceUp(ServiceID(s))
        case ("ava", 3): guard let s = int(1), parts[2] == "0" || parts[2] == "1" else { return nil }; self = .serviceActive(ServiceID(s), parts[2] == "1")
        case ("ah", 1): self = .hours
        case ("ahm", 2): guard let m = int(1) else { return nil }; self = .masterHours(MasterID(m))
        case ("ahd", 3): guard let m = int(1), let d = weekday(2) else { return nil }; self = .dayHours(MasterID(m), d)
        case ("aho", 3): guard let m = int(1), let d = weekday(2) else { return nil }; self = .dayOff(MasterID(m), d)
        case ("ahx", 2): guard let m = int(1) else { return nil }; self = .exceptionAdd(MasterID(m))
        case ("ahr", 3): guard let m = int(1), let d = LocalDate(compact: parts[2]) else { return nil }; self = .exceptionRemove(MasterID(m), d)
        case ("ap", 1): self = .policies
        case ("ape", 2): guard let f = PolicyField(rawValue: parts[1]) else { return nil }; self = .policyEdit(f)
        default: return nil
        }
    }

    /// The first field of every wire form, one per case.
    static let wirePrefixes: Set<String> = [
        "an", "ar", "ac", "acc", "av", "avc", "avn", "ave", "avm", "avu", "ava", "ah", "ahm", "ahd", "aho", "ahx", "ahr", "ap", "ape",
    ]
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
