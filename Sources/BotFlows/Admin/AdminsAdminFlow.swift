import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// The tenant's admins (owners only): list, add by Telegram id, change role, remove. The last owner can be
/// neither removed nor demoted; a new admin is told in their own chat.
struct AdminsAdminFlow: Sendable {
    /// Who is asking, the audit log and the clock.
    let session: AdminSession
    /// Admins and their roles.
    let admins: any AdminStore
    /// Admin reads and batch changes.
    let backOffice: any BackOfficeStore


    func list(page requested: Int = 0, reply: inout Reply, notice: String? = nil) async throws {
        let members = try await session.members(reply.tenant)
        var lines = [reply.admin(.adminsTitle)]
        if let notice { lines.insert(notice + "\n", at: 0) }
        var rows: [[InlineKeyboardButton]] = []
        let page = ListPage(count: members.count, size: PageSizes.list, requested: requested)
        for member in members[page.range] {
            let label = "\(member.name) (\(member.userID)) — \(reply.admin(member.role.textKey))"
            lines.append("• " + label)
            rows.append([.admin(label, .adminCard(member.userID))])
        }
        if let pager = reply.adminPagerRow(page, { $0 == 0 ? .admins : .adminsPage(page: $0) }) { rows.append(pager) }
        rows.append([reply.button(.addAdmin, .adminAdd)])
        rows.append([reply.button(.toPanel, .panel)])
        reply.show(lines.joined(separator: "\n"), keyboard: InlineKeyboardMarkup(rows))
    }

    func card(_ user: UserID, reply: inout Reply, notice: String? = nil) async throws {
        guard let member = try await session.members(reply.tenant).first(where: { $0.userID == user }) else {
            return reply.answer(reply.admin(.notFound), alert: true)
        }
        var text = reply.admin(.adminCard, ["name": member.name, "id": String(user.rawValue), "role": reply.admin(member.role.textKey)])
        if let notice { text = notice + "\n\n" + text }
        let roles = AdminRole.allCases.reversed().map { role in
            InlineKeyboardButton.admin((role == member.role ? "• " : "") + reply.admin(role.textKey), .adminRole(user, role))
        }
        let rows = [roles, [reply.button(.removeAdmin, .adminRemove(user))], [reply.button(.back, .admins)]]
        reply.show(text, keyboard: InlineKeyboardMarkup(rows))
    }

    func askAdd(reply: inout Reply) async throws {
        session.setInput(.newAdmin, reply: &reply)
        reply.answer(nil)
        reply.send(reply.admin(.askAdminID))
    }

    /// The typed Telegram id: adds that user as a master (the least role; the owner raises it on the card).
    /// A new admin by their Telegram id, or by a message of theirs forwarded here (when their privacy settings let
    /// the forward carry who sent it).
    func receive(_ text: String, forwardedFrom origin: MessageOrigin? = nil, reply: inout Reply) async throws {
        var forwardedName: String?
        let raw: Int64
        if let origin {
            guard let sender = origin.senderUser else { return reply.send(reply.admin(.forwardHidden)) }
            guard !sender.isBot, let id = InputBounds.id(String(sender.id)) else { return reply.send(reply.admin(.forwardBot)) }
            raw = id
            forwardedName = sender.firstName
        } else {
            guard let id = InputBounds.id(text.trimmingCharacters(in: .whitespaces)) else { return reply.send(reply.admin(.badAdminID)) }
            raw = id
        }
        let user = UserID(raw)
        session.setInput(nil, reply: &reply)
        let members = try await session.members(reply.tenant)
        if members.contains(where: { $0.userID == user }) { return try await card(user, reply: &reply, notice: reply.admin(.alreadyAdmin)) }
        let known = try await backOffice.customerRecord(user, tenant: reply.tenant.id)?.profile.firstName
        let name = known ?? forwardedName.map { String($0.prefix(64)) } ?? "id \(raw)"
        try await admins.saveAdmin(AdminMember(userID: user, role: .master, name: name, notify: false, addedAt: session.now), tenant: reply.tenant.id)
        try await session.audit(.addAdmin, target: "admin:\(user)", new: AdminRole.master.rawValue, reply: reply)
        reply.send(AdminTexts.standard.render(.youAreAdmin, reply.language, ["business": reply.tenant.profile.name, "role": reply.admin(.roleMaster)]), to: ChatID(raw))
        try await card(user, reply: &reply, notice: reply.admin(.adminAdded))
    }

    func setRole(_ user: UserID, _ role: AdminRole, reply: inout Reply) async throws {
        let members = try await session.members(reply.tenant)
        guard var member = members.first(where: { $0.userID == user }) else { return reply.answer(reply.admin(.notFound), alert: true) }
        guard member.role != role else { return reply.answer(nil) }
        if member.role == .owner, members.count(where: { $0.role == .owner }) == 1 {
            return reply.answer(reply.admin(.lastOwner), alert: true)
        }
        let old = member.role
        member.role = role
        // Notifications default to on for owners and managers, off for masters; the admin toggles them in the panel.
        member.notify = role != .master
        try await admins.saveAdmin(member, tenant: reply.tenant.id)
        try await session.audit(.changeRole, target: "admin:\(user)", old: old.rawValue, new: role.rawValue, reply: reply)
        reply.answer(reply.admin(.done))
        try await card(user, reply: &reply)
    }

    func remove(_ user: UserID, reply: inout Reply) async throws {
        let members = try await session.members(reply.tenant)
        guard let member = members.first(where: { $0.userID == user }) else { return reply.answer(reply.admin(.notFound), alert: true) }
        if member.role == .owner, members.count(where: { $0.role == .owner }) == 1 {
            return reply.answer(reply.admin(.lastOwner), alert: true)
        }
        try await admins.removeAdmin(user, tenant: reply.tenant.id)
        try await session.audit(.removeAdmin, target: "admin:\(user)", old: member.role.rawValue, reply: reply)
        reply.answer(reply.admin(.done))
        try await list(reply: &reply)
    }
}
