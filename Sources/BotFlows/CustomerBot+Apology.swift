import BookingCore
import Storage
import TelegramBotAPI

extension CustomerBot {
    /// The reply to an update that was given up on (dead-lettered): a press is answered with an alert, a private
    /// message gets one polite sentence. It reads nothing, so it works whatever made the update fail.
    public func apology(_ update: Update, tenant: TenantContext) -> FlowResult {
        func text(_ user: User) -> String {
            texts.render(.somethingWentWrong, Language.resolve(userCode: user.languageCode, tenantDefault: tenant.profile.defaultLanguage))
        }
        if let query = update.callbackQuery {
            return FlowResult(calls: [
                .answerCallbackQuery(AnswerCallbackQuery(callbackQueryID: query.id, text: text(query.from), showAlert: true))
            ])
        }
        if let message = update.message, let from = message.from, !from.isBot, message.chat.type == "private" {
            return FlowResult(calls: [.sendMessage(SendMessage(chatID: message.chat.id, text: text(from)))])
        }
        return FlowResult()
    }
}
