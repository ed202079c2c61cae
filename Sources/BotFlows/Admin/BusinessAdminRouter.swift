import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// Dispatches the business side's presses and typed inputs (the role was checked by `AdminBot` just before), and
/// toggles the presser's own admin notifications.
struct BusinessAdminRouter: Sendable {
    /// Who is asking, the audit log and the clock.
    let session: AdminSession
    /// Admins and their roles (the presser's notification switch).
    let admins: any AdminStore
    /// The panel shown after the switch.
    let schedule: ScheduleAdminFlow
    /// Services.
    let services: ServicesAdminFlow
    /// Working hours.
    let hours: HoursAdminFlow
    /// Booking rules.
    let policies: PoliciesAdminFlow
    /// The dashboard.
    let dashboard: DashboardAdminFlow
    /// Clients.
    let clients: ClientsAdminFlow
    /// The subscription and its renewal.
    let subscription: SubscriptionAdminFlow

    func handle(_ callback: BusinessCallback, reply: inout Reply) async throws {
        switch callback {
        case .notifications: try await toggleNotifications(reply: &reply)
        case .dashboard(let week): try await dashboard.show(week: week, reply: &reply)
        case .clients(let page): try await clients.list(page: page, reply: &reply)
        case .client(let user): try await clients.card(user, reply: &reply)
        case .services: try await services.list(reply: &reply)
        case .servicesPage(let page): try await services.list(page: page, reply: &reply)
        case .service(let id): try await services.card(id, reply: &reply)
        case .serviceNew: try await session.ask(.business(.newService), reply.biz(.askNewService), reply: &reply)
        case .serviceEdit(let id, let field): try await services.askField(id, field, reply: &reply)
        case .serviceMaster(let id, let master): try await services.toggleMaster(id, master, reply: &reply)
        case .serviceUp(let id): try await services.moveUp(id, reply: &reply)
        case .serviceActive(let id, let on): try await services.setActive(id, on, reply: &reply)
        case .hours: try await hours.masters(reply: &reply)
        case .masterHours(let master): try await hours.plan(master, reply: &reply)
        case .dayHours(let master, let day): try await hours.askDay(master, day, reply: &reply)
        case .dayOff(let master, let day): try await hours.setDay(master, day, intervals: [], reply: &reply)
        case .exceptionAdd(let master): try await hours.askException(master, reply: &reply)
        case .exceptionRemove(let master, let date): try await hours.removeException(master, date, reply: &reply)
        case .policies: try await policies.show(reply: &reply)
        case .policyEdit(let field): try await policies.ask(field, reply: &reply)
        case .subscription: try await subscription.show(reply: &reply)
        case .renew(let plan): try await subscription.renew(plan, reply: &reply)
        }
    }

    func receive(_ text: String, input: BusinessInput, reply: inout Reply) async throws {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch input {
        case .newService: try await services.create(text, reply: &reply)
        case .serviceField(let id, let field): try await services.receive(text, ServiceID(id), field, reply: &reply)
        case .dayHours(let master, let weekday):
            guard let day = Weekday(rawValue: weekday) else { return session.setInput(nil, reply: &reply) }
            guard let intervals = HoursParser.intervals(text) else { return reply.send(reply.biz(.badHours)) }
            try await hours.setDay(MasterID(master), day, intervals: intervals, reply: &reply)
        case .exception(let master): try await hours.receiveException(text, MasterID(master), reply: &reply)
        case .policy(let field): try await policies.receive(text, field, reply: &reply)
        }
    }

    /// Turns the presser's notifications of new / cancelled / moved bookings and low ratings on or off.
    func toggleNotifications(reply: inout Reply) async throws {
        guard var member = try await session.members(reply.tenant).first(where: { $0.userID == reply.user }) else {
            return reply.answer(reply.admin(.notAdmin), alert: true)
        }
        member.notify.toggle()
        try await admins.saveAdmin(member, tenant: reply.tenant.id)
        let (old, new) = member.notify ? ("off", "on") : ("on", "off")
        try await session.audit(.toggleNotifications, target: "admin:\(reply.user)", old: old, new: new, reply: reply)
        reply.answer(reply.biz(member.notify ? .notificationsNowOn : .notificationsNowOff))
        try await schedule.panel(reply: &reply)
    }
}

extension AdminSession {
    /// Waits for a typed input: remembers it and asks.
    func ask(_ input: AdminInput, _ question: String, reply: inout Reply) async throws {
        setInput(input, reply: &reply)
        reply.answer(nil)
        reply.send(question)
    }
}

extension BusinessAdminRouter {
    /// The panel's rows of the business side that `role` may open.
    static func panelRows(role: AdminRole, reply: Reply) -> [[InlineKeyboardButton]] {
        var rows: [[InlineKeyboardButton]] = []
        var reports: [InlineKeyboardButton] = []
        if AdminAction.viewDashboard.allows(role) { reports.append(reply.button(.dashboardButton, .dashboard(week: false))) }
        if AdminAction.viewClients.allows(role) { reports.append(reply.button(.clientsButton, .clients(page: 0))) }
        if AdminAction.viewReports.allows(role) { reports.append(.report(reply.report(.button), .menu)) }
        if !reports.isEmpty { rows.append(reports) }
        var settings: [InlineKeyboardButton] = []
        if AdminAction.viewServices.allows(role) { settings.append(reply.button(.servicesButton, .services)) }
        if AdminAction.viewHours.allows(role) { settings.append(reply.button(.hoursButton, .hours)) }
        if AdminAction.viewStaff.allows(role) { settings.append(reply.button(.button, StaffCallback.list)) }
        if !settings.isEmpty { rows.append(settings) }
        if AdminAction.editProfile.allows(role) {
            rows.append([InlineKeyboardButton(text: reply.profileText(.profileButton), callbackData: AdminCallback.profile(.show).data)])
        }
        if AdminAction.viewSubscription.allows(role) {
            rows.append([RenewButton.button(language: reply.language.rawValue)])
        }
        return rows
    }
}
