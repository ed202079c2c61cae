import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// The admin panel and the schedule: day and week views per master (or all), and the booking card.
struct ScheduleAdminFlow: Sendable {
    /// Who is asking, the audit log and the clock.
    let session: AdminSession
    /// Services and masters.
    let catalog: any CatalogStore
    /// Bookings and blocks.
    let bookings: any BookingStore
    /// Admin reads and batch changes.
    let backOffice: any BackOfficeStore
    /// Tells customers what an admin did to their bookings.
    let notice: CustomerNotice
    /// Offers freed times to the waitlist.
    let waitlist: WaitlistFlow
    /// Gives back a cancelled booking's paid deposit.
    let deposits: DepositFlow


    func panel(reply: inout Reply) async throws {
        let role = try await session.role(of: reply.user, tenant: reply.tenant) ?? .master
        let today = reply.tenant.calendar.localDate(of: session.now)
        let own = role == .master ? try await session.members(reply.tenant).first { $0.userID == reply.user }?.masterID : nil
        var rows = [[reply.button(.today, .day(own, today)), reply.button(.week, .week(own, today))]]
        rows += BusinessAdminRouter.panelRows(role: role, reply: reply)
        if AdminAction.viewBlocks.allows(role) { rows.append([reply.button(.button, BlockCallback.list(page: 0))]) }
        if AdminAction.viewTexts.allows(role) { rows.append([reply.button(.textsButton, .texts(reply.language))]) }
        if AdminAction.export.allows(role) {
            var exports = [reply.button(.exportBookings, .export(.bookings)), reply.button(.exportClients, .export(.clients))]
            if AdminAction.exportAudit.allows(role) { exports.append(reply.button(.exportAudit, .export(.audit))) }
            rows.append(exports)
        }
        if AdminAction.broadcast.allows(role) { rows.append([.admin(reply.broadcast(.button), .broadcast(.start))]) }
        if AdminAction.viewAdmins.allows(role) { rows.append([reply.button(.adminsButton, .admins)]) }
        let notify = try await session.members(reply.tenant).first { $0.userID == reply.user }?.notify ?? false
        rows.append([reply.button(notify ? .notificationsOn : .notificationsOff, .notifications)])
        rows.append([reply.button(.close, .close)])
        var text = reply.admin(.panel, ["business": reply.tenant.profile.name, "role": reply.admin(role.textKey)])
        if reply.tenant.profile.status == .suspended {
            // Owners still run their day while the platform pauses the bot, and see why and how to resume.
            let reason = reply.tenant.record.statusReason.isEmpty ? "—" : reply.tenant.record.statusReason
            text = reply.admin(.paused, ["reason": reason]) + "\n\n" + text
        }
        reply.show(text, keyboard: InlineKeyboardMarkup(rows))
    }

    /// The masters a view shows: one, or all when `master` is nil. Nil when the master does not exist.
    func masters(_ master: MasterID?, reply: Reply) async throws -> [Master]? {
        let all = try await catalog.masters(reply.tenant.id)
        guard let master else { return all }
        let one = all.filter { $0.id == master }
        return one.isEmpty ? nil : one
    }

    func masterLabel(_ master: MasterID?, _ masters: [Master], reply: Reply) -> String {
        master == nil ? reply.admin(.allMasters) : masters.first?.name ?? ""
    }

    /// The day view: every active booking of `date` (one master or all) and the blocks, a page at a time when the
    /// day is too long for one message or keyboard (see `DayPages`).
    func day(_ master: MasterID?, _ date: LocalDate, page: Int = 0, reply: inout Reply) async throws {
        guard let masters = try await masters(master, reply: reply) else { return reply.answer(reply.text(.staleButton)) }
        let calendar = reply.tenant.calendar
        let range = calendar.dayRange(date)
        let ids = Set(masters.map(\.id))
        let bookings = try await backOffice.bookings(startingIn: range, tenant: reply.tenant.id)
            .filter { $0.status.isActive && ids.contains($0.masterID) }
        let blocks = try await self.bookings.blocks(overlapping: range, tenant: reply.tenant.id)
            .filter { block in masters.contains { block.applies(to: $0.id) } }
        let services = Dictionary(try await catalog.services(reply.tenant.id).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let names = try await backOffice.customerNames(reply.tenant.id)
        let masterNames = Dictionary(masters.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var entries: [(line: String, button: InlineKeyboardButton)] = []
        for booking in bookings {
            let time = "\(calendar.localTime(of: booking.start))–\(calendar.localTime(of: booking.end))"
            let service = services[booking.serviceID] ?? ""
            let customer = names[booking.customer] ?? String(booking.customer.rawValue)
            let line = "• \(time) \(service) · \(masterNames[booking.masterID] ?? "") · \(customer)"
            entries.append((line, .admin("\(calendar.localTime(of: booking.start)) \(service)", .booking(booking.id))))
        }
        let pages = DayPages(lines: entries.map(\.line))
        let page = min(max(page, 0), pages.count - 1)
        var lines = [reply.admin(.dayTitle, ["date": reply.format.date(date), "master": masterLabel(master, masters, reply: reply)])]
        lines += entries[pages[page]].map(\.line)
        var rows = entries[pages[page]].map { [$0.button] }
        if bookings.isEmpty { lines.append(reply.admin(.noBookings)) }
        for block in blocks {
            let from = max(block.range.lowerBound, range.lowerBound)
            let to = min(block.range.upperBound, range.upperBound)
            lines.append(reply.admin(.blockLine, ["from": calendar.localTime(of: from).description, "to": to == range.upperBound ? "24:00" : calendar.localTime(of: to).description, "reason": block.reason]))
        }
        if pages.count > 1 { rows.append(pages.pagerRow(page, master: master, date: date, reply: reply)) }
        rows.append([.admin("‹", .day(master, date.adding(days: -1))), reply.button(.week, .week(master, date)), .admin("›", .day(master, date.adding(days: 1)))])
        let all = try await catalog.masters(reply.tenant.id)
        // A linked master sees only their own days: no switcher to the others.
        let viewer = try await session.members(reply.tenant).first { $0.userID == reply.user }
        if all.count > 1, viewer?.role != .master || viewer?.masterID == nil {
            rows.append(Self.masterSwitcher(all, current: master, date: date, reply: reply))
        }
        rows.append([reply.button(.blockButton, .blockStart(master, date)), reply.button(.shiftButton, .shiftStart(master, date))])
        rows.append([.walkIn(reply.walkIn(.button), .start(master, date)), .serviceChange(reply.serviceChange(.button), .start(master, date))])
        rows.append([reply.button(.toPanel, .panel)])
        reply.show(lines.joined(separator: "\n"), keyboard: InlineKeyboardMarkup(rows))
    }

    func week(_ master: MasterID?, _ date: LocalDate, reply: inout Reply) async throws {
        guard let masters = try await masters(master, reply: reply) else { return reply.answer(reply.text(.staleButton)) }
        let calendar = reply.tenant.calendar
        let ids = Set(masters.map(\.id))
        let range = calendar.startOfDay(date)..<calendar.startOfDay(date.adding(days: 7))
        let bookings = try await backOffice.bookings(startingIn: range, tenant: reply.tenant.id)
            .filter { $0.status.isActive && ids.contains($0.masterID) }
        var lines = [reply.admin(.weekTitle, ["master": masterLabel(master, masters, reply: reply)])]
        var rows: [[InlineKeyboardButton]] = []
        for offset in 0..<7 {
            let day = date.adding(days: offset)
            let count = bookings.count { calendar.localDate(of: $0.start) == day }
            let label = reply.admin(.weekDay, ["date": reply.format.date(day), "count": String(count)])
            lines.append("• " + label)
            rows.append([.admin(label, .day(master, day))])
        }
        rows.append([.admin("‹", .week(master, date.adding(days: -7))), .admin("›", .week(master, date.adding(days: 7)))])
        rows.append([reply.button(.toPanel, .panel)])
        reply.show(lines.joined(separator: "\n"), keyboard: InlineKeyboardMarkup(rows))
    }

    /// The booking with its service and master names, or nil (answered "not found").
    func load(_ id: BookingID, reply: inout Reply) async throws -> (Booking, Service?, Master?)? {
        guard let booking = try await bookings.booking(id, tenant: reply.tenant.id) else {
            reply.answer(reply.text(.bookingNotFound), alert: true)
            return nil
        }
        let service = try await catalog.services(reply.tenant.id).first { $0.id == booking.serviceID }
        let master = try await catalog.masters(reply.tenant.id).first { $0.id == booking.masterID }
        return (booking, service, master)
    }

    func card(_ id: BookingID, reply: inout Reply, notice: String? = nil) async throws {
        guard let (booking, service, master) = try await load(id, reply: &reply) else { return }
        let calendar = reply.tenant.calendar
        let customer = try await backOffice.customerRecord(booking.customer, tenant: reply.tenant.id)
        let client = (customer?.profile.firstName ?? "") + (customer?.profile.username.map { " @\($0)" } ?? "")
        var text = reply.admin(
            .card,
            [
                "service": service?.name ?? "", "master": master?.name ?? "", "when": session.when(booking.start, reply),
                "end": calendar.localTime(of: booking.end).description, "client": client, "id": String(booking.customer.rawValue),
                "status": reply.admin(booking.status.textKey),
            ])
        if let phone = customer?.profile.phone { text += "\n📱 " + phone }
        if let comment = booking.comment { text += "\n" + reply.contact(.cardComment, ["comment": comment]) }
        if let notice { text = notice + "\n\n" + text }
        var rows: [[InlineKeyboardButton]] = []
        if booking.status.isActive {
            rows.append([reply.button(.cancelBooking, .askCancel(id)), reply.button(.moveBooking, .moveDay(id, calendar.localDate(of: booking.start)))])
        }
        if booking.start <= session.now { rows.append(visitRow(booking, reply: reply)) }
        rows.append([reply.button(.toDay, .day(booking.masterID, calendar.localDate(of: booking.start)))])
        reply.show(text, keyboard: InlineKeyboardMarkup(rows))
    }
}

extension AdminRole {
    var textKey: AdminTextKey {
        switch self {
        case .owner: .roleOwner
        case .manager: .roleManager
        case .master: .roleMaster
        }
    }
}

extension BookingStatus {
    var textKey: AdminTextKey {
        switch self {
        case .confirmed: .statusConfirmed
        case .held: .statusHeld
        case .cancelled: .statusCancelled
        case .completed: .statusCompleted
        case .noShow: .statusNoShow
        }
    }
}

extension ScheduleAdminFlow {
    /// Masters shown at once in the day view's switcher.
    static let switcherSize = 4

    /// "All" and a group of four masters: the group holding the master shown (the first group for all masters), with
    /// ◂ and ▸ (the pager's « » page bookings) to the first master of the previous and next group, so every master is reachable however many there are.
    static func masterSwitcher(_ all: [Master], current: MasterID?, date: LocalDate, reply: Reply) -> [InlineKeyboardButton] {
        let index = current.flatMap { id in all.firstIndex { $0.id == id } } ?? 0
        let start = index / switcherSize * switcherSize
        let group = all[start..<min(all.count, start + switcherSize)]
        var row: [InlineKeyboardButton] = [reply.button(.allMasters, .day(nil, date))]
        if start > 0 { row.append(.admin("◂", .day(all[start - switcherSize].id, date))) }
        row += group.map { .admin($0.name, .day($0.id, date)) }
        if start + switcherSize < all.count { row.append(.admin("▸", .day(all[start + switcherSize].id, date))) }
        return row
    }
}
