/// Why a sandbox operation (not a Bot API call) failed.
public enum SandboxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The token or username belongs to no registered bot.
    case unknownBot(String)
    /// No bot message in the chat has an inline button with this text.
    case buttonNotFound(String)
    /// The awaited event did not happen in time.
    case timedOut(String)
    /// The user blocked the bot; unblock before sending.
    case userBlockedBot(Int64)
    /// The server stopped or failed before it was running.
    case notRunning(String)
    /// A request to the sandbox's own API was malformed.
    case invalidRequest(String)

    /// A readable explanation.
    public var description: String {
        switch self {
        case .unknownBot(let bot): "unknown bot \(bot)"
        case .buttonNotFound(let text): "no inline button with text \"\(text)\" in the chat"
        case .timedOut(let what): "timed out waiting for \(what)"
        case .userBlockedBot(let user): "user \(user) blocked the bot"
        case .notRunning(let reason): "sandbox is not running: \(reason)"
        case .invalidRequest(let reason): "invalid request: \(reason)"
        }
    }
}
