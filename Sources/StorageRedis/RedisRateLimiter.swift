import BookingCore
import Foundation
import Redis
import Storage

/// The sliding-window rate limiter in Redis: one sorted set per tenant, user and kind holding the times of allowed
/// updates (and one `!notice` member for the quiet notice), checked and updated atomically by a Lua script. Time comes
/// from the caller, so tests pin it and every instance agrees on the window. A key expires a minute after its window
/// (Redis TTLs run on Redis's own clock): only to reclaim memory, never to decide, so a caller whose clock or pace
/// differs from Redis's (a slow machine, a test clock) sees the same decisions.
public struct RedisRateLimiter: RateLimiter {
    /// KEYS[1] window; ARGV now (ms), window (ms), burst, unique member. Returns {1} allowed, {2, retry ms} notify,
    /// {3, retry ms} silent.
    static let script = RedisScript(
        """
        local key = KEYS[1]
        local now = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        local burst = tonumber(ARGV[3])
        redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
        local notice = redis.call('ZSCORE', key, '!notice')
        local count = redis.call('ZCARD', key)
        if notice then count = count - 1 end
        if count < burst then
          redis.call('ZADD', key, now, ARGV[4])
          redis.call('PEXPIRE', key, window + 60000)
          return {1, 0}
        end
        local oldest = now
        local first = redis.call('ZRANGE', key, 0, 1, 'WITHSCORES')
        for i = 1, #first, 2 do
          if first[i] ~= '!notice' then oldest = tonumber(first[i + 1]); break end
        end
        local retry = oldest + window - now
        if retry < 0 then retry = 0 end
        if notice then return {3, retry} end
        redis.call('ZADD', key, now, '!notice')
        redis.call('PEXPIRE', key, window + 60000)
        return {2, retry}
        """)

    /// The client (single server or cluster).
    public let redis: any RedisCommandExecutor
    /// Key names.
    public let keyspace: RedisKeyspace
    /// The limits applied.
    public let limits: RateLimits
    private let sequence = SequenceNumbers()

    /// Creates a limiter.
    public init(redis: any RedisCommandExecutor, keyspace: RedisKeyspace, limits: RateLimits = RateLimits()) {
        self.redis = redis
        self.keyspace = keyspace
        self.limits = limits
    }

    /// Runs the sliding-window script on `<prefix>ratelimit:msg|cb:<user>`.
    public func check(_ kind: RateLimitKind, user: UserID, tenant: TenantID, now: Date) async throws -> RateLimitDecision {
        let policy = limits[kind]
        let nowMilliseconds = Int64((now.timeIntervalSince1970 * 1000).rounded())  // bounded: the service clock, not input
        let member = "\(nowMilliseconds)-\(sequence.next())"
        let reply = try await redis.evaluate(
            Self.script, keys: [keyspace.rateLimit(kind, user: user, tenant: tenant)],
            arguments: [
                RedisArgument(nowMilliseconds), RedisArgument(policy.window.redisMilliseconds), RedisArgument(policy.burst),
                RedisArgument(member),
            ])
        guard let fields = reply.array, let code = fields.first?.int else {
            throw RedisError.unexpectedReply("rate limit script returned \(reply)")
        }
        let retryAfter = Duration.milliseconds(fields.count > 1 ? fields[1].int ?? 0 : 0)
        switch code {
        case 1: return .allowed
        case 2: return .limitedNotify(retryAfter: retryAfter)
        default: return .limitedSilent
        }
    }
}
