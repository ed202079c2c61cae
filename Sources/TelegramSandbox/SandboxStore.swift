import Foundation
import Synchronization
import TelegramBotAPI

/// The sandbox's state behind one lock; every operation is short and synchronous.
final class SandboxStore: Sendable {
    /// Settings the sandbox was created with.
    let configuration: SandboxConfiguration
    /// Bumped when the server starts or stops.
    let runSignal = ChangeSignal()
    /// All state; hold the lock briefly and never call back into the store while holding it.
    let state = Mutex(SandboxState())
    /// Answer timing for benchmarks (off unless started).
    let probe = SandboxProbe()
    /// Flood limits (inactive unless configured) and the 429 counter.
    let flood: SandboxFloodGate

    /// Creates an empty store.
    init(configuration: SandboxConfiguration) {
        self.configuration = configuration
        self.flood = SandboxFloodGate(limits: configuration.floodLimits)
    }

    /// Current Unix time (message dates, webhook error dates).
    static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }

    /// Registers a bot with a fresh well-formed token.
    func registerBot(username: String, firstName: String) -> BotToken {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
        let secret = String((0..<35).map { _ in alphabet.randomElement()! })
        let firstUpdateID = configuration.firstUpdateID ?? Self.now() * 10
        return state.withLock { state in
            let id = state.nextBotID
            state.nextBotID += 1
            let token = BotToken("\(id):\(secret)")
            let user = User(id: id, isBot: true, firstName: firstName, username: username)
            state.bots[token.rawValue] = BotRecord(token: token, user: user, nextUpdateID: firstUpdateID)
            state.tokensByUsername[username.lowercased()] = token.rawValue
            return token
        }
    }

    /// The key a token presented to the Bot API stands for: a reissued token maps to its bot; a revoked one is 401.
    func apiKey(for presented: String) throws(BotAPIFailure) -> String {
        try state.withLock { (state: inout SandboxState) throws(BotAPIFailure) -> String in
            if let key = state.reissued[presented] { return key }
            if state.revoked.contains(presented) { throw BotAPIFailure.unauthorized }
            return presented
        }
    }

    /// Revokes the bot's current token, like @BotFather's /revoke, and returns a new one (nil for an unknown bot).
    func reissueToken(_ token: BotToken) -> BotToken? {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
        let secret = String((0..<35).map { _ in alphabet.randomElement()! })
        return state.withLock { state in
            let key = state.reissued[token.rawValue] ?? token.rawValue
            guard let bot = state.bots[key] else { return nil }
            let fresh = "\(bot.user.id):\(secret)"
            // Every earlier token of the bot stops working at the API; the sandbox keeps the bot under its first one.
            for (issued, target) in state.reissued where target == key { state.revoked.insert(issued) }
            state.reissued = state.reissued.filter { $0.value != key }
            state.revoked.insert(key)
            state.reissued[fresh] = key
            return BotToken(fresh)
        }
    }

    /// Runs `body` on a bot; an unknown token is 401.
    func withBot<R>(_ token: String, _ body: (inout BotRecord) throws(BotAPIFailure) -> R) throws(BotAPIFailure) -> R {
        try state.withLock { (state: inout SandboxState) throws(BotAPIFailure) -> R in
            guard state.bots[token] != nil else { throw BotAPIFailure.unauthorized }
            return try body(&state.bots[token]!)
        }
    }

    /// Runs `body` on a started private chat; 400 "chat not found" otherwise, 403 if the user blocked the bot.
    func withChat<R>(
        _ token: String, _ chatID: Int64, _ body: (User, inout ChatRecord) throws(BotAPIFailure) -> R
    ) throws(BotAPIFailure) -> R {
        try withBot(token) { (bot: inout BotRecord) throws(BotAPIFailure) -> R in
            guard bot.chats[chatID]?.started == true else { throw BotAPIFailure.chatNotFound }
            guard bot.chats[chatID]?.blocked == false else { throw BotAPIFailure.blocked }
            let botUser = bot.user
            return try body(botUser, &bot.chats[chatID]!)
        }
    }

    /// Runs `body` on a bot for the sandbox's own API; an unknown token is `SandboxError.unknownBot`.
    func withKnownBot<R>(_ token: BotToken, _ body: (inout BotRecord) throws(SandboxError) -> R) throws(SandboxError) -> R {
        try state.withLock { (state: inout SandboxState) throws(SandboxError) -> R in
            guard state.bots[token.rawValue] != nil else { throw SandboxError.unknownBot(token.description) }
            return try body(&state.bots[token.rawValue]!)
        }
    }

    /// The token of a bot by username (case-insensitive, "@" optional).
    func token(forUsername username: String) -> BotToken? {
        let key = username.hasPrefix("@") ? String(username.dropFirst()).lowercased() : username.lowercased()
        return state.withLock { $0.tokensByUsername[key].map(BotToken.init) }
    }

    /// A unique serial for callback query and file ids.
    func serial() -> UInt64 {
        state.withLock { state in
            defer { state.nextSerial += 1 }
            return state.nextSerial
        }
    }

    /// Appends an update to a bot's queue (unless allowed_updates filters it) and wakes its consumers.
    @discardableResult
    static func enqueue(_ bot: inout BotRecord, _ make: (Int64) -> Update) -> Int64 {
        let id = bot.nextUpdateID
        bot.nextUpdateID += 1
        let update = make(id)
        if bot.wants(update) {
            bot.pending.append(update)
            bot.signal.bump()
        }
        return id
    }

    // MARK: Requests: counting, logging, injected failures

    /// Counts and logs one served request.
    func record(token: String, method: String, chatID: Int64?, failure: BotAPIFailure?, viaWebhookReply: Bool = false) {
        let limit = configuration.requestLogLimit
        state.withLock { state in
            state.counts[method, default: 0] += 1
            guard state.bots[token] != nil else { return }
            state.bots[token]!.counts[method, default: 0] += 1
            guard limit > 0 else { return }
            state.bots[token]!.log.append(
                SandboxRequest(
                    method: method, chatID: chatID, statusCode: failure?.code ?? 200, errorDescription: failure?.description,
                    viaWebhookReply: viaWebhookReply))
            if state.bots[token]!.log.count > limit { state.bots[token]!.log.removeFirst(state.bots[token]!.log.count - limit) }
        }
    }

    /// Takes the first queued failure matching the request, if any.
    func takeInjectedFailure(token: String, method: String, chatID: Int64?) -> InjectedFailure? {
        let botID = BotToken(token).botID
        let method = method.lowercased()
        return state.withLock { state in
            guard
                let index = state.failures.firstIndex(where: { failure in
                    failure.method == method && (failure.botID == nil || failure.botID == botID)
                        && (failure.chatID == nil || failure.chatID == chatID)
                })
            else { return nil }
            let failure = state.failures[index]
            state.failures[index].remaining -= 1
            if state.failures[index].remaining <= 0 { state.failures.remove(at: index) }
            return failure
        }
    }

    // MARK: Server lifecycle

    /// Records the bound port.
    func markRunning(port: Int) {
        state.withLock { $0.phase = .running(port: port) }
        runSignal.bump()
    }

    /// Makes long polls return and refuses new ones while the server drains.
    func beginShutdown() {
        let signals = state.withLock { state -> [ChangeSignal] in
            if case .running(let port) = state.phase { state.phase = .stopping(port: port) }
            return state.bots.values.map(\.signal)
        }
        for signal in signals { signal.bump() }
        runSignal.bump()
    }

    /// Records that the server ended.
    func markStopped(_ reason: String) {
        state.withLock { $0.phase = .stopped(reason) }
        runSignal.bump()
    }

    /// True while the server drains or after it stopped.
    var isShuttingDown: Bool {
        state.withLock { state in
            switch state.phase {
            case .idle, .running: false
            case .stopping, .stopped: true
            }
        }
    }
}
