import BookingCore
import Foundation
import Redis
import Storage
import StorageRedis
import Testing

/// The conversation part of the store contract (Tests/StorageTests/StoreContractTests.swift), on memory, Redis and
/// a Redis Cluster, plus what only Redis can show: the keys themselves and their TTL.
@Suite("ConversationStore contract", .timeLimit(.minutes(2)))
struct ConversationStoreContractTests {
    static let now = Date(timeIntervalSince1970: 1_796_000_000)

    private func make(_ backend: ConversationBackend) async throws -> (any ConversationStore, (any RedisCommandExecutor)?) {
        guard let redis = try await backend.executor() else { return (InMemoryStore(), nil) }
        return (RedisConversationStore(redis: redis, keyspace: backend.keyspace, ttl: .seconds(3600)), redis)
    }

    @Test(arguments: ConversationBackend.available)
    func conversationStateIsPerTenantChatAndUser(backend: ConversationBackend) async throws {
        let (store, redis) = try await make(backend)
        let a = ConversationKey(tenant: TestRedis.uniqueTenant(), chat: ChatID(1), user: UserID(1))
        let b = ConversationKey(tenant: TestRedis.uniqueTenant(), chat: ChatID(1), user: UserID(1))
        try await store.saveState([1, 2], for: a, now: Self.now)
        try await store.saveState([3], for: a, now: Self.now)
        #expect(try await store.loadState(a) == [3])
        #expect(try await store.loadState(b) == nil)
        try await store.clearState(a)
        #expect(try await store.loadState(a) == nil)
        try await store.clearState(a)
        await redis?.shutdown()
    }

    @Test(arguments: ConversationBackend.available)
    func chatAndUserAreBothPartOfTheKey(backend: ConversationBackend) async throws {
        let (store, redis) = try await make(backend)
        let tenant = TestRedis.uniqueTenant()
        let keys = [(1, 2), (2, 1), (1, 1), (-100_123_456_789, 2)].map {
            ConversationKey(tenant: tenant, chat: ChatID($0.0), user: UserID($0.1))
        }
        for (index, key) in keys.enumerated() { try await store.saveState([UInt8(index)], for: key, now: Self.now) }
        for (index, key) in keys.enumerated() { #expect(try await store.loadState(key) == [UInt8(index)]) }
        let binary = Array("{\"step\":\"x\"}\r\n$-1\r\n".utf8) + [0, 255]
        try await store.saveState(binary, for: keys[0], now: Self.now)
        #expect(try await store.loadState(keys[0]) == binary)
        for key in keys { try await store.clearState(key) }
        await redis?.shutdown()
    }

    @Test(arguments: ConversationBackend.redisBacked)
    func twoTenantsWithTheSameIdsNeverShareKeysAndKeysExpire(backend: ConversationBackend) async throws {
        let (store, redisOrNil) = try await make(backend)
        let redis = try #require(redisOrNil)
        let tenants = [TestRedis.uniqueTenant(), TestRedis.uniqueTenant()]
        for (index, tenant) in tenants.enumerated() {
            try await store.saveState(
                [UInt8(index)], for: ConversationKey(tenant: tenant, chat: ChatID(77), user: UserID(88)), now: Self.now)
        }
        for (index, tenant) in tenants.enumerated() {
            let prefix = backend.keyspace.prefix(tenant)
            #expect(prefix == (backend == .cluster ? "{\(tenant.rawValue)}:" : "\(tenant.rawValue):"))
            let keys = try await ConversationBackend.scan(redis, "*\(tenant.rawValue)*")
            #expect(keys == ["\(prefix)fsm:state:77:88"])
            #expect(try await store.loadState(ConversationKey(tenant: tenant, chat: ChatID(77), user: UserID(88))) == [UInt8(index)])
            let ttl = try #require(try await redis.send(.pttl("\(prefix)fsm:state:77:88")).int)
            #expect((3_500_000...3_600_000).contains(ttl))
        }
        try await store.clearState(ConversationKey(tenant: tenants[0], chat: ChatID(77), user: UserID(88)))
        #expect(try await ConversationBackend.scan(redis, "*\(tenants[0].rawValue)*").isEmpty)
        #expect(try await ConversationBackend.scan(redis, "*\(tenants[1].rawValue)*").count == 1)
        await redis.shutdown()
    }
}
