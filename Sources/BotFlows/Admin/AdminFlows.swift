import BookingCore
import Foundation
import Storage

/// The admin flows, each built once from the environment with only the stores it uses: the composition root of the
/// admin side. Every flow also holds the one `AdminSession` (admins, audit log, clock); the flows that free times hold
/// the customer side's `WaitlistFlow` to offer them.
struct AdminFlows: Sendable {
    /// Who is asking, the audit log and the clock.
    let session: AdminSession
    /// The panel, the schedule and booking cards.
    let schedule: ScheduleAdminFlow
    /// Blocking time.
    let block: BlockAdminFlow
    /// Shifting a day.
    let shift: ShiftAdminFlow
    /// Text templates.
    let texts: TextsAdminFlow
    /// Admins and roles.
    let admins: AdminsAdminFlow
    /// CSV exports.
    let export: ExportAdminFlow
    /// Broadcasts.
    let broadcast: BroadcastAdminFlow
    /// The business side: services, hours, rules, dashboard, clients.
    let business: BusinessAdminRouter
    /// The business profile.
    let profile: ProfileAdminFlow
    /// Staff: masters and their links to Telegram users.
    let staff: StaffAdminFlow
    /// What a master-role admin may touch.
    let scope: AdminScopeCheck
    /// Bookings admins make for clients who walked in or phoned.
    let walkIn: WalkInAdminFlow
    /// Reports of any period.
    let reports: ReportsAdminFlow
    /// Changing a day's bookings to another service.
    let serviceChange: ServiceChangeAdminFlow

    /// Builds every admin flow from `environment`; `waitlist` is the customer side's, so both offer freed times alike.
    init(_ environment: FlowEnvironment, waitlist: WaitlistFlow, deposits: DepositFlow) {
        let stores = environment.stores
        let session = AdminSession(admins: stores.admins, audit: stores.audit, clock: environment.now)
        let notice = CustomerNotice(backOffice: stores.backOffice, catalog: stores.catalog, now: environment.now)
        self.session = session
        staff = StaffAdminFlow(
            session: session, catalog: stores.catalog, admins: stores.admins, backOffice: stores.backOffice, publicURL: environment.publicURL)
        scope = AdminScopeCheck(session: session, bookings: stores.bookings)
        reports = ReportsAdminFlow(session: session, backOffice: stores.backOffice, catalog: stores.catalog, deposits: stores.deposits)
        walkIn = WalkInAdminFlow(
            session: session, catalog: stores.catalog, bookings: stores.bookings, backOffice: stores.backOffice, customers: stores.customers)
        schedule = ScheduleAdminFlow(
            session: session, catalog: stores.catalog, bookings: stores.bookings, backOffice: stores.backOffice, notice: notice,
            waitlist: waitlist, deposits: deposits)
        block = BlockAdminFlow(
            session: session, catalog: stores.catalog, bookings: stores.bookings, backOffice: stores.backOffice, notice: notice,
            waitlist: waitlist, deposits: deposits)
        shift = ShiftAdminFlow(
            session: session, catalog: stores.catalog, bookings: stores.bookings, backOffice: stores.backOffice, notice: notice,
            waitlist: waitlist)
        serviceChange = ServiceChangeAdminFlow(
            session: session, catalog: stores.catalog, bookings: stores.bookings, backOffice: stores.backOffice, notice: notice, waitlist: waitlist)
        texts = TextsAdminFlow(session: session, textOverrides: stores.textOverrides)
        admins = AdminsAdminFlow(session: session, admins: stores.admins, backOffice: stores.backOffice)
        export = ExportAdminFlow(
            session: session, catalog: stores.catalog, backOffice: stores.backOffice, bookings: stores.bookings, audit: stores.audit,
            deposits: stores.deposits)
        profile = ProfileAdminFlow(session: session, tenants: stores.tenants, backOffice: stores.backOffice)
        broadcast = BroadcastAdminFlow(session: session, backOffice: stores.backOffice, audit: stores.audit, broadcasts: stores.broadcasts)
        business = BusinessAdminRouter(
            session: session, admins: stores.admins, schedule: schedule,
            services: ServicesAdminFlow(session: session, catalog: stores.catalog),
            hours: HoursAdminFlow(session: session, catalog: stores.catalog),
            policies: PoliciesAdminFlow(
                session: session, tenants: stores.tenants, backOffice: stores.backOffice, miniAppURL: environment.miniAppURL,
                deposits: stores.deposits, seal: environment.seal),
            dashboard: DashboardAdminFlow(
                session: session, backOffice: stores.backOffice, catalog: stores.catalog, feedback: stores.feedback, deposits: stores.deposits),
            clients: ClientsAdminFlow(session: session, backOffice: stores.backOffice, bookings: stores.bookings, catalog: stores.catalog),
            subscription: SubscriptionAdminFlow(session: session, billing: stores.billing, payURL: environment.payURL))
    }
}
