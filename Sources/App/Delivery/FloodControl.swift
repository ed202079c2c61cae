import BookingCore
import Foundation
import Storage

/// Telegram's flood limits in one place: token buckets per bot (~30 messages/s) and per chat (~1/s with a
/// small burst), plus `retry_after` cool-downs that hold only the bot or chat that received them. Bulk calls
/// (broadcasts) never take the bot's last `bulkReserve` tokens, so replies go ahead of a running broadcast.
actor FloodControl {
    /// Bucket sizes and refill rates.
    struct Limits: Sendable, Equatable {
        var botPerSecond: Double = 30
        var botBurst: Double = 30
        var chatPerSecond: Double = 1
        var chatBurst: Double = 3

        /// Tokens of the bot's bucket only transactional calls may take: a fifth of the burst, at least one.
        var bulkReserve: Double { max(1, (botBurst / 5).rounded(.down)) }
    }

    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    private let limits: Limits
    private var bots: [TenantID: Bucket] = [:]
    private var pacing: [TenantID: Bucket] = [:]
    private var chats: [ChatKey: Bucket] = [:]
    private var holds: [ChatKey: ContinuousClock.Instant] = [:]
    private var botHolds: [TenantID: ContinuousClock.Instant] = [:]
    private var notices: [ChatKey: ContinuousClock.Instant] = [:]

    /// A chat of one tenant's bot.
    struct ChatKey: Hashable, Sendable {
        var tenant: TenantID
        var chat: Int64
    }

    init(limits: Limits = .init()) { self.limits = limits }

    /// The same limits as buckets for the shared limiter.
    nonisolated var buckets: FloodBuckets {
        FloodBuckets(
            botPerSecond: limits.botPerSecond, botBurst: limits.botBurst, chatPerSecond: limits.chatPerSecond, chatBurst: limits.chatBurst,
            bulkReserve: limits.bulkReserve)
    }

    /// Takes a token for a call to `chat` (nil: a call without a chat, e.g. answering a press, which is not
    /// rate limited but still obeys a bot-wide hold). New messages count toward the chat's limit; edits only
    /// toward the bot's. A `bulk` call also leaves `bulkReserve` tokens to transactional ones. Returns how long to
    /// wait when no token is available.
    func reserve(tenant: TenantID, chat: Int64?, isNewMessage: Bool, bulk: Bool = false, now: ContinuousClock.Instant) -> Duration? {
        if let hold = botHolds[tenant], hold > now { return hold - now }
        guard let chat else { return nil }
        let key = ChatKey(tenant: tenant, chat: chat)
        if let hold = holds[key], hold > now { return hold - now }
        var bot = refill(bots[tenant], rate: limits.botPerSecond, burst: limits.botBurst, now: now)
        var chatBucket = refill(chats[key], rate: limits.chatPerSecond, burst: limits.chatBurst, now: now)
        let chatReady = !isNewMessage || chatBucket.tokens >= 1
        let needed = bulk ? 1 + limits.bulkReserve : 1
        guard bot.tokens >= needed, chatReady else {
            let botWait = bot.tokens >= needed ? 0 : (needed - bot.tokens) / limits.botPerSecond
            let chatWait = chatReady ? 0 : (1 - chatBucket.tokens) / limits.chatPerSecond
            bots[tenant] = bot
            chats[key] = chatBucket
            return .milliseconds(Int64((max(botWait, chatWait) * 1000).rounded(.up)))  // bounded: bucket arithmetic of our own limits
        }
        bot.tokens -= 1
        if isNewMessage { chatBucket.tokens -= 1 }
        bots[tenant] = bot
        chats[key] = chatBucket
        return nil
    }

    /// Paces the moment of sending. Tokens are taken before a send is marked as started, and marks are written in
    /// batches, so sends reserved over a few milliseconds can leave together when their batch is written; a second
    /// bucket with the bot's rate and burst, taken right before the call, spreads them out again. Its wait is at
    /// most about the time the marks took. Returns how long to wait.
    func pace(tenant: TenantID, now: ContinuousClock.Instant) -> Duration? {
        var bucket = refill(pacing[tenant], rate: limits.botPerSecond, burst: limits.botBurst, now: now)
        defer { pacing[tenant] = bucket }
        guard bucket.tokens < 1 else {
            bucket.tokens -= 1
            return nil
        }
        return .milliseconds(Int64(((1 - bucket.tokens) / limits.botPerSecond * 1000).rounded(.up)))  // bounded: our own limits
    }

    /// How long an admin notice to `chat` waits so that notices go out at most once per `interval` (the ones that
    /// queue up meanwhile leave together as a digest); nil: it may go now.
    func noticeWait(tenant: TenantID, chat: Int64, interval: Duration, now: ContinuousClock.Instant) -> Duration? {
        guard let last = notices[ChatKey(tenant: tenant, chat: chat)], last + interval > now else { return nil }
        return last + interval - now
    }

    /// Notes that a notice (or a digest) went to `chat`.
    func noticeSent(tenant: TenantID, chat: Int64, now: ContinuousClock.Instant) {
        notices[ChatKey(tenant: tenant, chat: chat)] = now
    }

    /// Holds a chat (or, without a chat, the whole bot) until `until`.
    func hold(tenant: TenantID, chat: Int64?, until: ContinuousClock.Instant) {
        if let chat {
            holds[ChatKey(tenant: tenant, chat: chat)] = until
        } else {
            botHolds[tenant] = until
        }
    }

    private func refill(_ bucket: Bucket?, rate: Double, burst: Double, now: ContinuousClock.Instant) -> Bucket {
        guard var bucket else { return Bucket(tokens: burst, updated: now) }
        let elapsed = now - bucket.updated
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        bucket.tokens = min(burst, bucket.tokens + seconds * rate)
        bucket.updated = now
        return bucket
    }
}
