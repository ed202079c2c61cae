import BookingCore
import Storage

/// Every admin action, named as the audit log records it, with the lowest role allowed to perform it.
///
/// This table is the one place permissions live: `AdminBot` checks it on the server when an action executes (a
/// button press or a typed input), not only when a button is shown.
public enum AdminAction: String, CaseIterable, Sendable {
    case openPanel = "panel.open"
    case viewSchedule = "schedule.view"
    case viewBooking = "booking.view"
    case cancelBooking = "booking.cancel"
    case moveBooking = "booking.move"
    case markNoShow = "booking.noshow"
    case blockTime = "block.create"
    case shiftDay = "day.shift"
    case viewTexts = "texts.view"
    case editText = "texts.edit"
    case resetText = "texts.reset"
    case viewAdmins = "admins.view"
    case addAdmin = "admins.add"
    case changeRole = "admins.role"
    case removeAdmin = "admins.remove"
    case export = "export.data"
    case exportAudit = "export.audit"
    case toggleNotifications = "notify.toggle"
    case viewDashboard = "dashboard.view"
    case viewClients = "clients.view"
    case viewServices = "services.view"
    case createService = "services.create"
    case editService = "services.edit"
    case reorderService = "services.reorder"
    case activateService = "services.active"
    case viewHours = "hours.view"
    case editHours = "hours.edit"
    case editPolicies = "policies.edit"
    case broadcast = "broadcast.send"
    case editProfile = "profile.edit"
    case viewStaff = "staff.view"
    case createMaster = "staff.create"
    case editMaster = "staff.edit"
    case reorderMaster = "staff.reorder"
    case activateMaster = "staff.active"
    case linkMaster = "staff.link"
    case bookClient = "booking.create"
    case calendarFeed = "feed.manage"
    case markArrived = "booking.arrived"
    case viewSubscription = "subscription.view"
    case renew = "subscription.renew"
    case viewReports = "reports.view"
    case changeDayService = "day.service"
    case viewBlocks = "blocks.view"
    case removeBlock = "block.remove"

    /// The lowest role that may perform the action.
    public var minimumRole: AdminRole {
        switch self {
        case .openPanel, .viewSchedule, .viewBooking, .toggleNotifications: .master
        // A master blocks only their own time (see `AdminScopeCheck`).
        case .blockTime, .markArrived, .removeBlock: .master
        case .viewBlocks: .master
        case .viewStaff, .createMaster, .editMaster, .reorderMaster, .activateMaster: .manager
        case .linkMaster: .owner
        case .bookClient, .calendarFeed: .manager
        case .viewDashboard, .viewClients, .viewServices, .createService, .editService, .reorderService, .activateService: .manager
        case .viewHours, .editHours: .manager
        case .editPolicies, .editProfile: .owner
        case .cancelBooking, .moveBooking, .markNoShow, .shiftDay, .viewTexts, .editText, .resetText, .export: .manager
        case .broadcast: .manager
        case .viewAdmins, .addAdmin, .changeRole, .removeAdmin, .exportAudit: .owner
        case .viewSubscription, .renew: .owner
        // A linked master sees their own reports only (see `AdminScopeCheck`).
        case .viewReports: .master
        case .changeDayService: .manager
        }
    }

    /// Whether `role` (nil: not an admin) may perform the action.
    public func allows(_ role: AdminRole?) -> Bool { role.map { $0 >= minimumRole } ?? false }
}
