import TelegramBotAPI

/// getUpdates, the webhook methods, and the bookkeeping of webhook delivery.
extension SandboxStore {
    /// getUpdates: confirms updates below `offset`, then returns up to `limit`, long-polling up to `timeout` s.
    ///
    /// A newer getUpdates for the same bot ends a waiting one with 409, as Telegram does.
    func getUpdates(_ token: String, _ parameters: BotAPIParameters) async throws(BotAPIFailure) -> [Update] {
        let offset = try parameters.int64("offset")
        let limit = Int(min(max(try parameters.int64("limit") ?? 100, 1), 100))
        let timeout = max(0, min(try parameters.int64("timeout") ?? 0, 600))
        let allowed = try parameters.decode([String].self, "allowed_updates", failure: "can't parse allowed_updates")
        let (generation, signal) = try withBot(token) { (bot: inout BotRecord) throws(BotAPIFailure) in
            guard bot.webhook == nil else {
                throw BotAPIFailure.conflict(
                    "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first")
            }
            if let allowed { bot.allowedUpdates = allowed }
            if let offset { Self.confirm(&bot, offset: offset) }
            bot.pollGeneration += 1
            bot.signal.bump()
            return (bot.pollGeneration, bot.signal)
        }
        let poll = { @Sendable () throws(BotAPIFailure) -> [Update]? in
            let updates = try self.withBot(token) { (bot: inout BotRecord) throws(BotAPIFailure) -> [Update] in
                guard bot.webhook == nil else { throw BotAPIFailure.conflict("webhook was set during getUpdates") }
                guard bot.pollGeneration == generation else {
                    throw BotAPIFailure.conflict("terminated by other getUpdates request; make sure that only one bot instance is running")
                }
                return Array(bot.pending.prefix(limit))
            }
            return updates.isEmpty && timeout > 0 && !self.isShuttingDown ? nil : updates
        }
        do {
            if let ready = try poll() { return ready }
            setWaiting(token, +1)
            defer { setWaiting(token, -1) }
            return try await withTimeout(.seconds(timeout), "updates") {
                try await signal.wait { () throws(BotAPIFailure) -> [Update]? in try poll() }
            }
        } catch let failure as BotAPIFailure {
            throw failure
        } catch {
            return []  // Timed out (or cancelled): an empty result, like Telegram.
        }
    }

    private func setWaiting(_ token: String, _ change: Int) {
        state.withLock { state in
            state.bots[token]?.waitingPolls += change
            state.bots[token]?.signal.bump()
        }
    }

    /// setWebhook: an empty url removes the webhook; any http(s) URL is accepted on loopback.
    func setWebhook(_ token: String, _ parameters: BotAPIParameters) throws(BotAPIFailure) -> Bool {
        let url = parameters.string("url") ?? ""
        let secret = parameters.string("secret_token")
        if let secret, !WebhookSecret.isValid(secret) {
            throw .badRequest("secret token contains unallowed characters or has a wrong length")
        }
        if !url.isEmpty, !(url.lowercased().hasPrefix("http://") || url.lowercased().hasPrefix("https://")) {
            throw .badRequest("bad webhook: An HTTPS URL must be provided for webhook")
        }
        if let connections = try parameters.int64("max_connections"), !(1...100).contains(connections) {
            throw .badRequest("bad webhook: max_connections must be between 1 and 100")
        }
        let allowed = try parameters.decode([String].self, "allowed_updates", failure: "can't parse allowed_updates")
        let drop = parameters.bool("drop_pending_updates") ?? false
        return try withBot(token) { bot in
            bot.webhook = url.isEmpty ? nil : WebhookConfig(url: url, secretToken: secret)
            if let allowed { bot.allowedUpdates = allowed }
            if drop { bot.pending.removeAll() }
            bot.failedAttempts = 0
            bot.signal.bump()
            return true
        }
    }

    /// deleteWebhook: pending updates stay for getUpdates unless dropped.
    func deleteWebhook(_ token: String, _ parameters: BotAPIParameters) throws(BotAPIFailure) -> Bool {
        let drop = parameters.bool("drop_pending_updates") ?? false
        return try withBot(token) { bot in
            bot.webhook = nil
            if drop { bot.pending.removeAll() }
            bot.signal.bump()
            return true
        }
    }

    /// getWebhookInfo.
    func getWebhookInfo(_ token: String) throws(BotAPIFailure) -> WebhookInfo {
        try withBot(token) { bot in
            WebhookInfo(
                url: bot.webhook?.url ?? "", pendingUpdateCount: bot.pending.count, lastErrorDate: bot.lastErrorDate,
                lastErrorMessage: bot.lastErrorMessage)
        }
    }

    /// Forgets updates below `offset`; a negative offset keeps only the last `-offset` updates.
    static func confirm(_ bot: inout BotRecord, offset: Int64) {
        if offset >= 0 {
            bot.pending.removeAll { $0.updateID < offset }
        } else if bot.pending.count > Int(-offset) {
            bot.pending.removeFirst(bot.pending.count - Int(-offset))
        }
    }

    // MARK: Webhook delivery bookkeeping

    /// The next update to POST for a bot with a webhook, or nil when there is nothing to do.
    func nextDelivery(_ token: BotToken) -> WebhookJob? {
        state.withLock { state in
            guard let bot = state.bots[token.rawValue], let webhook = bot.webhook, let update = bot.pending.first else {
                return nil
            }
            return WebhookJob(url: webhook.url, secretToken: webhook.secretToken, update: update)
        }
    }

    /// The change signal of a bot, for the delivery loop.
    func botSignal(_ token: BotToken) -> ChangeSignal? {
        state.withLock { $0.bots[token.rawValue]?.signal }
    }

    /// Removes a delivered update.
    func markDelivered(_ token: BotToken, updateID: Int64) {
        state.withLock { state in
            guard state.bots[token.rawValue] != nil else { return }
            state.bots[token.rawValue]!.pending.removeAll { $0.updateID == updateID }
            state.bots[token.rawValue]!.failedAttempts = 0
            state.bots[token.rawValue]!.signal.bump()
        }
    }

    /// Records a failed attempt; drops the update after `maxWebhookAttempts` if that is set.
    func markDeliveryFailed(_ token: BotToken, updateID: Int64, reason: String) {
        let maxAttempts = configuration.maxWebhookAttempts
        state.withLock { state in
            guard state.bots[token.rawValue] != nil else { return }
            state.bots[token.rawValue]!.lastErrorDate = Self.now()
            state.bots[token.rawValue]!.lastErrorMessage = reason
            state.bots[token.rawValue]!.failedAttempts += 1
            if let maxAttempts, state.bots[token.rawValue]!.failedAttempts >= maxAttempts {
                state.bots[token.rawValue]!.pending.removeAll { $0.updateID == updateID }
                state.bots[token.rawValue]!.failedAttempts = 0
            }
            state.bots[token.rawValue]!.signal.bump()
        }
    }
}

/// One webhook POST to make.
struct WebhookJob: Sendable {
    /// Destination.
    var url: String
    /// Secret header value, if set.
    var secretToken: String?
    /// The update to deliver.
    var update: Update
}
