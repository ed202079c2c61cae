import BookingCore
import Redis
import Storage
import StorageRedis
import Testing

/// The backends the ConversationStore, rate limiter and dedupe suites run against.
enum ConversationBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case memory, redis, cluster

    var testDescription: String { rawValue }

    /// Memory always; Redis and the cluster when they can run (under CI always, so a missing server fails).
    static var available: [ConversationBackend] {
        [.memory] + (TestRedis.isAvailable ? [.redis] : []) + (TestRedis.clusterAvailable ? [.cluster] : [])
    }

    /// Redis-backed backends only.
    static var redisBacked: [ConversationBackend] { available.filter { $0 != .memory } }

    /// A Redis client for the backend (nil for memory).
    func executor() async throws -> (any RedisCommandExecutor)? {
        switch self {
        case .memory: nil
        case .redis: try await TestRedis.client()
        case .cluster: try await TestRedis.clusterClient()
        }
    }

    var keyspace: RedisKeyspace { RedisKeyspace(cluster: self == .cluster) }

    /// Every key on every node matching the pattern.
    static func scan(_ redis: any RedisCommandExecutor, _ pattern: String) async throws -> Set<String> {
        guard let cluster = redis as? RedisClusterClient else { return try await redis.scan(pattern) }
        var keys: Set<String> = []
        for node in try await cluster.masters() { keys.formUnion(try await node.scan(pattern)) }
        return keys
    }
}
