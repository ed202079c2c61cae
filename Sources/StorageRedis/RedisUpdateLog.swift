import BookingCore
import Foundation
import Redis
import Storage

/// Update dedupe in Redis: `SET <prefix>dedupe:<update id> 1 NX PX <ttl>` claims, DEL releases.
public struct RedisUpdateLog: UpdateLog {
    /// The client (single server or cluster).
    public let redis: any RedisCommandExecutor
    /// Key names.
    public let keyspace: RedisKeyspace
    /// How long a claim is remembered.
    public let ttl: Duration

    /// Creates a log.
    public init(redis: any RedisCommandExecutor, keyspace: RedisKeyspace, ttl: Duration = .seconds(24 * 3600)) {
        self.redis = redis
        self.keyspace = keyspace
        self.ttl = ttl
    }

    /// `SET <prefix>dedupe:<update id> 1 NX PX <ttl>`: true when this call set it.
    public func claimUpdate(_ updateID: Int64, tenant: TenantID, now: Date) async throws -> Bool {
        let reply = try await redis.send(
            .set(keyspace.dedupe(updateID, tenant: tenant), Array("1".utf8), expireMilliseconds: ttl.redisMilliseconds, onlyIfAbsent: true))
        return !reply.isNull
    }

    /// `DEL <prefix>dedupe:<update id>`.
    public func releaseUpdate(_ updateID: Int64, tenant: TenantID) async throws {
        _ = try await redis.send(.del([keyspace.dedupe(updateID, tenant: tenant)]))
    }
}
