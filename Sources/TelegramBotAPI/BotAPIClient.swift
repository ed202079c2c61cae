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

    /// Performs a call value; the result is dropped except for errors ("not modified" counts as done for edits).
    public func perform(_ call: BotCall, token: BotToken) async throws(TelegramError) {
        do { try await send(call.method, token: token) } catch where BotCall.acceptsNotModified(call.methodName) && error.isMessageNotModified {}
    }
}
