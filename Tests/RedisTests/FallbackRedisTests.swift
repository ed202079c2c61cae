import BookingCore
import Foundation
import Redis
import Storage
import StorageRedis
import Testing

@Suite("Fallback when Redis goes away", .enabled(if: TestRedis.canStartServers), .timeLimit(.minutes(2)))
struct FallbackRedisTests {
    static let now = Date(timeIntervalSince1970: 1_796_000_000)

    /// Redis stores over a client that reconnects at once and a circuit that probes on every call.
    func stores(_ url: String, fallback: InMemoryStore) throws -> RedisStores {
        var configuration = try RedisConfiguration(url: url)
        configuration.connectTimeout = .seconds(5)
        configuration.commandTimeout = .seconds(5)
        configuration.reconnectBackoff = RedisBackoff(initial: .zero, maximum: .zero)
        return RedisStores(
            redis: RedisClient(configuration: configuration), configuration: RedisStoreConfiguration(stateTTL: .seconds(600)),
            fallbackConversations: fallback, fallbackUpdates: fallback, circuit: FallbackCircuit(policy: .init(initialBackoff: .zero)))
    }

    @Test func aDeadServerIsServedFromTheFallback() async throws {
        let fallback = InMemoryStore()
        let stores = try stores("redis://127.0.0.1:\(RedisServerProcess.freePort())", fallback: fallback)
        let key = ConversationKey(tenant: TestRedis.uniqueTenant(), chat: ChatID(1), user: UserID(1))
        try await stores.conversations.saveState([9], for: key, now: Self.now)
        #expect(try await stores.conversations.loadState(key) == [9])
        #expect(await fallback.loadState(key) == [9])
        #expect(try await stores.updates.claimUpdate(1, tenant: key.tenant, now: Self.now))
        #expect(try await !stores.updates.claimUpdate(1, tenant: key.tenant, now: Self.now))
        #expect(try await stores.rateLimiter.check(.message, user: key.user, tenant: key.tenant, now: Self.now) == .allowed)
        #expect(stores.circuit.isDegraded)
        #expect(stores.circuit.fallbackCount == 5)
        await stores.shutdown()
    }

    @Test func stoppingAndRestartingRedisSwitchesToTheFallbackAndBack() async throws {
        let server = try await RedisServerProcess.start()
        defer { server.stop() }
        let fallback = InMemoryStore()
        let stores = try stores(server.url, fallback: fallback)
        let redis = stores.redis
        let keyspace = RedisKeyspace(cluster: false)
        let tenant = TestRedis.uniqueTenant()
        let before = ConversationKey(tenant: tenant, chat: ChatID(1), user: UserID(1))
        let during = ConversationKey(tenant: tenant, chat: ChatID(2), user: UserID(2))

        try await stores.conversations.saveState([1], for: before, now: Self.now)
        #expect(try await redis.send(.get(keyspace.state(before))) == .bulkString([1]))
        #expect(stores.circuit.fallbackCount == 0)

        server.stop()
        try await stores.conversations.saveState([2], for: during, now: Self.now)
        #expect(try await stores.conversations.loadState(during) == [2])
        #expect(try await stores.updates.claimUpdate(100, tenant: tenant, now: Self.now))
        #expect(stores.circuit.isDegraded)
        #expect(stores.circuit.fallbackCount == 3)
        #expect(await fallback.loadState(during) == [2])

        try await server.restart()
        // The first call after the restart probes Redis and moves the outage's conversation back.
        #expect(try await stores.conversations.loadState(during) == [2])
        #expect(!stores.circuit.isDegraded)
        #expect(stores.circuit.fallbackCount == 3)
        #expect(try await redis.send(.get(keyspace.state(during))) == .bulkString([2]))
        #expect(await fallback.loadState(during) == nil)
        // Redis lost its data in the restart; the state saved before the outage is gone (a new conversation starts).
        #expect(try await stores.conversations.loadState(before) == nil)
        // The update claimed in SQL during the outage is still a duplicate, and Redis learns about it.
        #expect(try await !stores.updates.claimUpdate(100, tenant: tenant, now: Self.now))
        #expect(try await redis.send(.get(keyspace.dedupe(100, tenant: tenant))) == .bulkString(Array("1".utf8)))
        #expect(try await stores.updates.claimUpdate(101, tenant: tenant, now: Self.now))
        await stores.shutdown()
    }
}

extension FallbackRedisTests {
    /// The service wraps each update's own SQL view (`using(fallback:)`): what one update wrote during an outage is
    /// moved back to Redis by a later update, through another view.
    @Test func anOutagesStateWrittenByOneUpdateIsMovedBackByALaterOne() async throws {
        let server = try await RedisServerProcess.start()
        defer { server.stop() }
        let fallback = InMemoryStore()
        let stores = try stores(server.url, fallback: fallback)
        let key = ConversationKey(tenant: TestRedis.uniqueTenant(), chat: ChatID(3), user: UserID(3))
        server.stop()
        try await stores.conversations.using(fallback: fallback).saveState([7], for: key, now: Self.now)
        #expect(await fallback.loadState(key) == [7])
        try await server.restart()
        #expect(try await stores.conversations.using(fallback: fallback).loadState(key) == [7])
        #expect(try await stores.redis.send(.get(RedisKeyspace(cluster: false).state(key))) == .bulkString([7]))
        #expect(await fallback.loadState(key) == nil)
        await stores.shutdown()
    }
}

@Suite("Redis stores from a URL")
struct RedisStoresURLTests {
    @Test func aClusterURLSelectsHashTaggedPrefixes() async throws {
        let fallback = InMemoryStore()
        let single = try RedisStores(url: "redis://127.0.0.1:1", fallbackConversations: fallback, fallbackUpdates: fallback)
        #expect(single.keyspace.style == .plain && single.redis is RedisClient)
        let cluster = try RedisStores(url: "redis://127.0.0.1:1,127.0.0.1:2", fallbackConversations: fallback, fallbackUpdates: fallback)
        #expect(cluster.keyspace.style == .hashTagged && cluster.redis is RedisClusterClient)
        #expect(cluster.keyspace.prefix(TenantID("client_001")!) == "{client_001}:")
        #expect(throws: RedisError.self) { try RedisStores(url: "rediss://x", fallbackConversations: fallback, fallbackUpdates: fallback) }
        await single.shutdown()
        await cluster.shutdown()
    }
}
