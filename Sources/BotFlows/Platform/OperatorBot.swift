import BookingCore
import Foundation
import Storage
import TelegramBotAPI

typealias OperatorReply = PlatformReply<OperatorTextKey, OperatorConversation>

/// The operator bot (a platform bot): tenants list and search (paged), a tenant card (status, plan, paid-until, last
/// activity, bot health), suspend and resume, a manual payment, platform stats. Only allow-listed Telegram ids are
/// answered — anyone else gets nothing, not even an answer to a press — and every action is in the operator audit
/// as `telegram:<user id>`.
struct OperatorBot: Sendable {
    let environment: FlowEnvironment
    let desk: OperatorDesk

    /// Tenants per page.
    static let pageSize = 8

    func handle(_ update: Update, tenant: TenantContext) async throws -> FlowResult {
        if let message = update.message, message.chat.type == "private", let from = message.from, desk.operators.contains(from.id) {
            var reply = try await makeReply(tenant, chat: message.chat.id, user: from, callbackID: nil)
            try await handleMessage(message.text ?? "", command: message.command?.name, user: from.id, reply: &reply)
            return reply.result
        }
        if let query = update.callbackQuery, desk.operators.contains(query.from.id) {
            var reply = try await makeReply(tenant, chat: query.message?.chat.id ?? query.from.id, user: query.from, callbackID: query.id)
            try await handleCallback(String((query.data ?? "").prefix(64)), user: query.from.id, reply: &reply)
            return reply.result
        }
        // Not an operator: nothing at all (no answer tells a prober the bot exists).
        return FlowResult()
    }

    private func makeReply(_ tenant: TenantContext, chat: Int64, user: User, callbackID: String?) async throws -> OperatorReply {
        let key = ConversationKey(tenant: tenant.id, chat: ChatID(chat), user: UserID(user.id))
        return OperatorReply(
            chat: chat, language: Language.resolve(userCode: user.languageCode, tenantDefault: "ru"), texts: .standard, callbackID: callbackID,
            conversation: OperatorConversation.decode(try await environment.stores.conversations.loadState(key)), empty: OperatorConversation())
    }

    var menu: (OperatorReply) -> [[InlineKeyboardButton]] {
        { reply in [[reply.button(.tenantsButton, "o:list:0"), reply.button(.searchButton, "o:find")], [reply.button(.statsButton, "o:stats")]] }
    }

    private func handleMessage(_ text: String, command: String?, user: Int64, reply: inout OperatorReply) async throws {
        let state = reply.conversation
        if command != nil || (!state.search && state.paymentFor == nil) {
            reply.conversation = OperatorConversation()
            try await audit(user, "operator-bot.menu", tenant: nil)
            return reply.send(reply.text(.menu), menu(reply))
        }
        if state.search {
            reply.conversation = OperatorConversation(search: false, query: String(text.prefix(64)))
            return try await list(page: 0, query: String(text.prefix(64)), user: user, reply: &reply)
        }
        if let raw = state.paymentFor, let tenant = TenantID(raw) {
            try await recordPayment(text, tenant: tenant, user: user, reply: &reply)
        }
    }

    private func handleCallback(_ data: String, user: Int64, reply: inout OperatorReply) async throws {
        let parts = data.split(separator: ":", maxSplits: 2).map(String.init)
        guard parts.count >= 2, parts[0] == "o", OperatorActions.verbs.contains(parts[1]) else { return }
        let argument = parts.count > 2 ? parts[2] : ""
        let page = min(max(Int(argument.prefix(4)) ?? 0, 0), 9_999)
        switch parts[1] {
        case "menu":
            reply.conversation = OperatorConversation()
            try await audit(user, "operator-bot.menu", tenant: nil)
            reply.send(reply.text(.menu), menu(reply))
        case "list": try await list(page: page, query: nil, user: user, reply: &reply)
        case "sp": try await list(page: page, query: reply.conversation.query ?? "", user: user, reply: &reply)
        case "find":
            reply.conversation = OperatorConversation(search: true)
            try await audit(user, "operator-bot.search", tenant: nil)
            reply.send(reply.text(.askSearch))
        case "stats": try await stats(user: user, reply: &reply)
        case "t", "sus", "res", "pay":
            guard let tenant = TenantID(argument), PlatformBot(tenant: tenant) == nil, let record = try await environment.stores.tenants.tenant(tenant) else {
                return reply.send(reply.text(.unknownTenant), menu(reply))
            }
            switch parts[1] {
            case "t": try await card(record, user: user, reply: &reply)
            case "sus": try await setStatus(record, suspend: true, user: user, reply: &reply)
            case "res": try await setStatus(record, suspend: false, user: user, reply: &reply)
            default:
                reply.conversation = OperatorConversation(paymentFor: tenant.rawValue)
                try await audit(user, "operator-bot.payment-form", tenant: tenant)
                reply.send(reply.text(.askPayment, ["id": tenant.rawValue]))
            }
        default: break
        }
    }

    /// Businesses only (the platform bots' rows are no tenants to the operator), by id; with `query`, those whose id or
    /// name contains it.
    func businesses(matching query: String?) async throws -> [TenantRecord] {
        let all = try await environment.stores.tenants.allTenants().filter { PlatformBot(tenant: $0.id) == nil }
        guard let query = query?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased(), !query.isEmpty else { return all }
        return all.filter { $0.id.rawValue.contains(query) || $0.profile.name.lowercased().contains(query) }
    }

    private func list(page requested: Int, query: String?, user: Int64, reply: inout OperatorReply) async throws {
        let found = try await businesses(matching: query)
        try await audit(user, query == nil ? "operator-bot.list" : "operator-bot.search", tenant: nil, detail: query.map { "query \($0.debugDescription)" } ?? "")
        guard !found.isEmpty else { return reply.send(reply.text(.noTenants), menu(reply)) }
        let pages = (found.count + Self.pageSize - 1) / Self.pageSize
        let page = min(requested, pages - 1)
        let slice = found[(page * Self.pageSize)..<min(found.count, (page + 1) * Self.pageSize)]
        var rows = slice.map { [InlineKeyboardButton(text: "\($0.id) — \($0.profile.name) (\($0.profile.status.rawValue))", callbackData: "o:t:\($0.id)")] }
        let verb = query == nil ? "list" : "sp"
        var pager: [InlineKeyboardButton] = []
        if page > 0 { pager.append(InlineKeyboardButton(text: "‹", callbackData: "o:\(verb):\(page - 1)")) }
        if page + 1 < pages { pager.append(InlineKeyboardButton(text: "›", callbackData: "o:\(verb):\(page + 1)")) }
        if !pager.isEmpty { rows.append(pager) }
        rows.append([reply.button(.menuButton, "o:menu")])
        reply.send(reply.text(.tenantsTitle, ["count": "\(found.count)", "page": "\(page + 1)", "pages": "\(pages)"]), rows)
    }

    func audit(_ user: Int64, _ action: String, tenant: TenantID?, detail: String = "") async throws {
        try await environment.stores.tenants.appendOperatorAudit(
            OperatorAuditEntry(at: environment.now(), actor: "telegram:\(user)", tenant: tenant, action: action, detail: detail))
    }
}
