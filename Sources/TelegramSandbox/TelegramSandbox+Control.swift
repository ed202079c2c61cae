import TelegramBotAPI

/// Failure injection, request counters and waits for tests and benchmarks.
extension TelegramSandbox {
    /// Makes the next `times` matching requests fail with `code`/`description` (and retry_after for 429).
    ///
    /// `bot` and `chatID` narrow the match; nil matches any. The method name is case-insensitive.
    public func failNext(
        method: String, bot: BotToken? = nil, chatID: Int64? = nil, error code: Int, description: String,
        retryAfter: Int? = nil, times: Int = 1
    ) {
        let failure = BotAPIFailure(code: code, description: description, retryAfter: retryAfter)
        store.state.withLock { state in
            state.failures.append(
                InjectedFailure(method: method.lowercased(), botID: bot?.botID, chatID: chatID, failure: failure, remaining: times))
        }
    }

    /// Makes the next `times` matching requests hang for `duration` and then fail with 504 without any effect: a
    /// Bot API that accepted the connection and never answered in time.
    public func hangNext(method: String, bot: BotToken? = nil, chatID: Int64? = nil, for duration: Duration, times: Int = 1) {
        let failure = BotAPIFailure(code: 504, description: "Gateway Timeout", retryAfter: nil)
        store.state.withLock { state in
            state.failures.append(
                InjectedFailure(
                    method: method.lowercased(), botID: bot?.botID, chatID: chatID, failure: failure, remaining: times, delay: duration))
        }
    }

    /// Revokes the bot's token as @BotFather's /revoke does and returns the new one: calls with any earlier token get
    /// 401; users, chats and the webhook stay. Nil for an unknown bot.
    public func reissueToken(bot: BotToken) -> BotToken? {
        store.reissueToken(bot)
    }

    /// Marks the user as having blocked (or unblocked) the bot; the bot's sends then fail with 403.
    public func setBlocked(_ blocked: Bool, userID: Int64, bot: BotToken) throws {
        let user = try store.withKnownBot(bot) { $0.chats[userID]?.user } ?? User(id: userID, firstName: "User")
        try store.setBlocked(bot, user: user, blocked: blocked)
    }

    /// Opens the user's chat with the bot as if they had written to it before (no update is sent), so the bot
    /// may message them: customers who started the bot before a test began.
    public func startChat(userID: Int64, firstName: String, bot: BotToken) throws {
        _ = try store.touchChat(bot, user: User(id: userID, firstName: firstName, languageCode: "ru"))
        try store.withKnownBot(bot) { $0.chats[userID]!.started = true }
    }

    /// Requests answered 429 because they exceeded `SandboxConfiguration.floodLimits` (all bots).
    public func floodRejections() -> Int { store.flood.rejected }

    /// Bot API requests served per method name as called, over all bots (failed ones included).
    public func requestCounts() -> [String: Int] { store.state.withLock { $0.counts } }

    /// Bot API requests of one bot per method name.
    public func requestCounts(for bot: BotToken) -> [String: Int] {
        store.state.withLock { $0.bots[bot.rawValue]?.counts ?? [:] }
    }

    /// How many times `method` was called, by one bot or by all.
    public func requestCount(_ method: String, bot: BotToken? = nil) -> Int {
        if let bot { return requestCounts(for: bot)[method] ?? 0 }
        return requestCounts()[method] ?? 0
    }

    /// The most recent requests of one bot, oldest first (up to `requestLogLimit`).
    public func requests(for bot: BotToken) -> [SandboxRequest] {
        store.state.withLock { $0.bots[bot.rawValue]?.log ?? [] }
    }

    /// The commands set for a language (nil: the default list).
    public func commands(for bot: BotToken, languageCode: String? = nil) -> [BotCommand] {
        store.state.withLock { $0.bots[bot.rawValue]?.commands[languageCode ?? ""] ?? [] }
    }

    /// The description and short description the bot set for a language ("" for the default).
    public func descriptions(for bot: BotToken, languageCode: String) -> (description: String?, short: String?) {
        store.state.withLock { ($0.bots[bot.rawValue]?.descriptions[languageCode], $0.bots[bot.rawValue]?.shortDescriptions[languageCode]) }
    }

    /// The menu button set for every chat of the bot (nil: the default).
    public func menuButton(for bot: BotToken) -> MenuButton? {
        store.state.withLock { $0.bots[bot.rawValue]?.menuButton }
    }

    /// Updates waiting for delivery (webhook) or confirmation (getUpdates).
    public func pendingUpdateCount(for bot: BotToken) -> Int {
        store.state.withLock { $0.bots[bot.rawValue]?.pending.count ?? 0 }
    }

    /// The webhook as getWebhookInfo reports it.
    public func webhookInfo(for bot: BotToken) throws -> WebhookInfo {
        do { return try store.getWebhookInfo(bot.rawValue) } catch { throw SandboxError.unknownBot(bot.description) }
    }

    /// Waits until every update of the bot was delivered to its webhook or confirmed through getUpdates.
    public func waitUntilDelivered(bot: BotToken, timeout: Duration = .seconds(5)) async throws {
        guard let signal = store.botSignal(bot) else { throw SandboxError.unknownBot(bot.description) }
        let store = store
        try await withTimeout(timeout, "updates of \(bot) to be delivered") {
            try await signal.wait { () -> Bool? in
                store.state.withLock { $0.bots[bot.rawValue]?.pending.isEmpty ?? true } ? true : nil
            }
        }
    }

    /// Waits until a getUpdates long poll of the bot is waiting for updates.
    public func waitUntilPolling(bot: BotToken, timeout: Duration = .seconds(5)) async throws {
        guard let signal = store.botSignal(bot) else { throw SandboxError.unknownBot(bot.description) }
        let store = store
        try await withTimeout(timeout, "a long poll of \(bot)") {
            try await signal.wait { () -> Bool? in
                store.state.withLock { ($0.bots[bot.rawValue]?.waitingPolls ?? 0) > 0 } ? true : nil
            }
        }
    }

    /// Waits until the bot's webhook info satisfies `condition` (e.g. a recorded delivery error).
    public func waitForWebhookInfo(
        bot: BotToken, timeout: Duration = .seconds(5), where condition: @escaping @Sendable (WebhookInfo) -> Bool
    ) async throws -> WebhookInfo {
        guard let signal = store.botSignal(bot) else { throw SandboxError.unknownBot(bot.description) }
        let store = store
        return try await withTimeout(timeout, "webhook info of \(bot)") {
            try await signal.wait { () -> WebhookInfo? in
                let info = try? store.getWebhookInfo(bot.rawValue)
                return info.flatMap { condition($0) ? $0 : nil }
            }
        }
    }
}
