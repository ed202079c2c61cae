import Foundation
import Redis
import Testing

@testable import Redis

@Suite("Redis client: scripts and transactions", .enabled(if: TestRedis.isAvailable), .timeLimit(.minutes(2)))
struct RedisScriptTests {
    @Test(arguments: [
        ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
    ])
    func sha1MatchesKnownDigests(input: String, digest: String) {
        #expect(SHA1.hexDigest(Array(input.utf8)) == digest)
    }

    @Test func evalshaFallsBackToEvalOnNoscriptAndLoadsTheScript() async throws {
        try await withClient(try await TestRedis.client()) { redis async throws in
            let script = RedisScript("-- \(UUID().uuidString)\nreturn {KEYS[1], ARGV[1], redis.call('INCR', KEYS[1])}")
            let key = TestRedis.uniqueKey()
            #expect(try await redis.send(RedisCommand("SCRIPT", ["LOAD", RedisArgument(script.source)])).string == script.sha1)
            _ = try await redis.send(RedisCommand("SCRIPT", ["FLUSH"]))
            #expect(try await redis.send(RedisCommand("SCRIPT", ["EXISTS", RedisArgument(script.sha1)])) == .array([.integer(0)]))
            let first = try await redis.evaluate(script, keys: [key], arguments: ["a"])
            #expect(first == .array([.bulkString(Array(key.utf8)), .bulkString(Array("a".utf8)), .integer(1)]))
            #expect(try await redis.send(RedisCommand("SCRIPT", ["EXISTS", RedisArgument(script.sha1)])) == .array([.integer(1)]))
            #expect(try await redis.evaluate(script, keys: [key], arguments: ["b"]).array?.last == .integer(2))
            await #expect { try await redis.evaluate(RedisScript("return redis.call('NOSUCH')"), keys: []) } throws: {
                isServerError($0, "ERR")
            }
            _ = try await redis.send(.del([key]))
        }
    }

    @Test func transactionsReturnEachResult() async throws {
        try await withClient(try await TestRedis.client()) { redis async throws in
            let key = TestRedis.uniqueKey()
            let text = TestRedis.uniqueKey()
            _ = try await redis.send(.set(text, Array("x".utf8), expireMilliseconds: 60_000))
            let results = try await redis.transaction([
                RedisCommand("INCR", [RedisArgument(key)]), RedisCommand("INCR", [RedisArgument(key)]),
                RedisCommand("INCR", [RedisArgument(text)]),
                .get(key),
            ])
            #expect(try results[0].get() == .integer(1))
            #expect(try results[1].get() == .integer(2))
            #expect { try results[2].get() } throws: { isServerError($0, "ERR") }
            #expect(try results[3].get() == .bulkString(Array("2".utf8)))
            await #expect { try await redis.transaction([RedisCommand("INCR", [RedisArgument(key)]), RedisCommand("NOSUCH")]) } throws: {
                isServerError($0, "EXECABORT")
            }
            #expect(try await redis.send(.get(key)) == .bulkString(Array("2".utf8)))
            _ = try await redis.send(.del([key, text]))
        }
    }
}
