import Foundation
import Redis
import Testing

@Suite("Redis client: protocol against a real server", .enabled(if: TestRedis.isAvailable), .timeLimit(.minutes(2)))
struct RedisProtocolTests {
    @Test func bulkStringsKeepCRLFAndEveryByte() async throws {
        try await withClient(try await TestRedis.client()) { redis async throws in
            let key = TestRedis.uniqueKey()
            let value = Array("line1\r\nline2\r\n$3\r\n*1\r\n-ERR not an error\r\n".utf8) + [0, 255, 13, 10]
            #expect(try await redis.send(.set(key, value, expireMilliseconds: 60_000)) == .simpleString("OK"))
            #expect(try await redis.send(.get(key)) == .bulkString(value))
            #expect(try await redis.send(.set(key, [])) == .simpleString("OK"))
            #expect(try await redis.send(.get(key)) == .bulkString([]))
        }
    }

    @Test func nilRepliesAreNull() async throws {
        try await withClient(try await TestRedis.client()) { redis async throws in
            let key = TestRedis.uniqueKey()
            #expect(try await redis.send(.get(key)) == .null)
            #expect(try await redis.send(RedisCommand("HGET", [RedisArgument(key), "field"])) == .null)
            #expect(try await redis.send(RedisCommand("LRANGE", [RedisArgument(key), "0", "-1"])) == .array([]))
            // A nil array (*-1): BLPOP that times out on the server side.
            #expect(try await redis.send(RedisCommand("BLPOP", [RedisArgument(key), "0.01"])) == .null)
        }
    }

    @Test func bigAndNestedArrays() async throws {
        try await withClient(try await TestRedis.client()) { redis async throws in
            let key = TestRedis.uniqueKey()
            let elements = (0..<10_000).map { "element-\($0)\r\n" }
            #expect(
                try await redis.send(RedisCommand("RPUSH", [RedisArgument(key)] + elements.map { RedisArgument($0) })) == .integer(10_000))
            let reply = try await redis.send(RedisCommand("LRANGE", [RedisArgument(key), "0", "-1"]))
            #expect(reply.array?.compactMap(\.string) == elements)
            let nested = try await redis.send(
                RedisCommand("EVAL", ["return {1, {2, {3, 'x'}}, {}, redis.call('LRANGE', KEYS[1], 0, 1)}", "1", RedisArgument(key)]))
            #expect(
                nested
                    == .array([
                        .integer(1), .array([.integer(2), .array([.integer(3), .bulkString(Array("x".utf8))])]), .array([]),
                        .array([.bulkString(Array("element-0\r\n".utf8)), .bulkString(Array("element-1\r\n".utf8))]),
                    ]))
            _ = try await redis.send(.del([key]))
        }
    }

    @Test func errorRepliesAreTypedAndLeaveTheConnectionUsable() async throws {
        try await withClient(try await TestRedis.client { $0.poolSize = 1 }) { redis async throws in
            let key = TestRedis.uniqueKey()
            _ = try await redis.send(.set(key, Array("text".utf8), expireMilliseconds: 60_000))
            await #expect { try await redis.send(RedisCommand("LPUSH", [RedisArgument(key), "x"])) } throws: {
                isServerError($0, "WRONGTYPE")
            }
            await #expect { try await redis.send(RedisCommand("NOSUCHCOMMAND")) } throws: { isServerError($0, "ERR") }
            let results = try await redis.pipeline([.ping, RedisCommand("INCR", [RedisArgument(key)]), .get(key)])
            #expect(try results[0].get() == .simpleString("PONG"))
            #expect(throws: RedisError.self) { try results[1].get() }
            #expect(try results[2].get() == .bulkString(Array("text".utf8)))
            #expect(redis.connectionsOpened == 1)
        }
    }

    @Test func resp3TypesThroughHello3() async throws {
        try await withClient(try await TestRedis.client { $0.protocolVersion = .resp3 }) { redis async throws in
            let key = TestRedis.uniqueKey()
            _ = try await redis.send(RedisCommand("HSET", [RedisArgument(key), "a", "1", "b", "2"]))
            let hash = try await redis.send(RedisCommand("HGETALL", [RedisArgument(key)]))
            guard case .map(let entries) = hash else {
                Issue.record("HGETALL under RESP3 should be a map, got \(hash)")
                return
            }
            #expect(Dictionary(uniqueKeysWithValues: entries.map { ($0.key.string!, $0.value.string!) }) == ["a": "1", "b": "2"])
            let setKey = TestRedis.uniqueKey()
            _ = try await redis.send(RedisCommand("SADD", [RedisArgument(setKey), "x"]))
            #expect(try await redis.send(RedisCommand("SMEMBERS", [RedisArgument(setKey)])) == .set([.bulkString(Array("x".utf8))]))
            let zsetKey = TestRedis.uniqueKey()
            _ = try await redis.send(RedisCommand("ZADD", [RedisArgument(zsetKey), "2.5", "m"]))
            #expect(try await redis.send(RedisCommand("ZSCORE", [RedisArgument(zsetKey), "m"])) == .double(2.5))
            #expect(try await redis.send(.get(TestRedis.uniqueKey())) == .null)
            let lua = try await redis.send(
                RedisCommand("EVAL", ["redis.setresp(3); return {true, false, {double=1.5}, {map={k='v'}}}", "0"]))
            #expect(
                lua
                    == .array([
                        .boolean(true), .boolean(false), .double(1.5),
                        .map([RESPMapEntry(key: .bulkString(Array("k".utf8)), value: .bulkString(Array("v".utf8)))]),
                    ]))
            _ = try await redis.send(.del([key, setKey, zsetKey]))
        }
    }

    @Test func resp3PushFramesAreSurfacedAndDoNotDisturbReplies() async throws {
        let (pushes, continuation) = AsyncStream.makeStream(of: RESPValue.self)
        var configuration = try await TestRedis.configuration()
        configuration.protocolVersion = .resp3
        let tracked = try await RedisConnection.connect(
            to: configuration.endpoints[0], configuration: configuration, onPush: { continuation.yield($0) })
        let writer = try await TestRedis.client()
        let key = TestRedis.uniqueKey()
        #expect(try await tracked.send(RedisCommand("CLIENT", ["TRACKING", "ON"])) == .simpleString("OK"))
        #expect(try await tracked.send(.get(key)) == .null)
        _ = try await writer.send(.set(key, [1], expireMilliseconds: 60_000))
        let push = try await within(.seconds(5), "an invalidation push") { await pushes.first { _ in true } }
        #expect(push?.array?.first?.string == "invalidate")
        #expect(try await tracked.send(.get(key)) == .bulkString([1]))
        await tracked.close()
        await writer.shutdown()
    }
}
