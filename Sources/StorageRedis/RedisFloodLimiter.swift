import BookingCore
import Foundation
import Redis
import Storage

/// Token buckets in Redis, shared by every instance: `<prefix>flood:bot` and `<prefix>flood:chat:<chat>`, both taken
/// (or neither) by one script. Time is Redis's own (`TIME`), so instances with skewed clocks agree.
public struct RedisFloodLimiter: SharedFloodLimiter {
    /// KEYS bot bucket, chat bucket; ARGV bot rate, bot burst, chat rate, chat burst, needed bot tokens, new message
    /// (1/0). Returns 0 when taken, else the wait in milliseconds.
    static let script = RedisScript(
        """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local function level(key, rate, burst)
          local v = redis.call('HMGET', key, 'tokens', 'at')
          local tokens = tonumber(v[1])
          if not tokens then return burst end
          local at = tonumber(v[2]) or now
          return math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
        end
        local botRate, botBurst = tonumber(ARGV[1]), tonumber(ARGV[2])
        local chatRate, chatBurst = tonumber(ARGV[3]), tonumber(ARGV[4])
        local need, isNew = tonumber(ARGV[5]), ARGV[6] == '1'
        local bot = level(KEYS[1], botRate, botBurst)
        local chat = isNew and level(KEYS[2], chatRate, chatBurst) or chatBurst
        if bot < need or chat < 1 then
          local wait = 0
          if bot < need then wait = (need - bot) / botRate end
          if chat < 1 then wait = math.max(wait, (1 - chat) / chatRate) end
          return math.max(1, math.ceil(wait * 1000))
        end
        redis.call('HSET', KEYS[1], 'tokens', bot - 1, 'at', now)
        redis.call('PEXPIRE', KEYS[1], math.ceil(botBurst / botRate * 1000) + 1000)
        if isNew then
          redis.call('HSET', KEYS[2], 'tokens', chat - 1, 'at', now)
          redis.call('PEXPIRE', KEYS[2], math.ceil(chatBurst / chatRate * 1000) + 1000)
        end
        return 0
        """)

    /// The client (single server or cluster).
    public let redis: any RedisCommandExecutor
    /// Key names.
    public let keyspace: RedisKeyspace

    /// Creates a limiter.
    public init(redis: any RedisCommandExecutor, keyspace: RedisKeyspace) {
        self.redis = redis
        self.keyspace = keyspace
    }

    public func reserve(tenant: TenantID, chat: Int64, isNewMessage: Bool, bulk: Bool, buckets: FloodBuckets) async throws -> Duration? {
        let prefix = keyspace.prefix(tenant)
        // Rates go as thousandths (Lua numbers are doubles; the arguments are our own settings, not input).
        func milli(_ value: Double) -> RedisArgument { RedisArgument(String(format: "%.3f", max(0.001, value))) }
        let reply = try await redis.evaluate(
            Self.script, keys: ["\(prefix)flood:bot", "\(prefix)flood:chat:\(chat)"],
            arguments: [
                milli(buckets.botPerSecond), milli(buckets.botBurst), milli(buckets.chatPerSecond), milli(buckets.chatBurst),
                milli(bulk ? 1 + buckets.bulkReserve : 1), RedisArgument(isNewMessage ? "1" : "0"),
            ])
        guard let wait = reply.int else { throw RedisError.unexpectedReply("flood script returned \(reply)") }
        return wait > 0 ? .milliseconds(min(wait, 60_000)) : nil
    }
}

/// The shared buckets behind the Redis circuit: while Redis fails, only each instance's own limits apply.
public struct FallbackFloodLimiter: SharedFloodLimiter {
    /// Redis.
    public let primary: any SharedFloodLimiter
    /// Health of Redis, shared with the other fallback stores.
    public let circuit: FallbackCircuit

    /// Wraps the Redis limiter.
    public init(primary: any SharedFloodLimiter, circuit: FallbackCircuit) {
        self.primary = primary
        self.circuit = circuit
    }

    public func reserve(tenant: TenantID, chat: Int64, isNewMessage: Bool, bulk: Bool, buckets: FloodBuckets) async throws -> Duration? {
        try await circuit.run(
            "flood limits",
            primary: { try await primary.reserve(tenant: tenant, chat: chat, isNewMessage: isNewMessage, bulk: bulk, buckets: buckets) },
            fallback: { nil })
    }
}
