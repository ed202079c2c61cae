import Foundation
import Synchronization

/// Telegram's flood limits as the sandbox enforces them (when `SandboxConfiguration.floodLimits` is set): token
/// buckets per bot and per chat; a request over a limit is answered 429 with `retry_after` and counted.
public struct SandboxFloodLimits: Sendable, Equatable {
    /// Messages per second per bot (sends and edits of any chat).
    public var botPerSecond: Double
    /// Messages a bot may send at once.
    public var botBurst: Double
    /// New messages per second per chat.
    public var chatPerSecond: Double
    /// New messages a chat may get at once.
    public var chatBurst: Double

    /// Telegram's published ballpark: 30/s per bot, 1/s per chat with a short burst.
    public static let telegram = SandboxFloodLimits(botPerSecond: 30, botBurst: 30, chatPerSecond: 1, chatBurst: 3)

    /// Creates limits.
    public init(botPerSecond: Double, botBurst: Double, chatPerSecond: Double, chatBurst: Double) {
        self.botPerSecond = botPerSecond
        self.botBurst = botBurst
        self.chatPerSecond = chatPerSecond
        self.chatBurst = chatBurst
    }
}

/// The buckets and the 429 counter behind one lock.
final class SandboxFloodGate: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    private struct State {
        var bots: [Int64: Bucket] = [:]
        var chats: [String: Bucket] = [:]
        var rejected = 0
    }

    let limits: SandboxFloodLimits?
    private let state = Mutex(State())

    init(limits: SandboxFloodLimits?) { self.limits = limits }

    /// Methods that count toward the bot's limit (they act on a chat) and those that also count toward the chat's.
    private static let botMethods: Set<String> = ["sendmessage", "senddocument", "editmessagetext", "editmessagereplymarkup", "deletemessage"]
    private static let chatMethods: Set<String> = ["sendmessage", "senddocument"]

    /// Takes the tokens of one request arriving at `now`, or returns the 429 to answer.
    func admit(botID: Int64, method: String, chatID: Int64?, now: ContinuousClock.Instant = .now) -> BotAPIFailure? {
        guard let limits, let chatID else { return nil }
        let method = method.lowercased()
        guard Self.botMethods.contains(method) else { return nil }
        return state.withLock { state in
            var bot = Self.refill(state.bots[botID], rate: limits.botPerSecond, burst: limits.botBurst, now: now)
            let key = "\(botID)/\(chatID)"
            let countsChat = Self.chatMethods.contains(method)
            var chat = Self.refill(state.chats[key], rate: limits.chatPerSecond, burst: limits.chatBurst, now: now)
            defer {
                state.bots[botID] = bot
                state.chats[key] = chat
            }
            let botWait = bot.tokens >= 1 ? 0 : (1 - bot.tokens) / limits.botPerSecond
            let chatWait = !countsChat || chat.tokens >= 1 ? 0 : (1 - chat.tokens) / limits.chatPerSecond
            guard botWait == 0, chatWait == 0 else {
                state.rejected += 1
                let seconds = max(1, Int(max(botWait, chatWait).rounded(.up)))
                return BotAPIFailure(code: 429, description: "Too Many Requests: retry after \(seconds)", retryAfter: seconds)
            }
            bot.tokens -= 1
            if countsChat { chat.tokens -= 1 }
            return nil
        }
    }

    /// Requests answered 429 so far.
    var rejected: Int { state.withLock { $0.rejected } }

    private static func refill(_ bucket: Bucket?, rate: Double, burst: Double, now: ContinuousClock.Instant) -> Bucket {
        guard var bucket else { return Bucket(tokens: burst, updated: now) }
        let elapsed = now - bucket.updated
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        bucket.tokens = min(burst, bucket.tokens + seconds * rate)
        bucket.updated = now
        return bucket
    }
}
