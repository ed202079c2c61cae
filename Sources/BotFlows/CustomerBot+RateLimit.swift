import BookingCore
import Storage
import TelegramBotAPI

extension CustomerBot {
    /// The reply to an update refused by the incoming rate limit: a press is still answered (so no spinner
    /// stays), and the notice is given once per window (`notify`), never a reply to every message.
    /// The notice is the tenant's own wording when its admins edited it (read only when a notice is given).
    public func limited(_ update: Update, tenant: TenantContext, notify: Bool) async throws -> FlowResult {
        let texts = notify ? self.texts.applying(try await environment.stores.textOverrides.textOverrides(tenant.id)) : self.texts
        func text(_ user: User) -> String {
            texts.render(.rateLimited, Language.resolve(userCode: user.languageCode, tenantDefault: tenant.profile.defaultLanguage))
        }
        // A bot token sent to the sales bot is deleted even when its sender is limited: it must not stay in the chat.
        if PlatformBot(tenant: tenant.id) == .sales, let message = update.message, TokenCheck.looksLikeToken(message.text ?? "") {
            let delete = BotCall.deleteMessage(DeleteMessage(chatID: message.chat.id, messageID: message.messageID))
            let notice = notify ? [BotCall.sendMessage(SendMessage(chatID: message.chat.id, text: text(message.from ?? User(id: message.chat.id, firstName: ""))))] : []
            return FlowResult(calls: [delete] + notice)
        }
        if let query = update.callbackQuery {
            let answer = AnswerCallbackQuery(callbackQueryID: query.id, text: notify ? text(query.from) : nil)
            return FlowResult(calls: [.answerCallbackQuery(answer)])
        }
        if let message = update.message, notify, let from = message.from, message.chat.type == "private" {
            return FlowResult(calls: [.sendMessage(SendMessage(chatID: message.chat.id, text: text(from)))])
        }
        return FlowResult()
    }

    /// Which limit an update counts against, if any.
    public static func rateLimitKind(of update: Update) -> (kind: RateLimitKind, user: UserID)? {
        if let query = update.callbackQuery { return (.callback, UserID(query.from.id)) }
        // A payment is never limited: the money was taken, it must be recorded.
        if update.message?.successfulPayment != nil { return nil }
        if let from = update.message?.from { return (.message, UserID(from.id)) }
        return nil
    }
}
