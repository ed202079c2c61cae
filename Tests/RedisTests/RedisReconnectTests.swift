import Redis
import Testing

@Suite("Redis client: dropped connections and backoff", .enabled(if: TestRedis.isAvailable), .timeLimit(.minutes(2)))
struct RedisReconnectTests {
    @Test func reconnectsAfterClientKill() async throws {
        try await withClient(try await TestRedis.client { $0.poolSize = 1 }) { redis async throws in
            let firstID = try #require(try await redis.send(RedisCommand("CLIENT", ["ID"])).int)
            let connection = try await redis.lease()
            let admin = try await TestRedis.client()
            #expect(try await admin.send(RedisCommand("CLIENT", ["KILL", "ID", RedisArgument(firstID)])) == .integer(1))
            await admin.shutdown()
            try await within(.seconds(20), "the killed connection to close") { await connection.waitUntilClosed() }
            let secondID = try #require(try await redis.send(RedisCommand("CLIENT", ["ID"])).int)
            #expect(secondID != firstID)
            #expect(redis.connectionsOpened == 2)
        }
    }

    @Test func commandsInFlightFailWhenTheConnectionIsKilled() async throws {
        let configuration = try await TestRedis.configuration()
        let connection = try await RedisConnection.connect(to: configuration.endpoints[0], configuration: configuration)
        let id = try #require(try await connection.send(RedisCommand("CLIENT", ["ID"])).int)
        let blocked = TestRedis.uniqueKey()
        async let waiting = connection.pipeline([RedisCommand("BLPOP", [RedisArgument(blocked), "10"])])
        try await waitUntilBlocked(id)
        let admin = try await TestRedis.client()
        #expect(try await admin.send(RedisCommand("CLIENT", ["KILL", "ID", RedisArgument(id)])) == .integer(1))
        let results = await waiting
        #expect(results.count == 1)
        #expect(throws: RedisError.connectionClosed) { try results[0].get() }
        await admin.shutdown()
    }

    @Test func aDeadServerFailsFastDuringBackoff() async throws {
        let port = RedisServerProcess.freePort()
        let configuration = RedisConfiguration(
            endpoints: [RedisEndpoint(host: "127.0.0.1", port: port)], connectTimeout: .milliseconds(500),
            reconnectBackoff: RedisBackoff(initial: .seconds(60), maximum: .seconds(60)))
        try await withClient(RedisClient(configuration: configuration)) { redis async throws in
            await #expect { try await redis.send(.ping) } throws: { error in
                guard case RedisError.connectionUnavailable(let why) = error else { return false }
                return why.contains("\(port)")
            }
            await #expect { try await redis.send(.ping) } throws: { error in
                guard case RedisError.connectionUnavailable(let why) = error else { return false }
                return why.contains("reconnecting")
            }
            #expect(redis.connectionsOpened == 0)
        }
    }

    @Test func backoffDoublesUpToTheMaximum() {
        let backoff = RedisBackoff(initial: .milliseconds(100), maximum: .seconds(1))
        #expect(
            (0...6).map { backoff.delay(afterFailures: $0) } == [
                .zero, .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1), .seconds(1),
            ])
    }
}
