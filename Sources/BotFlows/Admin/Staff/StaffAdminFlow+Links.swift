import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// The services a master performs, and the Telegram user a master is.
extension StaffAdminFlow {
    func services(_ id: MasterID, reply: inout Reply) async throws {
        guard let master = try await catalog.masters(reply.tenant.id).first(where: { $0.id == id }) else {
            return reply.answer(reply.admin(.notFound), alert: true)
        }
        let services = try await catalog.services(reply.tenant.id)
        var rows = services.prefix(PageSizes.list * 2).map { service in
            [InlineKeyboardButton.staff((service.isPerformed(by: id) ? "✓ " : "") + service.name, .service(id, service.id))]
        }
        rows.append([reply.button(.back, .card(id))])
        reply.show(reply.staff(.servicesTitle, ["name": master.name]), keyboard: InlineKeyboardMarkup(rows))
    }

    /// Ticks or unticks `service` for the master, through the service's own list of masters (none ticked is "all").
    func toggleService(_ id: MasterID, _ serviceID: ServiceID, reply: inout Reply) async throws {
        let masters = try await catalog.masters(reply.tenant.id).map(\.id)
        guard masters.contains(id), let old = try await catalog.services(reply.tenant.id).first(where: { $0.id == serviceID }) else {
            return reply.answer(reply.text(.staleButton))
        }
        var new = old
        if old.isPerformed(by: id) {
            new.masterIDs = (old.masterIDs.isEmpty ? masters : old.masterIDs).filter { $0 != id }
        } else {
            new.masterIDs.append(id)
        }
        if Set(new.masterIDs) == Set(masters) { new.masterIDs = [] }
        new.masterIDs.sort()
        let stored = try await catalog.saveService(new, tenant: reply.tenant.id)
        try await session.audit(
            .editMaster, target: "master:\(id)", old: "service \(serviceID) masters \(Self.ids(old.masterIDs))",
            new: "service \(serviceID) masters \(Self.ids(stored.masterIDs))", reply: reply)
        reply.answer(reply.admin(.done))
        try await services(id, reply: &reply)
    }

    static func ids(_ masters: [MasterID]) -> String { masters.isEmpty ? "all" : masters.map { "\($0)" }.joined(separator: ",") }

    func askLink(_ id: MasterID, reply: inout Reply) async throws {
        guard let master = try await catalog.masters(reply.tenant.id).first(where: { $0.id == id }) else {
            return reply.answer(reply.admin(.notFound), alert: true)
        }
        try await session.ask(.staff(.link(master: id.rawValue)), reply.staff(.askLink, ["name": master.name]), reply: &reply)
    }

    /// The typed Telegram id: that user is the master. A new admin gets the master role (notices on: they hear of
    /// their own bookings only); an existing admin keeps their role. Whoever was linked to the master before is unlinked.
    func receiveLink(_ text: String, _ id: MasterID, reply: inout Reply) async throws {
        guard let master = try await catalog.masters(reply.tenant.id).first(where: { $0.id == id }) else {
            session.setInput(nil, reply: &reply)
            return reply.send(reply.admin(.notFound))
        }
        guard let raw = InputBounds.id(text.trimmingCharacters(in: .whitespaces)) else { return reply.send(reply.staff(.badLink)) }
        session.setInput(nil, reply: &reply)
        let user = UserID(raw)
        let members = try await session.members(reply.tenant)
        for var other in members where other.masterID == id && other.userID != user {
            other.masterID = nil
            try await admins.saveAdmin(other, tenant: reply.tenant.id)
        }
        let existing = members.first { $0.userID == user }
        // A new admin speaks the language they use with the bot as a customer, if they have started it.
        let customer = try await backOffice.customerRecord(user, tenant: reply.tenant.id)?.profile
        var member = existing ?? AdminMember(
            userID: user, role: .master, name: customer?.firstName ?? master.name, notify: true, addedAt: session.now,
            languageCode: customer?.languageCode)
        let old = existing.map { "\($0.role.rawValue) master \($0.masterID.map { "\($0)" } ?? "-")" }
        member.masterID = id
        try await admins.saveAdmin(member, tenant: reply.tenant.id)
        try await session.audit(.linkMaster, target: "master:\(id)", old: old, new: "admin:\(user) \(member.role.rawValue)", reply: reply)
        if existing == nil {
            let language = AdminSession.language(of: member, tenant: reply.tenant)
            reply.send(
                StaffTexts.standard.render(.youAreMaster, language, ["name": master.name, "business": reply.tenant.profile.name]), to: ChatID(raw))
        }
        try await card(id, reply: &reply, notice: reply.staff(.linked))
    }

    func unlink(_ id: MasterID, reply: inout Reply) async throws {
        let linked = try await session.members(reply.tenant).filter { $0.masterID == id }
        guard !linked.isEmpty else { return try await card(id, reply: &reply) }
        for var member in linked {
            member.masterID = nil
            try await admins.saveAdmin(member, tenant: reply.tenant.id)
        }
        try await session.audit(.linkMaster, target: "master:\(id)", old: linked.map { "admin:\($0.userID)" }.joined(separator: ","), reply: reply)
        reply.answer(reply.admin(.done))
        try await card(id, reply: &reply, notice: reply.staff(.unlinked))
    }

    func handle(_ callback: StaffCallback, reply: inout Reply) async throws {
        switch callback {
        case .list: try await list(reply: &reply)
        case .listPage(let page): try await list(page: page, reply: &reply)
        case .card(let id): try await card(id, reply: &reply)
        case .new: try await session.ask(.staff(.newMaster), reply.staff(.askName), reply: &reply)
        case .edit(let id, let field): try await askField(id, field, reply: &reply)
        case .up(let id): try await moveUp(id, reply: &reply)
        case .askDeactivate(let id): try await askDeactivate(id, reply: &reply)
        case .active(let id, let on): try await setActive(id, on, reply: &reply)
        case .services(let id): try await services(id, reply: &reply)
        case .service(let id, let service): try await toggleService(id, service, reply: &reply)
        case .link(let id): try await askLink(id, reply: &reply)
        case .unlink(let id): try await unlink(id, reply: &reply)
        case .feed(let id): try await feed(id, reply: &reply)
        case .feedRotate(let id): try await rotateFeed(id, reply: &reply)
        }
    }

    func receive(_ text: String, input: StaffInput, reply: inout Reply) async throws {
        switch input {
        case .newMaster: try await create(text, reply: &reply)
        case .field(let id, let field): try await receive(text, MasterID(id), field, reply: &reply)
        case .link(let id): try await receiveLink(text, MasterID(id), reply: &reply)
        }
    }
}
