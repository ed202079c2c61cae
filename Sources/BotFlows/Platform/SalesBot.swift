import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// The sales bot (a platform bot): demo, plans from data, FAQ and support (texts the operator edits), and Buy: business
/// name → how to create a bot with @BotFather → the token (checked with getMe by the processor before the
/// transaction, deleted from the chat at once) → time zone → language → the order and its payment stored, with a
/// payment link. The tenant is provisioned once the payment is verified (outside the flows: it needs the network).
public struct SalesBot: Sendable {
    let environment: FlowEnvironment

    /// Creates the bot over `environment`.
    public init(environment: FlowEnvironment) { self.environment = environment }

    /// The zones offered as buttons (others may be typed).
    static let zones = [
        "Europe/Kaliningrad", "Europe/Moscow", "Europe/Samara", "Asia/Yekaterinburg", "Asia/Omsk", "Asia/Novosibirsk", "Asia/Krasnoyarsk",
        "Asia/Irkutsk", "Asia/Vladivostok",
    ]

    /// The built-in texts with the operator's edits of the sales bot applied.
    static func texts(_ overrides: [TextOverride]) -> SalesTexts {
        var templates: [Language: [SalesTextKey: String]] = [.ru: SalesTextKey.russian, .en: SalesTextKey.english]
        for override in overrides {
            guard let key = SalesTextKey(rawValue: override.key), SalesTextKey.editable.contains(key),
                let language = Language(rawValue: override.language)
            else { continue }
            templates[language]?[key] = override.template
        }
        return SalesTexts(templates: templates)
    }

    /// Handles one update of the sales bot's row.
    public func handle(_ update: Update, tenant: TenantContext) async throws -> FlowResult {
        let texts = Self.texts(try await environment.stores.textOverrides.textOverrides(tenant.id))
        if let message = update.message {
            guard message.chat.type == "private", let from = message.from, !from.isBot else { return FlowResult() }
            var reply = try await makeReply(tenant, chat: message.chat.id, user: from, texts: texts, callbackID: nil)
            try await handleMessage(message, reply: &reply)
            return reply.result
        }
        if let query = update.callbackQuery {
            var reply = try await makeReply(tenant, chat: query.message?.chat.id ?? query.from.id, user: query.from, texts: texts, callbackID: query.id)
            try await handleCallback(String((query.data ?? "").prefix(64)), user: query.from, reply: &reply)
            return reply.result
        }
        return FlowResult()
    }

    private func makeReply(_ tenant: TenantContext, chat: Int64, user: User, texts: SalesTexts, callbackID: String?) async throws -> SalesReply {
        let key = ConversationKey(tenant: tenant.id, chat: ChatID(chat), user: UserID(user.id))
        return SalesReply(
            chat: chat, language: Language.resolve(userCode: user.languageCode, tenantDefault: "ru"), texts: texts, callbackID: callbackID,
            conversation: SalesConversation.decode(try await environment.stores.conversations.loadState(key)), empty: SalesConversation())
    }

    private func handleMessage(_ message: Message, reply: inout SalesReply) async throws {
        let text = message.text ?? ""
        // A token is never left in the chat, whatever step the buyer is at.
        if TokenCheck.looksLikeToken(text) {
            reply.calls.append(.deleteMessage(DeleteMessage(chatID: message.chat.id, messageID: message.messageID)))
            guard reply.conversation.step == .token else {
                reply.send(reply.text(.tokenOutsideBuy), reply.menu)
                return
            }
            return try await receiveToken(environment.tokenCheck, buyer: message.from?.id ?? 0, reply: &reply)
        }
        if let command = message.command {
            if command.name == "cancel", reply.conversation != SalesConversation() {
                reply.conversation = SalesConversation()
                reply.send(reply.text(.cancelled), reply.menu)
            } else if command.name == "buy" {
                try await showPlans(buying: true, reply: &reply)
            } else {
                reply.conversation = SalesConversation()
                reply.send(reply.text(.welcome), reply.menu)
            }
            return
        }
        switch reply.conversation.step {
        case .name: receiveName(text, reply: &reply)
        case .token: reply.send(reply.text(.notAToken) + "\n\n" + reply.text(.botFather))
        case .zone: receiveZone(text, reply: &reply)
        case .language: askLanguage(reply: &reply)
        case nil: reply.send(reply.text(.welcome), reply.menu)
        }
    }

    private func handleCallback(_ data: String, user: User, reply: inout SalesReply) async throws {
        let parts = data.split(separator: ":", maxSplits: 2).map(String.init)
        guard parts.first == "s", parts.count >= 2 else { return reply.send(reply.text(.welcome), reply.menu) }
        let back = [[reply.button(.menuButton, "s:menu")]]
        switch (parts[1], parts.count > 2 ? parts[2] : nil) {
        case ("demo", _): reply.send(reply.text(.demo), [[reply.button(.buyButton, "s:buy")]] + back)
        case ("faq", _): reply.send(reply.text(.faq), back)
        case ("support", _): reply.send(reply.text(.support), back)
        case ("plans", _): try await showPlans(buying: false, reply: &reply)
        case ("buy", _): try await showPlans(buying: true, reply: &reply)
        case ("plan", let code?): try await choosePlan(code, reply: &reply)
        case ("tz", let index?):
            guard reply.conversation.step == .zone, let i = Int(index), Self.zones.indices.contains(i) else { return startAgain(&reply) }
            receiveZone(Self.zones[i], reply: &reply)
        case ("lang", let code?):
            guard let language = Language(rawValue: code) else { return startAgain(&reply) }
            try await order(language: language, buyer: user.id, reply: &reply)
        default:
            reply.send(reply.text(.welcome), reply.menu)
        }
    }

    /// Plans from data (active, purchasable), by display order; with `buying`, each as a button.
    private func showPlans(buying: Bool, reply: inout SalesReply) async throws {
        let plans = try await environment.stores.billing.plans().filter(\.isPurchasable)
        let lines = plans.map { plan in
            reply.text(.planLine, ["name": plan.name(reply.language.rawValue), "price": MoneyAmount(minor: plan.priceMinor).decimal, "currency": plan.currency])
        }
        let buttons = plans.map { plan in
            [InlineKeyboardButton(text: "\(plan.name(reply.language.rawValue)) — \(MoneyAmount(minor: plan.priceMinor).decimal) \(plan.currency)", callbackData: "s:plan:\(plan.code)")]
        }
        let header = reply.text(buying ? .choosePlan : .plansHeader)
        reply.send(([header] + lines).joined(separator: "\n"), buying ? buttons + [[reply.button(.menuButton, "s:menu")]] : [[reply.button(.buyButton, "s:buy")]])
    }

    func startAgain(_ reply: inout SalesReply) {
        reply.conversation = SalesConversation()
        reply.send(reply.text(.startAgain), reply.menu)
    }
}
