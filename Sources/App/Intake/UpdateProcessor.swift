import BookingCore
import BotFlows
import Foundation
import Logging
import Storage
import StorageRedis
import TelegramBotAPI

/// Runs one update through the flows in one transaction: the `(tenant, update_id)` claim, every store change
/// and the outgoing calls (as outbox rows) commit together, so a redelivered update changes nothing and a
/// crash leaves either all of it or none. Updates of one chat run one at a time; chats concurrently.
public struct UpdateProcessor: Sendable {
    let unitOfWork: any UnitOfWork
    let texts: Texts
    let now: @Sendable () -> Date
    let logger: Logger
    let committed: @Sendable (OutboxCommit) -> Void
    let claim: (@Sendable (Date) -> OutboxClaim)?
    let redis: RedisStores?
    let rateLimiter: (any RateLimiter)?
    let crashTrigger: String?
    let navigationReads: Bool
    let metrics: ZapisMetrics?
    let miniAppURL: @Sendable (TenantID) -> String?
    let seal: (@Sendable (String) throws -> [UInt8])?
    let payURL: @Sendable (PaymentID) -> String?
    let publicURL: @Sendable () -> String?
    let tokenInspector: TokenInspector?
    let operatorDesk: OperatorDesk?
    let lastActivity: @Sendable (TenantID) async -> Date?
    let everyTenant: (@Sendable () async throws -> [TenantRecord])?
    /// Caps the attempts of an update that crashes or fails (see `CrashGuard`).
    let crashGuard: CrashGuard
    /// Serialises the work of one chat (updates, timers, Mini App changes) within this process.
    let chatLock = KeyedLock<String>()

    /// A processor whose commits nobody is told about (the fuzzer, one-shot tools).
    public init(
        unitOfWork: any UnitOfWork, crashGuard: CrashGuard, texts: Texts = .standard, now: @escaping @Sendable () -> Date, logger: Logger
    ) {
        self.init(unitOfWork: unitOfWork, crashGuard: crashGuard, texts: texts, now: now, logger: logger, options: Options(), committed: { _ in })
    }

    /// Creates a processor, whole; `committed` is called after an update's effects were committed.
    init(
        unitOfWork: any UnitOfWork, crashGuard: CrashGuard, texts: Texts = .standard, now: @escaping @Sendable () -> Date, logger: Logger,
        options: Options, committed: @escaping @Sendable (OutboxCommit) -> Void
    ) {
        self.claim = options.claim
        self.redis = options.redis
        self.rateLimiter = options.rateLimiter
        self.crashTrigger = options.crashTrigger
        self.navigationReads = options.navigationReads
        self.metrics = options.metrics
        self.miniAppURL = options.miniAppURL
        self.seal = options.seal
        self.payURL = options.payURL
        self.publicURL = options.publicURL
        self.tokenInspector = options.tokenInspector
        self.operatorDesk = options.operatorDesk
        self.lastActivity = options.lastActivity
        self.everyTenant = options.everyTenant
        self.unitOfWork = unitOfWork
        self.crashGuard = crashGuard
        self.texts = texts
        self.now = now
        self.logger = logger
        self.committed = committed
    }

    /// Processes `update` for `tenant`. Throws when the store failed; nothing was committed then, so a
    /// redelivery processes it again — until `crashGuard` gives up on it: an update that crashed the process or keeps
    /// failing the same way is dead-lettered (acknowledged, kept with `body` for the operator, the user told politely).
    ///
    /// With `answerInline` (webhook mode) the answer to a button press is not written to the outbox but returned,
    /// for the webhook's HTTP answer to carry: Telegram performs it without a request of ours. A redelivered press
    /// gets a plain answer again (the first answer may have been lost with the HTTP answer that carried it).
    @discardableResult
    public func process(_ update: Update, tenant: ActiveTenant, answerInline: Bool = false, body: [UInt8]? = nil) async throws
        -> AnswerCallbackQuery?
    {
        let answer = try await process(update, tenant: tenant, answerInline: answerInline, body: body, logger: logger)
        if case .answerCallbackQuery(let callback)? = answer { return callback }
        return nil
    }

    /// `process`, logging with `logger` (e.g. the HTTP request's, which carries its request id) plus the update's ids; the
    /// inline answer is a button press's or a pre-checkout query's (see `FlowResult.takeInlineAnswer`).
    func process(_ update: Update, tenant: ActiveTenant, answerInline: Bool, body: [UInt8]?, logger base: Logger) async throws
        -> BotCall?
    {
        var logger = base
        logger[metadataKey: "tenant"] = "\(tenant.id)"
        logger[metadataKey: "update"] = "\(update.updateID)"
        // Real elapsed time (not the injected clocks, which tests freeze): it is only measured, never decided on.
        let started = ContinuousClock.now
        do {
            let (answer, outcome) = try await judged(update, tenant: tenant, answerInline: answerInline, body: body, logger: logger)
            metrics?.updateProcessed(Self.kind(of: update), outcome, duration: ContinuousClock.now - started)
            return answer
        } catch {
            let outcome: ZapisMetrics.UpdateOutcome = StoreErrors.isTransient(error) ? .failedTransient : .failed
            metrics?.updateProcessed(Self.kind(of: update), outcome, duration: ContinuousClock.now - started)
            throw error
        }
    }

    /// The kind of an update, for the metrics.
    static func kind(of update: Update) -> ZapisMetrics.UpdateKind {
        if update.message != nil { return .message }
        if update.callbackQuery != nil { return .callback }
        if update.editedMessage != nil { return .edited }
        return .other
    }

    /// Processes `update` (see `process`) and says what became of it.
    private func judged(_ update: Update, tenant: ActiveTenant, answerInline: Bool, body: [UInt8]?, logger: Logger) async throws
        -> (BotCall?, ZapisMetrics.UpdateOutcome)
    {
        let ref = UpdateRef(tenant: tenant.id, updateID: update.updateID)
        try await crashGuard.ready(now: now())
        let alone: Bool
        switch crashGuard.verdict(ref) {
        case .deadLetter(let attempts, let reason):
            let answer = try await deadLetter(
                update, tenant: tenant, answerInline: answerInline, body: body, attempts: attempts, error: reason, logger: logger)
            return (answer, .deadLettered)
        case .process(let solo): alone = solo
        }
        do {
            let result = try await crashGuard.run(ref, alone: alone) {
                try await processOnce(update, tenant: tenant, answerInline: answerInline, logger: logger)
            }
            await crashGuard.settled(ref, deadLettered: false)
            return result
        } catch {
            guard let attempts = crashGuard.failed(ref, error: error) else { throw error }
            do {
                let answer = try await deadLetter(
                    update, tenant: tenant, answerInline: answerInline, body: body, attempts: attempts, error: "\(error)", logger: logger)
                return (answer, .deadLettered)
            } catch let deadLetterError {
                logger.error("cannot dead-letter an update", metadata: ["error": "\(deadLetterError)"])
                throw error
            }
        }
    }

    private func processOnce(_ update: Update, tenant: ActiveTenant, answerInline: Bool, logger: Logger) async throws
        -> (BotCall?, ZapisMetrics.UpdateOutcome)
    {
        if let crashTrigger, update.message?.text == crashTrigger { fatalError("crash trigger (test hook) for update \(update.updateID)") }
        // The operator bot gives anyone else nothing at all: no reply, no answer to a press, no database work.
        if PlatformBot(tenant: tenant.id) == .operator, operatorDesk?.isOperator(update) != true { return (nil, .rejected) }
        // The limiter is asked before any transaction: an update refused silently (the user was told already in this
        // window) costs no database work at all, so a flood from one user cannot slow other tenants down.
        let decision = try await rateLimit(update, tenant: tenant, now: now())
        let salesToken = PlatformBot(tenant: tenant.id) == .sales && TokenCheck.looksLikeToken(update.message?.text ?? "")
        // A token sent to the sales bot always reaches the transaction that deletes it from the chat.
        if decision == .limitedSilent, answerInline || update.callbackQuery == nil, !salesToken {
            return (answerInline ? Self.plainAnswer(update) : nil, .rejected)
        }
        let chatKey = "\(tenant.id.rawValue)/\(update.chatID ?? 0)"
        if decision == nil || decision == .allowed, let answer = await navigated(update, tenant: tenant, answerInline: answerInline, logger: logger) {
            return (answer.call, .navigated)
        }
        // A token sent to the sales bot is checked with getMe here: no network call runs inside the transaction.
        var checked: TokenCheck?
        if salesToken, decision == nil || decision == .allowed, let text = update.message?.text {
            checked = await tokenInspector?.check(text) ?? TokenCheck(.unreachable)
        }
        let tokenCheck = checked
        var desk = operatorDesk
        if PlatformBot(tenant: tenant.id) == .operator, let id = desk?.cardTenant(of: update) { desk?.lastActivity[id] = await lastActivity(id) }
        let operatorDesk = desk
        let (texts, now, redis, claim, miniAppURL, payURL, seal, everyTenant) = (texts, now, redis, claim, miniAppURL, payURL, seal, everyTenant)
        let (commit, answer, outcome) = try await chatLock.withLock(chatKey) {
            try await unitOfWork.inTransaction { tx in
                let at = now()
                guard try await tx.stores.updates.lockChatAndClaimUpdate(update.updateID, chat: update.chatID, tenant: tenant.id, now: at) else {
                    logger.debug("duplicate update ignored")
                    return (OutboxCommit?.none, answerInline ? Self.plainAnswer(update) : nil, ZapisMetrics.UpdateOutcome.duplicate)
                }
                let stores = Self.stores(in: tx, redis: redis)
                var environment = FlowEnvironment(
                    stores: stores, now: now, miniAppURL: miniAppURL, payURL: payURL, tokenCheck: tokenCheck, operatorDesk: operatorDesk, seal: seal)
                environment.publicURL = publicURL
                environment.everyTenant = everyTenant
                let bot = CustomerBot(environment: environment, texts: texts)
                var result: FlowResult
                let outcome: ZapisMetrics.UpdateOutcome
                if let decision, decision != .allowed {
                    result = try await bot.limited(update, tenant: tenant.context, notify: decision != .limitedSilent)
                    outcome = .rejected
                } else {
                    result = try await bot.handle(update, tenant: tenant.context)
                    outcome = .handled
                }
                // The conversation's new state commits with the update's other effects.
                if let change = result.conversation, let key = update.conversationKey(tenant: tenant.id) {
                    try await stores.conversations.apply(change, for: key, now: at)
                }
                let answer = answerInline ? result.takeInlineAnswer() : nil
                return (try await tx.record(result, tenant: tenant.id, at: at, claim: claim?(at)), answer, outcome)
            }
        }
        if let commit { committed(commit) }
        return (answer, outcome)
    }

    /// Gives up on `update`: claims it (a redelivery changes nothing), stores it as a dead letter and tells the user
    /// politely, in one transaction that runs no flow.
    private func deadLetter(
        _ update: Update, tenant: ActiveTenant, answerInline: Bool, body: [UInt8]?, attempts: Int, error: String, logger: Logger
    ) async throws -> BotCall? {
        let ref = UpdateRef(tenant: tenant.id, updateID: update.updateID)
        let (texts, now, claim) = (texts, now, claim)
        let stored = try body ?? Array(JSONEncoder().encode(update))
        let (commit, answer) = try await chatLock.withLock("\(tenant.id.rawValue)/\(update.chatID ?? 0)") {
            try await unitOfWork.inTransaction { tx in
                let at = now()
                guard try await tx.stores.updates.lockChatAndClaimUpdate(update.updateID, chat: update.chatID, tenant: tenant.id, now: at) else {
                    return (OutboxCommit?.none, BotCall?.none)
                }
                _ = try await tx.stores.deadLetters.addDeadLetter(DeadLetter(ref: ref, body: stored, error: String(error.prefix(2_000)), attempts: attempts, at: at))
                var result = CustomerBot(environment: FlowEnvironment(stores: tx.stores, now: now), texts: texts).apology(update, tenant: tenant.context)
                let answer = answerInline ? result.takeInlineAnswer() : nil
                return (try await tx.record(result, tenant: tenant.id, at: at, claim: claim?(at)), answer)
            }
        }
        await crashGuard.settled(ref, deadLettered: true)
        logger.error("update dead-lettered", metadata: ["attempts": "\(attempts)", "error": "\(error)"])
        if let commit { committed(commit) }
        return answer
    }

    /// Fires a due timer row claimed by `owner` in one transaction with its effects, marking the row done inside
    /// it: a timer fires exactly once, even when the process stops right after or another instance took it over.
    func fire(_ message: OutboxMessage, tenant: ActiveTenant, owner: String) async throws {
        let timer = try JSONDecoder().decode(FlowTimer.self, from: Data(message.payload))
        let (texts, now, redis, claim, miniAppURL) = (texts, now, redis, claim, miniAppURL)
        let commit = try await chatLock.withLock("\(tenant.id.rawValue)/\(timer.chat.rawValue)") {
            try await unitOfWork.inTransaction { tx in
                let at = now()
                try await tx.stores.updates.lockChat(timer.chat.rawValue, tenant: tenant.id)
                guard try await tx.outbox.markAttempted(message.id, owner: owner, at: at) else { return OutboxCommit?.none }
                let result = try await Self.bot(in: tx, redis: redis, texts: texts, now: now, miniAppURL: miniAppURL).fire(timer, tenant: tenant.context)
                let commit = try await tx.record(result, tenant: tenant.id, at: at, claim: claim?(at))
                try await tx.outbox.markSent(message.id, at: at)
                return commit
            }
        }
        // Rows of the chat that waited behind the timer are heads now: the sender claims them.
        if var commit {
            commit.needsClaim = true
            committed(commit)
        }
    }

    /// The answer to an update handled no further (limited, or a repeat): a plain answer to a button press. A repeated
    /// pre-checkout query gets none: its first answer decided, and an unanswered query only times out (nothing is charged).
    static func plainAnswer(_ update: Update) -> BotCall? {
        update.callbackQuery.map { .answerCallbackQuery(AnswerCallbackQuery(callbackQueryID: $0.id)) }
    }

    /// The customer bot over a transaction's stores (conversation state in Redis when configured).
    private static func bot(
        in tx: TransactionContext, redis: RedisStores?, texts: Texts, now: @escaping @Sendable () -> Date,
        miniAppURL: @escaping @Sendable (TenantID) -> String?
    ) -> CustomerBot {
        CustomerBot(environment: FlowEnvironment(stores: stores(in: tx, redis: redis), now: now, miniAppURL: miniAppURL), texts: texts)
    }

    /// A transaction's stores, with conversation state in Redis when configured.
    static func stores(in tx: TransactionContext, redis: RedisStores?) -> Stores {
        var stores = tx.stores
        if let redis {
            // The fallback is this transaction's own SQL view: the locking store would deadlock here.
            stores.conversations = redis.conversations.using(fallback: tx.stores.conversations)
        }
        return stores
    }

    /// The limiter's decision for a message or a press; nil when no limiter is configured or nothing counts.
    private func rateLimit(_ update: Update, tenant: ActiveTenant, now: Date) async throws -> RateLimitDecision? {
        guard let rateLimiter, let (kind, user) = CustomerBot.rateLimitKind(of: update) else { return nil }
        return try await rateLimiter.check(kind, user: user, tenant: tenant.id, now: now)
    }
}
