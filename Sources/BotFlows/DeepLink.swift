import BookingCore
import Foundation
import TelegramBotAPI

/// A `t.me/<bot>?start=<payload>` link that preselects a service, a master, or both: "s12", "m3", "s12m3".
/// Anything else (unknown, stale, forged, overlong) is no deep link and the normal start follows.
struct DeepLink: Equatable, Sendable {
    /// The service to open at its calendar.
    var service: ServiceID?
    /// The master to book with.
    var master: MasterID?

    /// Longest payload Telegram passes (64 characters).
    static let maxPayload = 64

    /// Reads a start payload; nil when it is none of the forms above.
    init?(payload: String) {
        guard !payload.isEmpty, payload.count <= Self.maxPayload else { return nil }
        var rest = Substring(payload)
        func number(after tag: Character) -> Int64? {
            guard rest.first == tag else { return nil }
            let digits = rest.dropFirst().prefix { $0.isASCII && $0.isNumber }
            rest = rest.dropFirst(1 + digits.count)
            return InputBounds.id(digits)
        }
        if rest.first == "s" { guard let id = number(after: "s") else { return nil }; service = ServiceID(id) }
        if rest.first == "m" { guard let id = number(after: "m") else { return nil }; master = MasterID(id) }
        guard rest.isEmpty, service != nil || master != nil else { return nil }
    }

    init(service: ServiceID? = nil, master: MasterID? = nil) {
        self.service = service
        self.master = master
    }

    var payload: String { (service.map { "s\($0)" } ?? "") + (master.map { "m\($0)" } ?? "") }

    /// The link for the tenant's bot.
    func url(_ tenant: TenantContext) -> String { "https://t.me/\(tenant.record.botUsername)?start=\(payload)" }
}

extension BookingFlow {
    /// Opens what `link` preselects when it still exists and is bookable: the service's calendar (with the master when
    /// given and performing it), or the master's services. Returns false to fall back to the normal start.
    func open(_ link: DeepLink, reply: inout Reply) async throws -> Bool {
        let services = try await catalog.services(reply.tenant.id).filter(\.isActive)
        let masters = try await catalog.masters(reply.tenant.id).filter(\.isActive)
        let master = link.master.flatMap { id in masters.first { $0.id == id } }
        if link.master != nil, master == nil { return false }
        if let id = link.service {
            guard let service = services.first(where: { $0.id == id }) else { return false }
            if let master, !service.isPerformed(by: master.id) { return false }
            try await showMonth(id, master?.id, year: nil, month: nil, reply: &reply)
            return true
        }
        guard let master else { return false }
        let theirs = services.filter { $0.isPerformed(by: master.id) }
        guard !theirs.isEmpty else { return false }
        let rows = theirs.prefix(PageSizes.list).map {
            [InlineKeyboardButton(text: "\($0.name) · \(reply.format.price($0.price))", callbackData: CallbackAction.master($0.id, master.id).data)]
        }
        reply.send(master.name + "\n" + reply.text(.chooseService), markup: .inline(InlineKeyboardMarkup(Array(rows))))
        return true
    }
}
