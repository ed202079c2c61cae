/// Performs Bot API calls for any bot token. The live value talks HTTP; tests may substitute another.
public protocol BotAPIClient: Sendable {
    /// Calls `method` as the bot with `token`; failures arrive as `TelegramError`.
    func call<M: BotMethod>(_ method: M, token: BotToken) async throws(TelegramError) -> M.Response
    /// Calls `method` for its effect only: the result is not decoded.
    func send<M: BotMethod>(_ method: M, token: BotToken) async throws(TelegramError)
    /// Calls the method named `method` with a JSON body encoded before, for its effect only.
    func send(_ method: String, json: [UInt8], token: BotToken) async throws(TelegramError)
}

extension BotAPIClient {
    /// Calls and drops the result.
    public func send<M: BotMethod>(_ method: M, token: BotToken) async throws(TelegramError) {
        _ = try await call(method, token: token)
    }

    /// Performs a call value; the result is dropped except for errors.
    public func perform(_ call: BotCall, token: BotToken) async throws(TelegramError) {
        switch call {
        case .sendMessage(let m): try await self.send(m, token: token)
        case .editMessageText(let m):
            do { try await self.send(m, token: token) } catch where error.isMessageNotModified {}
        case .editMessageReplyMarkup(let m):
            do { try await self.send(m, token: token) } catch where error.isMessageNotModified {}
        case .answerCallbackQuery(let m): try await self.send(m, token: token)
        case .deleteMessage(let m): try await self.send(m, token: token)
        case .sendDocument(let m): try await self.send(m, token: token)
        case .setMyCommands(let m): try await self.send(m, token: token)
        }
    }
}
