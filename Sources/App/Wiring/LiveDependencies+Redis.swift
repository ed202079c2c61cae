import Logging
import Storage
import StorageRedis

extension AppDependencies {
    /// Moves conversation state and incoming rate limits to Redis (each falling back to SQL or memory while
    /// Redis is down). Update claims stay in the SQL transaction: a claim outside it could lose an update
    /// on a crash between the claim and the commit.
    public func withRedis(url: String, logger: Logger) throws -> AppDependencies {
        let redis = try RedisStores(
            url: url, configuration: RedisStoreConfiguration(), fallbackConversations: stores.conversations,
            fallbackUpdates: stores.updates, logger: logger)
        var dependencies = self
        dependencies.redis = redis
        dependencies.rateLimiter = redis.rateLimiter
        return dependencies
    }
}
