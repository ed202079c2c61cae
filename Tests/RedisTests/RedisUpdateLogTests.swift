import BookingCore
import Foundation
import Redis
import Storage
import StorageRedis
import Testing

@Suite("UpdateLog on Redis", .timeLimit(.minutes(2)))
struct RedisUpdateLogTests {
    @Test(arguments: ConversationBackend.available)
    func updatesAreClaimedOncePerTenant(backend: ConversationBackend) async throws {
        let redis = try await backend.executor()
        let log: any UpdateLog = redis.map { RedisUpdateLog(redis: $0, keyspace: backend.keyspace, ttl: .seconds(600)) } ?? InMemoryStore()
        let (a, b) = (TestRedis.uniqueTenant(), TestRedis.uniqueTenant())
        let now = Date(timeIntervalSince1970: 1_796_000_000)
        #expect(try await log.claimUpdate(7, tenant: a, now: now))
        #expect(try await !log.claimUpdate(7, tenant: a, now: now))
        #expect(try await log.claimUpdate(7, tenant: b, now: now))
        try await log.releaseUpdate(7, tenant: a)
        #expect(try await log.claimUpdate(7, tenant: a, now: now))
        if let redis {
            let key = "\(backend.keyspace.prefix(a))dedupe:7"
            #expect(try await ConversationBackend.scan(redis, "*\(a.rawValue)*") == [key])
            #expect((590_000...600_000).contains(try #require(try await redis.send(.pttl(key)).int)))
            await redis.shutdown()
        }
    }
}
