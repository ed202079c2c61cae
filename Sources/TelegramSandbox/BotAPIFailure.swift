/// A Bot API error the sandbox answers with, shaped like Telegram's: `{"ok":false,"error_code":…}`.
struct BotAPIFailure: Error, Sendable, Equatable {
    /// The error code, also used as the HTTP status.
    var code: Int
    /// Telegram's wording, e.g. "Bad Request: chat not found".
    var description: String
    /// For 429: seconds to wait.
    var retryAfter: Int?

    /// 400 with Telegram's "Bad Request: " prefix.
    static func badRequest(_ reason: String) -> BotAPIFailure {
        BotAPIFailure(code: 400, description: "Bad Request: \(reason)")
    }

    /// 403 with Telegram's "Forbidden: " prefix.
    static func forbidden(_ reason: String) -> BotAPIFailure {
        BotAPIFailure(code: 403, description: "Forbidden: \(reason)")
    }

    /// 409 with Telegram's "Conflict: " prefix.
    static func conflict(_ reason: String) -> BotAPIFailure {
        BotAPIFailure(code: 409, description: "Conflict: \(reason)")
    }

    /// 401 for a well-formed but unknown token.
    static let unauthorized = BotAPIFailure(code: 401, description: "Unauthorized")
    /// 404 for an unknown method or a malformed token.
    static let notFound = BotAPIFailure(code: 404, description: "Not Found")
    /// The user blocked the bot.
    static let blocked = BotAPIFailure.forbidden("bot was blocked by the user")
    /// The chat never started (the user has not written to the bot).
    static let chatNotFound = BotAPIFailure.badRequest("chat not found")
}
