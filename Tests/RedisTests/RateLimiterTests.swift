import BookingCore
import Foundation
import Redis
import Storage
import StorageRedis
import Testing

@Suite("Rate limiter", .timeLimit(.minutes(2)))
struct RateLimiterTests {
    static let start = Date(timeIntervalSince1970: 1_796_000_000)
    static let limits = RateLimits()

    private func make(_ backend: ConversationBackend) async throws -> (any RateLimiter, (any RedisCommandExecutor)?) {
        guard let redis = try await backend.executor() else { return (InMemoryRateLimiter(limits: Self.limits), nil) }
        return (RedisRateLimiter(redis: redis, keyspace: backend.keyspace, limits: Self.limits), redis)
    }

    private func at(_ seconds: Double) -> Date { Self.start.addingTimeInterval(seconds) }

    @Test func defaultsAreTheSeedsWithBursts() {
        #expect(Self.limits.message == RateLimitPolicy(interval: .seconds(2), burst: 3))
        #expect(Self.limits.callback == RateLimitPolicy(interval: .milliseconds(500), burst: 10))
        #expect(Self.limits.message.window == .seconds(6))
    }

    @Test(arguments: ConversationBackend.available)
    func burstThenOneQuietNoticeThenSilence(backend: ConversationBackend) async throws {
        let (limiter, redis) = try await make(backend)
        let (tenant, user) = (TestRedis.uniqueTenant(), UserID(5))
        for second in [0.0, 0.1, 0.2] {
            #expect(try await limiter.check(.message, user: user, tenant: tenant, now: at(second)) == .allowed)
        }
        #expect(
            try await limiter.check(.message, user: user, tenant: tenant, now: at(0.3)) == .limitedNotify(retryAfter: .milliseconds(5700)))
        for second in [0.4, 1.0, 5.9] {
            #expect(try await limiter.check(.message, user: user, tenant: tenant, now: at(second)) == .limitedSilent)
        }
        // At 6.0 the message of 0.0 has left the 6 s window.
        #expect(try await limiter.check(.message, user: user, tenant: tenant, now: at(6.0)) == .allowed)
        #expect(try await limiter.check(.message, user: user, tenant: tenant, now: at(6.05)) == .limitedSilent)
        // By 6.3 the messages of 0.1 and 0.2 and the notice of 0.3 have left the window: two more messages, then a new notice.
        #expect(try await limiter.check(.message, user: user, tenant: tenant, now: at(6.3)) == .allowed)
        #expect(try await limiter.check(.message, user: user, tenant: tenant, now: at(6.31)) == .allowed)
        #expect(
            try await limiter.check(.message, user: user, tenant: tenant, now: at(6.32)) == .limitedNotify(retryAfter: .milliseconds(5680)))
        #expect(try await limiter.check(.message, user: user, tenant: tenant, now: at(6.33)) == .limitedSilent)
        await redis?.shutdown()
    }

    @Test(arguments: ConversationBackend.available)
    func messagesAndButtonPressesAreCountedSeparately(backend: ConversationBackend) async throws {
        let (limiter, redis) = try await make(backend)
        let (tenant, user) = (TestRedis.uniqueTenant(), UserID(6))
        for step in 0..<3 { #expect(try await limiter.check(.message, user: user, tenant: tenant, now: at(Double(step) / 10)) == .allowed) }
        #expect(try await !limiter.check(.message, user: user, tenant: tenant, now: at(0.5)).isAllowed)
        for step in 0..<10 {
            #expect(try await limiter.check(.callback, user: user, tenant: tenant, now: at(Double(step) / 10)) == .allowed)
        }
        #expect(
            try await limiter.check(.callback, user: user, tenant: tenant, now: at(1.0)) == .limitedNotify(retryAfter: .milliseconds(4000)))
        #expect(try await limiter.check(.callback, user: user, tenant: tenant, now: at(5.0)) == .allowed)
        if let redis {
            let prefix = backend.keyspace.prefix(tenant)
            let keys = try await ConversationBackend.scan(redis, "*\(tenant.rawValue)*")
            #expect(keys == ["\(prefix)ratelimit:msg:6", "\(prefix)ratelimit:cb:6"])
            // Each key expires a minute after its window (-1, no expiry, is the failure this guards against).
            for key in keys {
                let ttl = try #require(try await redis.send(.pttl(key)).int)
                #expect((1...66_000).contains(ttl), "\(key): \(ttl)")
            }
            await redis.shutdown()
        }
    }

    @Test(arguments: ConversationBackend.available)
    func usersAndTenantsHaveTheirOwnWindows(backend: ConversationBackend) async throws {
        let (limiter, redis) = try await make(backend)
        let (a, b) = (TestRedis.uniqueTenant(), TestRedis.uniqueTenant())
        for _ in 0..<3 { #expect(try await limiter.check(.message, user: UserID(1), tenant: a, now: at(0)) == .allowed) }
        #expect(try await limiter.check(.message, user: UserID(1), tenant: a, now: at(0)) == .limitedNotify(retryAfter: .seconds(6)))
        #expect(try await limiter.check(.message, user: UserID(2), tenant: a, now: at(0)) == .allowed)
        #expect(try await limiter.check(.message, user: UserID(1), tenant: b, now: at(0)) == .allowed)
        await redis?.shutdown()
    }
}
