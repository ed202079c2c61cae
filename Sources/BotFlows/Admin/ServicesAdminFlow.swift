import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// Services: list, card, create, edit every field by typing, masters by buttons, order, activate and deactivate.
/// Nothing is ever deleted: a deactivated service is hidden from customers and keeps its bookings and history.
struct ServicesAdminFlow: Sendable {
    /// Who is asking, the audit log and the clock.
    let session: AdminSession
    /// Services and masters.
    let catalog: any CatalogStore


    /// The services in the order customers see them.
    private func all(_ reply: Reply) async throws -> [Service] {
        try await catalog.services(reply.tenant.id).sorted { ($0.displayOrder, $0.id) < ($1.displayOrder, $1.id) }
    }

    private func load(_ id: ServiceID, reply: inout Reply) async throws -> Service? {
        guard let service = try await all(reply).first(where: { $0.id == id }) else {
            reply.answer(reply.admin(.notFound), alert: true)
            return nil
        }
        return service
    }

    func list(page requested: Int = 0, reply: inout Reply, notice: String? = nil) async throws {
        let services = try await all(reply)
        var lines = [reply.biz(.servicesTitle)]
        if let notice { lines.insert(notice + "\n", at: 0) }
        var rows: [[InlineKeyboardButton]] = []
        let page = ListPage(count: services.count, size: PageSizes.list, requested: requested)
        for service in services[page.range] {
            let label = (service.isActive ? "" : "⏸ ") + "\(service.name) · \(service.durationMinutes) · \(reply.format.price(service.price))"
            lines.append("• " + label)
            rows.append([.business(label, .service(service.id))])
        }
        if let pager = reply.adminPagerRow(page, { .business($0 == 0 ? .services : .servicesPage(page: $0)) }) { rows.append(pager) }
        rows.append([reply.button(.newService, .serviceNew)])
        rows.append([reply.button(.toPanel, .panel)])
        reply.show(lines.joined(separator: "\n"), keyboard: InlineKeyboardMarkup(rows))
    }

    func card(_ id: ServiceID, reply: inout Reply, notice: String? = nil) async throws {
        guard let service = try await load(id, reply: &reply) else { return }
        let masters = try await catalog.masters(reply.tenant.id)
        let performing = masters.filter { service.masterIDs.contains($0.id) }.map(\.name)
        var text = reply.biz(
            .serviceCard,
            [
                "name": service.name, "state": reply.biz(service.isActive ? .active : .inactive), "description": service.description,
                "duration": String(service.durationMinutes), "price": reply.format.price(service.price),
                "interval": service.slotIntervalMinutes.map { "\($0)" }
                    ?? reply.biz(.tenantInterval, ["minutes": String(reply.tenant.policies.slotIntervalMinutes)]),
                "before": String(service.bufferBeforeMinutes), "after": String(service.bufferAfterMinutes),
                "masters": performing.isEmpty ? reply.biz(.everyMaster) : performing.joined(separator: ", "),
            ])
        text += "\n" + reply.biz(.depositLine, ["deposit": Self.depositText(service.deposit, reply)])
        // The link that opens booking at this service's calendar (see `DeepLink`).
        text += "\n🔗 " + DeepLink(service: id).url(reply.tenant)
        if let notice { text = notice + "\n\n" + text }
        let fields: [(BusinessTextKey, ServiceField)] = [
            (.fieldName, .name), (.fieldDescription, .description), (.fieldDuration, .duration), (.fieldPrice, .price), (.fieldInterval, .interval),
            (.fieldBufferBefore, .bufferBefore), (.fieldBufferAfter, .bufferAfter), (.fieldDeposit, .deposit),
        ]
        let buttons = fields.map { reply.button($0.0, .serviceEdit(id, $0.1)) }
        var rows = stride(from: 0, to: buttons.count, by: 3).map { Array(buttons[$0..<min($0 + 3, buttons.count)]) }
        if masters.count > 1 {
            // Every master, three a row; at most `maxMasterToggles` keep the keyboard within Telegram's 100 buttons.
            let toggles = masters.prefix(Self.maxMasterToggles).map {
                InlineKeyboardButton.business((service.masterIDs.contains($0.id) ? "✓ " : "") + $0.name, .serviceMaster(id, $0.id))
            }
            rows += stride(from: 0, to: toggles.count, by: 3).map { Array(toggles[$0..<min($0 + 3, toggles.count)]) }
        }
        rows.append([reply.button(.moveUp, .serviceUp(id)), reply.button(service.isActive ? .deactivate : .activate, .serviceActive(id, !service.isActive))])
        rows.append([reply.button(.back, .business(.services))])
        reply.show(text, keyboard: InlineKeyboardMarkup(rows))
    }

    /// How many masters the service card offers to toggle (its other buttons are at most 10).
    static let maxMasterToggles = 60

    func askField(_ id: ServiceID, _ field: ServiceField, reply: inout Reply) async throws {
        guard let service = try await load(id, reply: &reply) else { return }
        let question = reply.biz(.askField, ["field": reply.biz(field.label), "name": service.name, "hint": reply.biz(field.hint)])
        try await session.ask(.business(.serviceField(service: id.rawValue, field: field)), question, reply: &reply)
    }

    /// Saves `new` in place of `old`, audits old → new, and shows the card.
    private func save(_ new: Service, old: Service, action: AdminAction, reply: inout Reply, notice: String? = nil) async throws {
        let stored = try await catalog.saveService(new, tenant: reply.tenant.id)
        try await session.audit(action, target: "service:\(stored.id)", old: Self.summary(old), new: Self.summary(stored), reply: reply)
        reply.answer(reply.admin(.done))
        try await card(stored.id, reply: &reply, notice: notice)
    }

    /// The typed new value of `field`.
    func receive(_ text: String, _ id: ServiceID, _ field: ServiceField, reply: inout Reply) async throws {
        guard let old = try await all(reply).first(where: { $0.id == id }) else {
            session.setInput(nil, reply: &reply)
            return reply.send(reply.admin(.notFound))
        }
        guard let new = Self.applying(text, to: old, field, currency: reply.tenant.profile.currency) else {
            return reply.send(reply.biz(.badValue, ["hint": reply.biz(field.hint)]))
        }
        session.setInput(nil, reply: &reply)
        try await save(new, old: old, action: .editService, reply: &reply, notice: reply.admin(.saved))
    }

    /// "name; minutes; price": a new active service at the end of the list.
    func create(_ text: String, reply: inout Reply) async throws {
        let parts = text.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let order = (try await all(reply).map(\.displayOrder).max() ?? -1) + 1
        let draft = Service(id: ServiceID(0), name: "", durationMinutes: 60, price: .free, displayOrder: order)
        guard parts.count == 3, let named = Self.applying(parts[0], to: draft, .name, currency: reply.tenant.profile.currency),
            let timed = Self.applying(parts[1], to: named, .duration, currency: reply.tenant.profile.currency),
            let service = Self.applying(parts[2], to: timed, .price, currency: reply.tenant.profile.currency)
        else { return reply.send(reply.biz(.badNewService)) }
        session.setInput(nil, reply: &reply)
        let stored = try await catalog.saveService(service, tenant: reply.tenant.id)
        try await session.audit(.createService, target: "service:\(stored.id)", new: Self.summary(stored), reply: reply)
        try await card(stored.id, reply: &reply, notice: reply.biz(.serviceCreated))
    }

    func toggleMaster(_ id: ServiceID, _ master: MasterID, reply: inout Reply) async throws {
        guard let old = try await load(id, reply: &reply) else { return }
        let masters = try await catalog.masters(reply.tenant.id).map(\.id)
        guard masters.contains(master) else { return reply.answer(reply.text(.staleButton)) }
        var new = old
        if new.masterIDs.contains(master) { new.masterIDs.removeAll { $0 == master } } else { new.masterIDs.append(master) }
        // Every master ticked is the same as none: "all masters".
        if Set(new.masterIDs) == Set(masters) { new.masterIDs = [] }
        new.masterIDs.sort()
        try await save(new, old: old, action: .editService, reply: &reply)
    }

    /// Swaps the service with the one above it (numbering the list first, so equal orders become distinct).
    func moveUp(_ id: ServiceID, reply: inout Reply) async throws {
        var services = try await all(reply)
        guard let index = services.firstIndex(where: { $0.id == id }) else { return reply.answer(reply.admin(.notFound), alert: true) }
        guard index > 0 else { return reply.answer(nil) }
        services.swapAt(index, index - 1)
        let old = try await all(reply).map { "\($0.id)" }.joined(separator: ",")
        for (order, var service) in services.enumerated() where service.displayOrder != order {
            service.displayOrder = order
            _ = try await catalog.saveService(service, tenant: reply.tenant.id)
        }
        try await session.audit(.reorderService, target: "service:\(id)", old: old, new: services.map { "\($0.id)" }.joined(separator: ","), reply: reply)
        reply.answer(reply.admin(.done))
        try await list(reply: &reply)
    }

    func setActive(_ id: ServiceID, _ active: Bool, reply: inout Reply) async throws {
        guard let old = try await load(id, reply: &reply) else { return }
        guard old.isActive != active else { return try await card(id, reply: &reply) }
        var new = old
        new.isActive = active
        try await save(new, old: old, action: .activateService, reply: &reply)
    }

    /// One line for the audit log.
    /// A deposit rule as the card shows it.
    static func depositText(_ rule: DepositRule?, _ reply: Reply) -> String {
        switch rule {
        case nil: reply.biz(.depositNone)
        case .percent(let share): "\(share)%"
        case .fixed(let minor): reply.format.price(.fixed(minorUnits: minor, currency: reply.tenant.profile.currency))
        }
    }

    static func summary(_ s: Service) -> String {
        let price: String
        switch s.price {
        case .fixed(let minor, let currency): price = "\(minor) \(currency)"
        case .free: price = "free"
        case .onRequest: price = "on request"
        }
        let masters = s.masterIDs.isEmpty ? "all" : s.masterIDs.map { "\($0)" }.joined(separator: ",")
        return "\(s.name) | \(s.durationMinutes) min | \(price) | interval \(s.slotIntervalMinutes.map(String.init) ?? "-") | buffers "
            + "\(s.bufferBeforeMinutes)/\(s.bufferAfterMinutes) | masters \(masters) | \(s.isActive ? "active" : "inactive") | order \(s.displayOrder)"
            + (s.deposit.map { rule in if case .percent(let p) = rule { " | deposit \(p)%" } else if case .fixed(let m) = rule { " | deposit \(m)" } else { "" } } ?? "")
    }
}
