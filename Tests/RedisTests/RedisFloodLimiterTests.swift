import BookingCore
import Foundation
import Redis
import Storage
import StorageRedis
import Testing

/// Two instances (two clients) taking from one chat's and one bot's buckets: together they never pass the limits.
@Suite("Shared flood limits", .timeLimit(.minutes(2)))
struct RedisFloodLimiterTests {
    static let buckets = FloodBuckets(botPerSecond: 30, botBurst: 30, chatPerSecond: 1, chatBurst: 3, bulkReserve: 6)

    @Test(arguments: ConversationBackend.redisBacked)
    func twoInstancesShareOneChatsBurst(backend: ConversationBackend) async throws {
        let first = RedisFloodLimiter(redis: try #require(try await backend.executor()), keyspace: backend.keyspace)
        let second = RedisFloodLimiter(redis: try #require(try await backend.executor()), keyspace: backend.keyspace)
        let tenant = TestRedis.uniqueTenant()
        // A slow chat refill, so a loaded machine taking its time over the 8 calls adds no token to count.
        var slow = Self.buckets
        slow.chatPerSecond = 0.01
        let outcomes = try await withThrowingTaskGroup(of: Duration?.self) { group in
            for n in 0..<8 {
                let limiter = n.isMultiple(of: 2) ? first : second
                group.addTask { [slow] in try await limiter.reserve(tenant: tenant, chat: 42, isNewMessage: true, bulk: false, buckets: slow) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == nil }.count == 3, "the chat's burst, whichever instance asked")
        let waits = outcomes.compactMap(\.self)
        #expect(waits.allSatisfy { $0 > .seconds(50) && $0 <= .seconds(60) }, "a token in ~100 s at 0.01/s (the wait is capped at 60 s)")
        // Edits count toward the bot only; another chat has its own burst.
        #expect(try await first.reserve(tenant: tenant, chat: 42, isNewMessage: false, bulk: false, buckets: Self.buckets) == nil)
        #expect(try await second.reserve(tenant: tenant, chat: 43, isNewMessage: true, bulk: false, buckets: Self.buckets) == nil)
        // At 1/s, a chat whose burst was spent has a token again a second later.
        for _ in 0..<3 { _ = try await first.reserve(tenant: tenant, chat: 44, isNewMessage: true, bulk: false, buckets: Self.buckets) }
        try await Task.sleep(for: .milliseconds(1_050))
        #expect(try await second.reserve(tenant: tenant, chat: 44, isNewMessage: true, bulk: false, buckets: Self.buckets) == nil)
    }

    @Test(arguments: ConversationBackend.redisBacked)
    func theBotsBucketHoldsAcrossChatsAndKeepsReplyTokensFromBulk(backend: ConversationBackend) async throws {
        // A slow refill, so a loaded machine taking its time over the 40 calls adds no tokens to count.
        let buckets = FloodBuckets(botPerSecond: 0.01, botBurst: 30, chatPerSecond: 1, chatBurst: 3, bulkReserve: 6)
        let limiter = RedisFloodLimiter(redis: try #require(try await backend.executor()), keyspace: backend.keyspace)
        let tenant = TestRedis.uniqueTenant()
        var bulkSent = 0
        for chat in Int64(1)...40 {
            if try await limiter.reserve(tenant: tenant, chat: chat, isNewMessage: true, bulk: true, buckets: buckets) == nil { bulkSent += 1 }
        }
        // A broadcast leaves the last `bulkReserve` tokens of the burst to replies.
        #expect(bulkSent == 24)
        for chat in Int64(100)..<106 {
            #expect(try await limiter.reserve(tenant: tenant, chat: chat, isNewMessage: true, bulk: false, buckets: buckets) == nil)
        }
        #expect(try await limiter.reserve(tenant: tenant, chat: 106, isNewMessage: true, bulk: false, buckets: buckets) != nil)
    }
}
