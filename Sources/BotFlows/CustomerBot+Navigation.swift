import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// Navigation without writes (issue 23): a press that only changes what its own message shows (a service, a month, a
/// day, a time, a page, the cancel question) needs no claim, no transaction and no outbox row. Its button carries
/// everything it needs, the flows only read, and its effects are an edit of that message and the press's answer:
/// a redelivered press renders the same screen again, which Telegram treats as done ("message is not modified").
extension CallbackAction {
    /// True for the presses that only read and re-render their message.
    var isNavigation: Bool {
        switch self {
        case .noop, .services, .servicesPage, .service, .mastersPage, .master, .month, .day, .fullDay, .dayPage, .slot, .myBookings,
            .myBookingsPage, .askCancel, .reschedule, .rescheduleMonth, .rescheduleDay, .rescheduleDayPage, .rescheduleSlot, .pastBookings:
            true
        case .abort, .confirm, .comment, .cancelBooking, .confirmComing, .rescheduleConfirm, .rate, .skipComment, .joinWaitlist, .leaveWaitlist,
            .acceptOffer, .declineOffer:
            false
        }
    }
}

extension CustomerBot {
    /// True when `update` is a customer's press of a navigation button on a message the bot can edit: it may be
    /// handled by `navigate` over stores that only read.
    public static func mayNavigate(_ update: Update) -> Bool {
        guard let query = update.callbackQuery, let data = query.data, !AdminCallback.isAdminData(data),
            let message = query.message, !message.isInaccessible, let action = CallbackAction(data: data)
        else { return false }
        return action.isNavigation
    }

    /// Handles a navigation press (see `mayNavigate`) whose result writes nothing but the conversation's navigation
    /// notes when they change (the flow's message, so a flow left for /start still loses its keyboard, and the master
    /// choice and booking draft of the card shown): only edits of the pressed message and the press's answer. Returns nil when the
    /// press turned out to need more (it must then go through the update's transaction): another tenant kind, a
    /// paused bot, a new message to send, any other conversation change. The result's `conversation` is the change
    /// to store, or nil.
    public func navigate(_ update: Update, tenant: TenantContext) async throws -> FlowResult? {
        guard PlatformBot(tenant: tenant.id) == nil, tenant.profile.status.isServing, Self.mayNavigate(update),
            let query = update.callbackQuery, let message = query.message
        else { return nil }
        var bot = self
        bot.texts = texts.applying(try await environment.stores.textOverrides.textOverrides(tenant.id))
        let chat = message.chat.id
        var reply = try await bot.makeReply(tenant: tenant, chat: chat, user: query.from, messageID: message.messageID, callbackID: query.id)
        let loaded = reply.conversation
        try await bot.handleCallback(query, reply: &reply)
        // Only the navigation's own notes may change: the flow's message, and the master choice and draft of the card shown.
        var after = reply.conversation
        (after.flowMessageID, after.masterChoice, after.draft) = (loaded.flowMessageID, loaded.masterChoice, loaded.draft)
        guard after == loaded else { return nil }
        var result = reply.result
        if reply.conversation == loaded { result.conversation = nil }
        guard result.scheduled.isEmpty, result.withdrawn.isEmpty, result.timers.isEmpty, result.bulk.isEmpty, result.notices.isEmpty,
            result.calls.allSatisfy({ Self.isView($0, chat: chat) })
        else { return nil }
        return result
    }

    /// An edit of a message in `chat`, or a press's answer.
    private static func isView(_ call: BotCall, chat: Int64) -> Bool {
        switch call {
        case .answerCallbackQuery: true
        case .editMessageText(let edit): edit.chatID == chat
        case .editMessageReplyMarkup(let edit): edit.chatID == chat
        default: false
        }
    }
}
