import BookingCore
import Foundation
import Redis
import Storage

/// Conversation state in Redis: one key per tenant, chat and user with a TTL renewed on every save.
public struct RedisConversationStore: ConversationStore {
    /// The client (single server or cluster).
    public let redis: any RedisCommandExecutor
    /// Key names.
    public let keyspace: RedisKeyspace
    /// Lifetime after the last save.
    public let ttl: Duration

    /// Creates a store.
    public init(redis: any RedisCommandExecutor, keyspace: RedisKeyspace, ttl: Duration = .seconds(24 * 3600)) {
        self.redis = redis
        self.keyspace = keyspace
        self.ttl = ttl
    }

    /// `GET <prefix>fsm:state:<chat>:<user>`.
    public func loadState(_ key: ConversationKey) async throws -> [UInt8]? {
        let reply = try await redis.send(.get(keyspace.state(key)))
        if reply.isNull { return nil }
        guard let bytes = reply.bytes else { throw RedisError.unexpectedReply("GET returned \(reply)") }
        return bytes
    }

    /// `SET <prefix>fsm:state:<chat>:<user> <state> PX <ttl>`.
    public func saveState(_ state: [UInt8], for key: ConversationKey, now: Date) async throws {
        _ = try await redis.send(.set(keyspace.state(key), state, expireMilliseconds: ttl.redisMilliseconds))
    }

    /// `DEL` of the state and data keys.
    public func clearState(_ key: ConversationKey) async throws {
        _ = try await redis.send(.del([keyspace.state(key), keyspace.data(key)]))
    }
}
