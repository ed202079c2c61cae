import BookingCore
import Foundation
import Storage
import TelegramBotAPI

extension SalesBot {
    /// Longest business name accepted.
    static let maxNameLength = 64

    func choosePlan(_ code: String, reply: inout SalesReply) async throws {
        guard let plan = try await purchasablePlan(code) else { return try await showPlansAgain(&reply) }
        reply.conversation = SalesConversation(step: .name, plan: plan.code.rawValue)
        reply.send(reply.text(.askName))
    }

    private func showPlansAgain(_ reply: inout SalesReply) async throws {
        reply.conversation = SalesConversation()
        reply.send(reply.text(.startAgain), reply.menu)
    }

    func purchasablePlan(_ code: String?) async throws -> Plan? {
        guard let code, let planCode = PlanCode(code) else { return nil }
        return try await environment.stores.billing.plans().first { $0.code == planCode && $0.isPurchasable }
    }

    func receiveName(_ text: String, reply: inout SalesReply) {
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...Self.maxNameLength).contains(name.count), !name.contains("\n") else { return reply.send(reply.text(.nameInvalid)) }
        reply.conversation.name = name
        reply.conversation.step = .token
        reply.send(reply.text(.botFather))
    }

    /// The token the processor checked with getMe (sealed); refused when Telegram refused it or the bot serves (or is
    /// being bought) elsewhere.
    func receiveToken(_ check: TokenCheck?, buyer: Int64, reply: inout SalesReply) async throws {
        switch check?.outcome {
        case .valid(let botID, let username, let sealed):
            guard try await !botTaken(botID, buyer: buyer) else { return reply.send(reply.text(.tokenTaken)) }
            reply.conversation.botID = botID
            reply.conversation.botUsername = username
            reply.conversation.sealedToken = sealed
            reply.conversation.step = .zone
            let rows = stride(from: 0, to: Self.zones.count, by: 2).map { start in
                Self.zones.indices.filter { $0 >= start && $0 < start + 2 }.map { InlineKeyboardButton(text: Self.zones[$0], callbackData: "s:tz:\($0)") }
            }
            reply.send(reply.text(.askZone, ["bot": username]), rows)
        case .rejected: reply.send(reply.text(.tokenRejected))
        case .unreachable, nil: reply.send(reply.text(.tokenUnchecked))
        }
    }

    /// True when a tenant has this bot, or another buyer ordered it, or it was paid for already.
    private func botTaken(_ botID: Int64, buyer: Int64) async throws -> Bool {
        let tenants: [TenantRecord]
        if let everyTenant = environment.everyTenant { tenants = try await everyTenant() } else { tenants = try await environment.stores.tenants.allTenants() }
        if tenants.contains(where: { $0.botID == botID && $0.profile.status != .deleted }) { return true }
        guard let id = Prospect.tenantID(forBot: botID), let prospect = try await environment.stores.billing.prospect(id) else { return false }
        return prospect.buyer.rawValue != buyer || prospect.status != .ordered
    }

    func receiveZone(_ text: String, reply: inout SalesReply) {
        let zone = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard zone.count <= 64, zone.contains("/"), TimeZone(identifier: zone) != nil else { return reply.send(reply.text(.zoneInvalid)) }
        reply.conversation.zone = zone
        reply.conversation.step = .language
        askLanguage(reply: &reply)
    }

    func askLanguage(reply: inout SalesReply) {
        reply.send(
            reply.text(.askLanguage),
            [[InlineKeyboardButton(text: "Русский", callbackData: "s:lang:ru"), InlineKeyboardButton(text: "English", callbackData: "s:lang:en")]])
    }

    /// Stores the order and its payment (before the buyer pays: a payment is never for nothing) and sends the link.
    func order(language: Language, buyer: Int64, reply: inout SalesReply) async throws {
        let draft = reply.conversation
        guard draft.step == .language, let plan = try await purchasablePlan(draft.plan), let name = draft.name, let botID = draft.botID,
            let username = draft.botUsername, let sealed = draft.sealedToken, let zone = draft.zone, let tenant = Prospect.tenantID(forBot: botID)
        else { return startAgain(&reply) }
        let stores = environment.stores
        let now = environment.now()
        guard try await !botTaken(botID, buyer: buyer),
            try await stores.billing.saveProspect(
                Prospect(
                    tenant: tenant, buyer: UserID(buyer), language: language.rawValue, businessName: name, timeZone: zone, botID: botID,
                    botUsername: username, encryptedToken: sealed, plan: plan.code, createdAt: now))
        else {
            reply.conversation = SalesConversation()
            return reply.send(reply.text(.tokenTaken), reply.menu)
        }
        let payment = try await stores.billing.createPayment(
            PaymentRecord(
                tenant: tenant, plan: plan.code, amount: MoneyAmount(minor: plan.priceMinor), currency: plan.currency, periodDays: plan.periodDays,
                provider: .yookassa, reference: "Zapis: \(plan.nameEN) (sales bot)", createdAt: now))
        reply.conversation = SalesConversation()
        guard let url = environment.payURL(payment.id) else { return reply.send(reply.text(.paymentsOff) + "\n\n" + reply.text(.support)) }
        let values = [
            "business": name, "bot": username, "zone": zone, "plan": plan.name(reply.language.rawValue),
            "price": MoneyAmount(minor: plan.priceMinor).decimal, "currency": plan.currency,
        ]
        reply.send(reply.text(.orderSummary, values), [[InlineKeyboardButton(text: reply.text(.payButton, values), url: url)]])
    }
}
