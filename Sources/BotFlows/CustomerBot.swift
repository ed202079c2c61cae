import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// The customer conversation of a tenant's bot: one update in, the Bot API calls to make out.
public struct CustomerBot: Sendable {
    let environment: FlowEnvironment
    let texts: Texts

    /// Creates the bot logic.
    public init(environment: FlowEnvironment, texts: Texts = .standard) {
        self.environment = environment
        self.texts = texts
    }

    /// Handles one update of `tenant`. Throws only when a store fails; domain refusals become replies.
    public func handle(_ update: Update, tenant: TenantContext) async throws -> FlowResult {
        if let message = update.message {
            guard message.chat.type == "private", let from = message.from, !from.isBot else { return FlowResult() }
            var reply = makeReply(tenant: tenant, chat: message.chat.id, user: from, messageID: nil, callbackID: nil)
            guard tenant.profile.status.isServing else {
                reply.send(reply.text(.unavailable))
                return reply.result
            }
            try await handleMessage(message, from: from, reply: &reply)
            return reply.result
        }
        if let query = update.callbackQuery {
            let chat = query.message?.chat.id ?? query.from.id
            let editable = query.message.flatMap { $0.isInaccessible ? nil : $0.messageID }
            var reply = makeReply(tenant: tenant, chat: chat, user: query.from, messageID: editable, callbackID: query.id)
            guard tenant.profile.status.isServing else {
                reply.answer(reply.text(.unavailable), alert: true)
                return reply.result
            }
            try await handleCallback(query, reply: &reply)
            return reply.result
        }
        // Edited messages, channel posts, membership changes and unknown kinds need no reply.
        return FlowResult()
    }

    private func makeReply(tenant: TenantContext, chat: Int64, user: User, messageID: Int64?, callbackID: String?) -> Reply {
        Reply(
            tenant: tenant, chat: ChatID(chat), user: UserID(user.id),
            language: Language.resolve(userCode: user.languageCode, tenantDefault: tenant.profile.defaultLanguage), texts: texts,
            editableMessageID: messageID, callbackID: callbackID)
    }

    private func handleMessage(_ message: Message, from: User, reply: inout Reply) async throws {
        if let command = message.command {
            switch command.name {
            case "start": try await start(from: from, reply: &reply)
            case "book": try await BookingFlow(environment: environment).showServices(reply: &reply)
            case "my": try await MyBookingsFlow(environment: environment).list(reply: &reply)
            case "help": reply.send(reply.text(.help), markup: reply.mainMenu)
            case "cancel":
                try await forgetFlow(reply: &reply)
                reply.send(reply.text(.flowCancelled), markup: reply.mainMenu)
            default: reply.send(reply.text(.hint), markup: reply.mainMenu)
            }
            return
        }
        let text = message.text ?? ""
        if Language.allCases.contains(where: { texts.render(.menuBook, $0) == text }) {
            try await BookingFlow(environment: environment).showServices(reply: &reply)
        } else if Language.allCases.contains(where: { texts.render(.menuMyBookings, $0) == text }) {
            try await MyBookingsFlow(environment: environment).list(reply: &reply)
        } else if Language.allCases.contains(where: { texts.render(.menuAbout, $0) == text }) {
            try await AboutFlow(environment: environment).show(reply: &reply)
        } else {
            reply.send(reply.text(.hint), markup: reply.mainMenu)
        }
    }

    private func start(from: User, reply: inout Reply) async throws {
        try await forgetFlow(reply: &reply)
        let profile = CustomerProfile(
            userID: reply.user, chatID: reply.chat, firstName: from.firstName, username: from.username, languageCode: from.languageCode)
        let isNew = try await environment.stores.customers.upsertCustomer(profile, tenant: reply.tenant.id, now: environment.now())
        var text = reply.text(.greeting, ["name": from.firstName, "business": reply.tenant.profile.name])
        if isNew { text += "\n\n" + reply.text(.onboarding) }
        reply.send(text, markup: reply.mainMenu)
    }

    /// Clears the conversation and disables the keyboard of an unfinished booking flow.
    private func forgetFlow(reply: inout Reply) async throws {
        let key = ConversationKey(tenant: reply.tenant.id, chat: reply.chat, user: reply.user)
        let state = ConversationState.decode(try await environment.stores.conversations.loadState(key))
        if let messageID = state.flowMessageID {
            reply.removeKeyboard(of: messageID)
        }
        try await environment.stores.conversations.clearState(key)
    }

    private func handleCallback(_ query: CallbackQuery, reply: inout Reply) async throws {
        guard let data = query.data, let action = CallbackAction(data: data) else {
            reply.answer(reply.text(.staleButton))
            return
        }
        let key = ConversationKey(tenant: reply.tenant.id, chat: reply.chat, user: reply.user)
        let booking = BookingFlow(environment: environment)
        switch action {
        case .noop: break
        case .abort:
            try await environment.stores.conversations.clearState(key)
            reply.show(reply.text(.flowCancelled), keyboard: nil)
        case .services: try await booking.showServices(reply: &reply)
        case .service(let s): try await booking.chooseService(s, reply: &reply)
        case .master(let s, let m): try await booking.showMonth(s, m, year: nil, month: nil, reply: &reply)
        case .month(let s, let m, let year, let month): try await booking.showMonth(s, m, year: year, month: month, reply: &reply)
        case .day(let s, let m, let date): try await booking.showDay(s, m, date, reply: &reply)
        case .slot(let s, let m, let minute, let choice): try await booking.showConfirmation(s, m, minute, choice: choice, reply: &reply)
        case .confirm(let s, let m, let minute): try await booking.confirm(s, m, minute, reply: &reply)
        case .myBookings: try await MyBookingsFlow(environment: environment).list(reply: &reply)
        case .askCancel(let id): try await MyBookingsFlow(environment: environment).askCancel(id, reply: &reply)
        case .cancelBooking(let id): try await MyBookingsFlow(environment: environment).cancel(id, reply: &reply)
        case .confirmComing(let id): try await MyBookingsFlow(environment: environment).confirmComing(id, reply: &reply)
        case .reschedule(let id): try await RescheduleFlow(environment: environment).showMonth(id, year: nil, month: nil, reply: &reply)
        case .rescheduleMonth(let id, let year, let month):
            try await RescheduleFlow(environment: environment).showMonth(id, year: year, month: month, reply: &reply)
        case .rescheduleDay(let id, let date): try await RescheduleFlow(environment: environment).showDay(id, date, reply: &reply)
        case .rescheduleSlot(let id, let minute): try await RescheduleFlow(environment: environment).showConfirmation(id, minute, reply: &reply)
        case .rescheduleConfirm(let id, let minute): try await RescheduleFlow(environment: environment).confirm(id, minute, reply: &reply)
        }
        switch action {
        case .abort, .noop, .confirmComing: break
        case .confirm, .cancelBooking, .rescheduleConfirm: try await environment.stores.conversations.clearState(key)
        default:
            if let messageID = reply.editableMessageID {
                try await environment.stores.conversations.saveState(
                    ConversationState(flowMessageID: messageID).encoded(), for: key, now: environment.now())
            }
        }
    }
}
