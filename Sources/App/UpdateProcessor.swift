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
    let committed: @Sendable () -> Void
    /// Redis for conversation state (falling back to the update's own SQL transaction), when configured.
    var redis: RedisStores?
    /// Incoming rate limits, when configured.
    var rateLimiter: (any RateLimiter)?
    private let chatLock = KeyedLock<String>()

    /// Creates a processor; `committed` is called after an update's effects were committed.
    public init(
        unitOfWork: any UnitOfWork, texts: Texts = .standard, now: @escaping @Sendable () -> Date, logger: Logger,
        committed: @escaping @Sendable () -> Void = {}
    ) {
        self.unitOfWork = unitOfWork
        self.texts = texts
        self.now = now
        self.logger = logger
        self.committed = committed
    }

    /// Processes `update` for `tenant`. Throws when the store failed; nothing was committed then, so a
    /// redelivery processes it again.
    public func process(_ update: Update, tenant: ActiveTenant) async throws {
        let chatKey = "\(tenant.id.rawValue)/\(update.chatID ?? 0)"
        let (texts, now, logger, redis) = (texts, now, logger, redis)
        let isNew = try await chatLock.withLock(chatKey) {
            try await unitOfWork.inTransaction { tx in
                let at = now()
                guard try await tx.stores.updates.claimUpdate(update.updateID, tenant: tenant.id, now: at) else {
                    logger.debug("duplicate update ignored", metadata: ["tenant": "\(tenant.id)", "update": "\(update.updateID)"])
                    return false
                }
                var stores = tx.stores
                if let redis {
                    // The fallback is this transaction's own SQL view: the locking store would deadlock here.
                    stores.conversations = FallbackConversationStore(
                        primary: redis.conversations.primary, fallback: tx.stores.conversations, circuit: redis.circuit)
                }
                let bot = CustomerBot(environment: FlowEnvironment(stores: stores, now: now), texts: texts)
                let result: FlowResult
                if let decision = try await rateLimit(update, tenant: tenant, now: at), decision != .allowed {
                    result = bot.limited(update, tenant: tenant.context, notify: decision != .limitedSilent)
                } else {
                    result = try await bot.handle(update, tenant: tenant.context)
                }
                for booking in result.withdrawn { try await tx.outbox.withdraw(booking: booking, tenant: tenant.id) }
                let encoder = JSONEncoder()
                var entries = try result.calls.map { call in
                    OutboxEntry(chatID: call.chatID, payload: Array(try encoder.encode(call)), dueAt: at)
                }
                entries += try result.scheduled.map { scheduled in
                    OutboxEntry(
                        chatID: scheduled.call.chatID, payload: Array(try encoder.encode(scheduled.call)), dueAt: scheduled.due,
                        bookingID: scheduled.bookingID)
                }
                try await tx.outbox.enqueue(entries, tenant: tenant.id, now: at)
                return true
            }
        }
        if isNew { committed() }
    }

    /// The limiter's decision for a message or a press; nil when no limiter is configured or nothing counts.
    private func rateLimit(_ update: Update, tenant: ActiveTenant, now: Date) async throws -> RateLimitDecision? {
        guard let rateLimiter, let (kind, user) = CustomerBot.rateLimitKind(of: update) else { return nil }
        return try await rateLimiter.check(kind, user: user, tenant: tenant.id, now: now)
    }
}
