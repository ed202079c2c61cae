import Logging
import Redis
import Storage

/// Everything Zapis keeps in Redis, each behind its fallback: conversation state (fallback: the SQL store), update
/// dedupe (fallback: the SQL log) and incoming rate limits (fallback: in memory). One circuit watches Redis for all three.
public struct RedisStores: Sendable {
    /// The Redis client (single server or cluster).
    public let redis: any RedisCommandExecutor
    /// Conversation state: Redis, SQL while Redis is down.
    public let conversations: FallbackConversationStore
    /// Update dedupe: Redis, SQL while Redis is down.
    public let updates: FallbackUpdateLog
    /// Incoming rate limits: Redis, in memory while Redis is down.
    public let rateLimiter: FallbackRateLimiter
    /// Outgoing flood limits shared by every instance: Redis, each instance's own limits only while Redis is down.
    public let flood: FallbackFloodLimiter
    /// Redis health and the fallback counter.
    public let circuit: FallbackCircuit
    /// The key names in use.
    public let keyspace: RedisKeyspace

    /// Builds the stores on a client. The key prefix style follows `configuration.keyspace`, except that a cluster client
    /// always gets `{tenant}:` prefixes (a tenant's keys must share a slot).
    public init(
        redis: any RedisCommandExecutor, configuration: RedisStoreConfiguration, fallbackConversations: any ConversationStore,
        fallbackUpdates: any UpdateLog, circuit: FallbackCircuit = FallbackCircuit()
    ) {
        let keyspace = redis is RedisClusterClient ? RedisKeyspace(style: .hashTagged) : configuration.keyspace
        self.keyspace = keyspace
        self.redis = redis
        self.circuit = circuit
        self.conversations = FallbackConversationStore(
            primary: RedisConversationStore(redis: redis, keyspace: keyspace, ttl: configuration.stateTTL), fallback: fallbackConversations,
            circuit: circuit)
        self.updates = FallbackUpdateLog(
            primary: RedisUpdateLog(redis: redis, keyspace: keyspace, ttl: configuration.dedupeTTL), fallback: fallbackUpdates,
            circuit: circuit,
            retention: configuration.dedupeTTL)
        self.rateLimiter = FallbackRateLimiter(
            primary: RedisRateLimiter(redis: redis, keyspace: keyspace, limits: configuration.rateLimits),
            fallback: InMemoryRateLimiter(limits: configuration.rateLimits), circuit: circuit)
        self.flood = FallbackFloodLimiter(primary: RedisFloodLimiter(redis: redis, keyspace: keyspace), circuit: circuit)
    }

    /// Builds the stores from a `redis://` URL (`ZAPIS_REDIS_URL`). Several hosts or `?cluster=true` select Redis Cluster,
    /// and with it `{tenant}:` key prefixes; the other settings of `configuration` are kept.
    public init(
        url: String, configuration: RedisStoreConfiguration = RedisStoreConfiguration(), fallbackConversations: any ConversationStore,
        fallbackUpdates: any UpdateLog, logger: Logger = Logger(label: "zapis.redis")
    ) throws(RedisError) {
        let redisConfiguration = try RedisConfiguration(url: url)
        var configuration = configuration
        configuration.keyspace = RedisKeyspace(cluster: redisConfiguration.isCluster)
        self.init(
            redis: redisConfiguration.makeExecutor(logger: logger), configuration: configuration,
            fallbackConversations: fallbackConversations,
            fallbackUpdates: fallbackUpdates, circuit: FallbackCircuit(logger: logger))
    }

    /// True when Redis answers PING within `timeout` (readiness). It goes around the circuit: a degraded Redis that
    /// is back shows as ready before the next probe moves the stores back to it.
    public func ping(timeout: Duration) async -> Bool {
        let redis = redis
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask { (try? await redis.send(.ping)) != nil }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            let answered = await group.next() ?? false
            group.cancelAll()
            return answered
        }
    }

    /// Closes the Redis connections.
    public func shutdown() async { await redis.shutdown() }
}
