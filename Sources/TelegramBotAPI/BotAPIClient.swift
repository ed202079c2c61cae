/// Performs Bot API calls for any bot token. The live value talks HTTP; tests may substitute another.
public protocol BotAPIClient: Sendable {
    /// Calls `method` as the bot with `token`; failures arrive as `TelegramError`.
    func call<M: BotMethod>(_ method: M, token: BotToken) async throws(TelegramError) -> M.Response
}

extension BotAPIClient {
    /// Performs a call value; the result is dropped except for errors.
    public func perform(_ call: BotCall, token: BotToken) async throws(TelegramError) {
        switch call {
        case .sendMessage(let m): _ = try await self.call(m, token: token)
        case .editMessageText(let m):
            do { _ = try await self.call(m, token: token) } catch where error.isMessageNotModified {}
        case .editMessageReplyMarkup(let m):
            do { _ = try await self.call(m, token: token) } catch where error.isMessageNotModified {}
        case .answerCallbackQuery(let m): _ = try await self.call(m, token: token)
        case .deleteMessage(let m): _ = try await self.call(m, token: token)
        case .sendDocument(let m): _ = try await self.call(m, token: token)
        case .setMyCommands(let m): _ = try await self.call(m, token: token)
        }
    }
}
