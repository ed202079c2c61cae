import Storage

/// Key layout, lifetimes and limits of the Redis-backed stores.
public struct RedisStoreConfiguration: Sendable, Hashable {
    /// Key prefix style (plain or hash-tagged for cluster).
    public var keyspace: RedisKeyspace
    /// Lifetime of a conversation state, renewed on every save (Redis evicts idle conversations by themselves).
    public var stateTTL: Duration
    /// Lifetime of an update claim; Telegram keeps undelivered updates for 24 hours.
    public var dedupeTTL: Duration
    /// Incoming rate limits.
    public var rateLimits: RateLimits

    /// Creates a configuration. Defaults: plain prefixes, state kept 24 h after the last change, claims kept 24 h.
    public init(
        keyspace: RedisKeyspace = RedisKeyspace(style: .plain), stateTTL: Duration = .seconds(24 * 3600),
        dedupeTTL: Duration = .seconds(24 * 3600), rateLimits: RateLimits = RateLimits()
    ) {
        self.keyspace = keyspace
        self.stateTTL = stateTTL
        self.dedupeTTL = dedupeTTL
        self.rateLimits = rateLimits
    }
}

extension Duration {
    /// Whole milliseconds, at least 1 (Redis refuses a zero expiry).
    var redisMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return max(1, seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }
}
