import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// The secret calendar feeds (`GET /ical/{tenant}/{token}.ics`): one per master and one of the whole business, made
/// on first view and rotated on request (the old URL then answers 404).
extension StaffAdminFlow {
    /// The path of a feed; the card prefixes the service's public address when one is configured.
    static func feedPath(_ tenant: TenantContext, token: String) -> String { "/ical/\(tenant.id)/\(token).ics" }

    func feed(_ master: MasterID?, rotated: String? = nil, reply: inout Reply, notice: String? = nil) async throws {
        let (name, token): (String, String)
        if let master {
            guard var stored = try await catalog.masters(reply.tenant.id).first(where: { $0.id == master }) else {
                return reply.answer(reply.admin(.notFound), alert: true)
            }
            if stored.feedToken == nil {
                stored.feedToken = CalendarFeedSource.newToken()
                stored = try await catalog.saveMaster(stored, tenant: reply.tenant.id)
            }
            (name, token) = (stored.name, stored.feedToken ?? "")
        } else {
            var policies = reply.tenant.policies
            policies.calendarFeedToken = rotated ?? policies.calendarFeedToken
            if policies.calendarFeedToken == nil {
                policies.calendarFeedToken = CalendarFeedSource.newToken()
                try await backOffice.updatePolicies(policies, of: reply.tenant.id)
            }
            (name, token) = (reply.tenant.profile.name, policies.calendarFeedToken ?? "")
        }
        var text = reply.staff(.feed, ["name": name, "url": (publicURL() ?? "") + Self.feedPath(reply.tenant, token: token)])
        if let notice { text = notice + "\n\n" + text }
        let rows = [[reply.button(.feedRotate, .feedRotate(master))], [reply.button(.back, master.map { .card($0) } ?? .list)]]
        reply.show(text, keyboard: InlineKeyboardMarkup(rows))
    }

    func rotateFeed(_ master: MasterID?, reply: inout Reply) async throws {
        let token = CalendarFeedSource.newToken()
        if let master {
            guard var stored = try await catalog.masters(reply.tenant.id).first(where: { $0.id == master }) else {
                return reply.answer(reply.admin(.notFound), alert: true)
            }
            stored.feedToken = token
            _ = try await catalog.saveMaster(stored, tenant: reply.tenant.id)
        } else {
            var policies = reply.tenant.policies
            policies.calendarFeedToken = token
            try await backOffice.updatePolicies(policies, of: reply.tenant.id)
        }
        try await session.audit(.calendarFeed, target: master.map { "feed:master:\($0)" } ?? "feed:business", new: "rotated", reply: reply)
        reply.answer(reply.admin(.done))
        try await feed(master, rotated: token, reply: &reply, notice: reply.staff(.feedRotated))
    }
}

