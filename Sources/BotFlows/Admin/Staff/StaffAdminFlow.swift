import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// Staff: the masters, added, renamed, described, ordered, deactivated (their future bookings listed first) and
/// reactivated, the services each performs, and the Telegram user each master is. Nothing is deleted: a deactivated
/// master takes no new bookings and keeps every booking and its history.
struct StaffAdminFlow: Sendable {
    /// Who is asking, the audit log and the clock.
    let session: AdminSession
    /// Services and masters.
    let catalog: any CatalogStore
    /// Admins (the links).
    let admins: any AdminStore
    /// Future bookings of a master; customers' names; the business feed's secret.
    let backOffice: any BackOfficeStore
    /// The service's public address, prefixed to feed paths (nil: the path alone).
    var publicURL: @Sendable () -> String? = { nil }

    /// Longest master name, in characters.
    static let maxName = 64
    /// Longest description, in characters.
    static let maxDescription = 500

    private func load(_ id: MasterID, reply: inout Reply) async throws -> Master? {
        guard let master = try await catalog.masters(reply.tenant.id).first(where: { $0.id == id }) else {
            reply.answer(reply.admin(.notFound), alert: true)
            return nil
        }
        return master
    }

    func list(page requested: Int = 0, reply: inout Reply, notice: String? = nil) async throws {
        let masters = try await catalog.masters(reply.tenant.id)
        var lines = [reply.staff(.title)]
        if let notice { lines.insert(notice + "\n", at: 0) }
        var rows: [[InlineKeyboardButton]] = []
        let page = ListPage(count: masters.count, size: PageSizes.list, requested: requested)
        for master in masters[page.range] {
            let label = (master.isActive ? "" : "⏸ ") + master.name
            lines.append("• " + label)
            rows.append([.staff(label, .card(master.id))])
        }
        if let pager = reply.adminPagerRow(page, { .staff($0 == 0 ? .list : .listPage(page: $0)) }) { rows.append(pager) }
        rows.append([reply.button(.new, .new)])
        rows.append([reply.button(.businessFeedButton, .feed(nil))])
        rows.append([reply.button(.toPanel, .panel)])
        reply.show(lines.joined(separator: "\n"), keyboard: InlineKeyboardMarkup(rows))
    }

    func card(_ id: MasterID, reply: inout Reply, notice: String? = nil) async throws {
        guard let master = try await load(id, reply: &reply) else { return }
        let services = try await catalog.services(reply.tenant.id).filter { $0.isPerformed(by: id) }
        let everyService = try await catalog.services(reply.tenant.id).allSatisfy { $0.isPerformed(by: id) }
        let linked = try await session.members(reply.tenant).first { $0.masterID == id }
        var text = reply.staff(
            .card,
            [
                "name": master.name, "state": reply.staff(master.isActive ? .active : .inactive),
                "description": master.description.isEmpty ? reply.staff(.noDescription) : master.description,
                "services": everyService ? reply.staff(.everyService) : services.map(\.name).joined(separator: ", "),
                "link": linked.map { reply.staff(.linkedTo, ["name": $0.name, "id": String($0.userID.rawValue)]) } ?? reply.staff(.notLinked),
            ])
        // The link for an Instagram bio or a QR code at the door: booking with this master.
        text += "\n🔗 " + DeepLink(master: id).url(reply.tenant)
        if let notice { text = notice + "\n\n" + text }
        let rows: [[InlineKeyboardButton]] = [
            [reply.button(.fieldName, .edit(id, .name)), reply.button(.fieldDescription, .edit(id, .description))],
            [reply.button(.services, .services(id)), reply.button(.hoursButton, .masterHours(id))],
            [linked == nil ? reply.button(.link, .link(id)) : reply.button(.unlink, .unlink(id)), reply.button(.feedButton, .feed(id))],
            [reply.button(.moveUp, .up(id)), master.isActive ? reply.button(.deactivate, .askDeactivate(id)) : reply.button(.activate, .active(id, true))],
            [reply.button(.back, .list)],
        ]
        reply.show(text, keyboard: InlineKeyboardMarkup(rows))
    }

    func askField(_ id: MasterID, _ field: StaffField, reply: inout Reply) async throws {
        guard let master = try await load(id, reply: &reply) else { return }
        let label = reply.staff(field == .name ? .fieldName : .fieldDescription)
        try await session.ask(.staff(.field(master: id.rawValue, field: field)), reply.staff(.askField, ["field": label, "name": master.name]), reply: &reply)
    }

    /// A trimmed one-line name of 1...64 characters, or nil.
    static func name(_ text: String) -> String? {
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...maxName).contains(name.count), !name.contains(where: \.isNewline) else { return nil }
        return name
    }

    /// The typed name of a new master: active, every service, the tenant's standard week, last in the list.
    func create(_ text: String, reply: inout Reply) async throws {
        guard let name = Self.name(text) else { return reply.send(reply.staff(.badName)) }
        session.setInput(nil, reply: &reply)
        let order = (try await catalog.masters(reply.tenant.id).map(\.displayOrder).max() ?? -1) + 1
        let stored = try await catalog.saveMaster(Master(id: MasterID(0), name: name, displayOrder: order), tenant: reply.tenant.id)
        try await session.audit(.createMaster, target: "master:\(stored.id)", new: Self.summary(stored), reply: reply)
        try await card(stored.id, reply: &reply, notice: reply.staff(.created))
    }

    func receive(_ text: String, _ id: MasterID, _ field: StaffField, reply: inout Reply) async throws {
        guard let old = try await catalog.masters(reply.tenant.id).first(where: { $0.id == id }) else {
            session.setInput(nil, reply: &reply)
            return reply.send(reply.admin(.notFound))
        }
        var new = old
        switch field {
        case .name:
            guard let name = Self.name(text) else { return reply.send(reply.staff(.badName)) }
            new.name = name
        case .description:
            let description = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard description.count <= Self.maxDescription else { return reply.send(reply.staff(.badDescription)) }
            new.description = description == "-" ? "" : description
        }
        session.setInput(nil, reply: &reply)
        try await save(new, old: old, action: .editMaster, reply: &reply, notice: reply.staff(.saved))
    }

    private func save(_ new: Master, old: Master, action: AdminAction, reply: inout Reply, notice: String? = nil) async throws {
        let stored = try await catalog.saveMaster(new, tenant: reply.tenant.id)
        try await session.audit(action, target: "master:\(stored.id)", old: Self.summary(old), new: Self.summary(stored), reply: reply)
        reply.answer(reply.admin(.done))
        try await card(stored.id, reply: &reply, notice: notice)
    }

    /// Swaps the master with the one above (numbering the list first, so equal orders become distinct).
    func moveUp(_ id: MasterID, reply: inout Reply) async throws {
        let before = try await catalog.masters(reply.tenant.id)
        guard let index = before.firstIndex(where: { $0.id == id }) else { return reply.answer(reply.admin(.notFound), alert: true) }
        guard index > 0 else { return reply.answer(nil) }
        var masters = before
        masters.swapAt(index, index - 1)
        for (order, var master) in masters.enumerated() where master.displayOrder != order {
            master.displayOrder = order
            _ = try await catalog.saveMaster(master, tenant: reply.tenant.id)
        }
        let ids = { (list: [Master]) in list.map { "\($0.id)" }.joined(separator: ",") }
        try await session.audit(.reorderMaster, target: "master:\(id)", old: ids(before), new: ids(masters), reply: reply)
        reply.answer(reply.admin(.done))
        try await list(reply: &reply)
    }

    /// The master's upcoming active bookings, each with a button to its card, and the confirmation.
    func askDeactivate(_ id: MasterID, reply: inout Reply) async throws {
        guard let master = try await load(id, reply: &reply) else { return }
        guard master.isActive else { return try await card(id, reply: &reply) }
        let upcoming = try await backOffice.bookings(startingIn: session.now..<session.now.addingTimeInterval(400 * 86_400), tenant: reply.tenant.id)
            .filter { $0.masterID == id && $0.status.isActive }
        var lines = [reply.staff(upcoming.isEmpty ? .deactivateNone : .deactivateFuture, ["name": master.name, "count": String(upcoming.count)])]
        var rows: [[InlineKeyboardButton]] = []
        for booking in upcoming.prefix(PageSizes.list) {
            let when = session.when(booking.start, reply)
            lines.append("• " + when)
            rows.append([.admin(when, .booking(booking.id))])
        }
        rows.append([reply.button(.deactivateConfirm, .active(id, false))])
        rows.append([reply.button(.back, .card(id))])
        reply.show(lines.joined(separator: "\n"), keyboard: InlineKeyboardMarkup(rows))
    }

    func setActive(_ id: MasterID, _ active: Bool, reply: inout Reply) async throws {
        guard let old = try await load(id, reply: &reply) else { return }
        guard old.isActive != active else { return try await card(id, reply: &reply) }
        if !active, try await catalog.masters(reply.tenant.id).count(where: \.isActive) <= 1 {
            return reply.answer(reply.staff(.lastActive), alert: true)
        }
        var new = old
        new.isActive = active
        try await save(new, old: old, action: .activateMaster, reply: &reply, notice: reply.staff(active ? .activated : .deactivated))
    }

    /// One line for the audit log.
    static func summary(_ m: Master) -> String {
        "\(m.name) | \(m.isActive ? "active" : "inactive") | order \(m.displayOrder) | \(m.description.prefix(80))"
    }
}
