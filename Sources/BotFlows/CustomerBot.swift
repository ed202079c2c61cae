import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// The customer conversation of a tenant's bot: one update in, the Bot API calls to make out. The router and the
/// composition root: it keeps the whole environment, reads and writes only what routing needs (conversation, texts,
/// customer profile), and hands each update to a flow built with only the stores that flow uses.
public struct CustomerBot: Sendable {
    let environment: FlowEnvironment
    var texts: Texts
    /// The customer flows, built once.
    let flows: CustomerFlows
    /// The admin side, built once.
    let admin: AdminBot

    /// Creates the bot logic.
    public init(environment: FlowEnvironment, texts: Texts = .standard) {
        self.environment = environment
        self.texts = texts
        self.flows = CustomerFlows(environment)
        self.admin = AdminBot(flows: AdminFlows(environment, waitlist: flows.waitlist, deposits: flows.deposits))
    }

    /// Handles one update of `tenant`. Throws only when a store fails; domain refusals become replies.
    public func handle(_ update: Update, tenant: TenantContext) async throws -> FlowResult {
        // The platform's own bots are rows like tenants' but have flows of their own.
        switch PlatformBot(tenant: tenant.id) {
        case .sales: return try await SalesBot(environment: environment).handle(update, tenant: tenant)
        case .operator:
            guard let desk = environment.operatorDesk else { return FlowResult() }
            return try await OperatorBot(environment: environment, desk: desk).handle(update, tenant: tenant)
        case nil: break
        }
        // The tenant's own wording (edited by its admins) replaces the defaults for this update.
        var bot = self
        bot.texts = texts.applying(try await environment.stores.textOverrides.textOverrides(tenant.id))
        return try await bot.handleWithTenantTexts(update, tenant: tenant)
    }

    /// The command menus of `tenant`'s bot with its edited descriptions; the built-in ones when its texts cannot be
    /// read (the menus are cosmetic, and every edit sends them again).
    public func commandMenus(for tenant: TenantID) async -> [SetMyCommands] {
        // The sales and operator bots have no booking commands: their menu is /start alone.
        if PlatformBot(tenant: tenant) != nil { return texts.commandMenus(only: ["start"]) }
        let overrides = (try? await environment.stores.textOverrides.textOverrides(tenant)) ?? []
        return texts.applying(overrides).commandMenus()
    }

    private func handleWithTenantTexts(_ update: Update, tenant: TenantContext) async throws -> FlowResult {
        if let query = update.preCheckoutQuery {
            var reply = try await makeReply(tenant: tenant, chat: query.from.id, user: query.from, messageID: nil, callbackID: nil)
            try await flows.deposits.preCheckout(query, reply: &reply)
            return reply.result
        }
        if let message = update.message {
            guard message.chat.type == "private", let from = message.from, !from.isBot else { return FlowResult() }
            var reply = try await makeReply(tenant: tenant, chat: message.chat.id, user: from, messageID: nil, callbackID: nil)
            // A payment is recorded whatever else is going on (the money was taken), also while the bot is paused.
            if let payment = message.successfulPayment {
                try await flows.deposits.paid(payment, reply: &reply)
                return reply.result
            }
            // `/admin` and the input an admin was asked for go to the admin side, also while the platform pauses the bot.
            if try await admin.handleMessage(message, reply: &reply) { return reply.result }
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
            var reply = try await makeReply(tenant: tenant, chat: chat, user: query.from, messageID: editable, callbackID: query.id)
            if let data = query.data, AdminCallback.isAdminData(data) {
                try await admin.handleCallback(data, reply: &reply)
                return reply.result
            }
            guard tenant.profile.status.isServing else {
                reply.answer(reply.text(.unavailable), alert: true)
                return reply.result
            }
            try await handleCallback(query, reply: &reply)
            return reply.result
        }
        if let edited = update.editedMessage, edited.chat.type == "private", let from = edited.from, !from.isBot,
            tenant.profile.status.isServing
        {
            // An edit matters only while a comment is expected: say politely that edits are not picked up.
            var reply = try await makeReply(tenant: tenant, chat: edited.chat.id, user: from, messageID: nil, callbackID: nil)
            if reply.conversation.commentForBooking != nil {
                try await flows.feedback.comment(edited, edited: true, reply: &reply)
            }
            return reply.result
        }
        // Channel posts, membership changes and unknown kinds need no reply.
        return FlowResult()
    }

    /// The reply to build for one update, with the conversation loaded once (the only read of it in the update).
    func makeReply(tenant: TenantContext, chat: Int64, user: User, messageID: Int64?, callbackID: String?) async throws -> Reply {
        let key = ConversationKey(tenant: tenant.id, chat: ChatID(chat), user: UserID(user.id))
        return Reply(
            tenant: tenant, chat: ChatID(chat), user: UserID(user.id),
            language: Language.resolve(userCode: user.languageCode, tenantDefault: tenant.profile.defaultLanguage), texts: texts,
            editableMessageID: messageID, callbackID: callbackID,
            conversation: Conversation.decode(try await environment.stores.conversations.loadState(key)))
    }

    private func handleMessage(_ message: Message, from: User, reply: inout Reply) async throws {
        if let contact = message.contact { return try await flows.contact.receive(contact, from: from, reply: &reply) }
        let text = message.text ?? ""
        let menu = texts.menuKey(matching: text)
        // While a phone or a comment is awaited, anything but a command or a menu button answers it.
        if reply.conversation.draft?.awaiting != nil, message.command == nil, menu == nil {
            return try await flows.contact.receive(text, reply: &reply)
        }
        if reply.conversation.commentForBooking != nil {
            // While a comment is expected, anything but a command or a menu button is the comment (or a hint why not).
            guard message.command != nil || menu != nil else {
                return try await flows.feedback.comment(message, edited: false, reply: &reply)
            }
            reply.conversation = Conversation()
        }
        if let command = message.command {
            switch command.name {
            case "start":
                try await start(from: from, reply: &reply)
                // A deep link opens what it preselects; an unknown or stale one leaves the normal start.
                if let link = DeepLink(payload: command.argument) { _ = try await flows.booking.open(link, reply: &reply) }
            case "book": try await flows.booking.showServices(reply: &reply)
            case "my": try await flows.myBookings.list(reply: &reply)
            case "help": reply.send(reply.text(.help), markup: reply.mainMenu)
            case "cancel":
                try await forgetFlow(reply: &reply)
                reply.send(reply.text(.flowCancelled), markup: reply.mainMenu)
            default: reply.send(reply.text(.hint), markup: reply.mainMenu)
            }
            return
        }
        switch menu {
        case .menuBook: try await flows.booking.showServices(reply: &reply)
        case .menuMyBookings: try await flows.myBookings.list(reply: &reply)
        case .menuAbout: try await flows.about.show(reply: &reply)
        default: reply.send(reply.text(.hint), markup: reply.mainMenu)
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
        if let messageID = reply.conversation.flowMessageID {
            reply.removeKeyboard(of: messageID)
        }
        reply.conversation = Conversation()
    }

    func handleCallback(_ query: CallbackQuery, reply: inout Reply) async throws {
        guard let data = query.data, let action = CallbackAction(data: data),
            action.isNear(now: environment.now(), horizonDays: reply.tenant.policies.horizonDays)
        else {
            reply.answer(reply.text(.staleButton))
            return
        }
        let booking = flows.booking
        // Each arm says what the conversation becomes: navigation remembers the flow's message (its keyboard is
        // removed if the flow is abandoned), a finished flow forgets it, and the rest leave it as their flow set it.
        switch action {
        case .noop: break
        case .abort:
            reply.conversation = Conversation()
            reply.show(reply.text(.flowCancelled), keyboard: nil)
        case .services, .servicesPage:
            try await booking.showServices(page: action.page, reply: &reply)
            Self.rememberFlow(&reply)
        case .service(let s), .mastersPage(let s, _):
            try await booking.chooseService(s, page: action.page, reply: &reply)
            Self.rememberFlow(&reply)
        case .master(let s, let m):
            try await booking.showMonth(s, m, year: nil, month: nil, reply: &reply)
            Self.rememberFlow(&reply)
        case .month(let s, let m, let year, let month):
            try await booking.showMonth(s, m, year: year, month: month, reply: &reply)
            Self.rememberFlow(&reply)
        case .day(let s, let m, let date), .fullDay(let s, let m, let date), .dayPage(let s, let m, let date, _):
            try await booking.showDay(s, m, date, page: action.page, reply: &reply)
            Self.rememberFlow(&reply)
        case .slot(let s, let m, let minute, let choice):
            try await flows.contact.showConfirmation(s, m, minute, choice: choice, reply: &reply)
            Self.rememberFlow(&reply, keepDraft: true)
        case .comment(let s, let m, let minute): try await flows.contact.askComment(s, m, minute, reply: &reply)
        case .confirm(let s, let m, let minute):
            try await booking.confirm(s, m, minute, reply: &reply)
            reply.conversation = Conversation()
        case .myBookings, .myBookingsPage:
            try await flows.myBookings.list(page: action.page, reply: &reply)
            Self.rememberFlow(&reply)
        case .askCancel(let id):
            try await flows.myBookings.askCancel(id, reply: &reply)
            Self.rememberFlow(&reply)
        case .cancelBooking(let id):
            try await flows.myBookings.cancel(id, reply: &reply)
            reply.conversation = Conversation()
        case .confirmComing(let id): try await flows.myBookings.confirmComing(id, reply: &reply)
        case .reschedule(let id):
            try await flows.reschedule.showMonth(id, year: nil, month: nil, reply: &reply)
            Self.rememberFlow(&reply)
        case .rescheduleMonth(let id, let year, let month):
            try await flows.reschedule.showMonth(id, year: year, month: month, reply: &reply)
            Self.rememberFlow(&reply)
        case .rescheduleDay(let id, let date), .rescheduleDayPage(let id, let date, _):
            try await flows.reschedule.showDay(id, date, page: action.page, reply: &reply)
            Self.rememberFlow(&reply)
        case .rescheduleSlot(let id, let minute):
            try await flows.reschedule.showConfirmation(id, minute, reply: &reply)
            Self.rememberFlow(&reply)
        case .rescheduleConfirm(let id, let minute):
            try await flows.reschedule.confirm(id, minute, reply: &reply)
            reply.conversation = Conversation()
        case .pastBookings(let page):
            try await flows.pastBookings.show(page: page, reply: &reply)
            Self.rememberFlow(&reply)
        case .rate(let id, let stars): try await flows.feedback.rate(id, stars: stars, reply: &reply)
        case .skipComment(let id): try await flows.feedback.skip(id, reply: &reply)
        case .joinWaitlist(let s, let m, let date):
            try await flows.waitlist.join(s, m, date, reply: &reply)
            Self.rememberFlow(&reply)
        case .leaveWaitlist(let id): try await flows.waitlist.leave(id, reply: &reply)
        case .acceptOffer(let id):
            try await flows.waitlist.accept(id, reply: &reply)
            reply.conversation = Conversation()
        case .declineOffer(let id): try await flows.waitlist.decline(id, reply: &reply)
        }
    }

    /// A navigation step: the conversation becomes the flow on the pressed message.
    private static func rememberFlow(_ reply: inout Reply, keepDraft: Bool = false) {
        if let messageID = reply.editableMessageID {
            // The master choice of the card just shown stays (see `Conversation.masterChoice`), and its draft.
            reply.conversation = Conversation(
                flowMessageID: messageID, masterChoice: reply.conversation.masterChoice, draft: keepDraft ? reply.conversation.draft : nil)
        }
    }
}
