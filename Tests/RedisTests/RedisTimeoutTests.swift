import Redis
import Testing

@Suite("Redis client: timeouts", .enabled(if: TestRedis.isAvailable), .timeLimit(.minutes(2)))
struct RedisTimeoutTests {
    @Test func aCommandPastItsTimeoutThrowsAndTheClientRecovers() async throws {
        try await withClient(try await TestRedis.client { $0.poolSize = 1 }) { redis async throws in
            let start = ContinuousClock.now
            await #expect(throws: RedisError.timeout) {
                try await redis.send(RedisCommand("BLPOP", [RedisArgument(TestRedis.uniqueKey()), "10"]), timeout: .milliseconds(200))
            }
            #expect(ContinuousClock.now - start < .seconds(9))  // well before the 10 s BLPOP: it did not wait for it
            #expect(try await redis.send(.ping) == .simpleString("PONG"))
            #expect(redis.connectionsOpened == 2)
        }
    }

    @Test func commandsQueuedBehindATimedOutOneFailInsteadOfHanging() async throws {
        let configuration = try await TestRedis.configuration()
        let connection = try await RedisConnection.connect(to: configuration.endpoints[0], configuration: configuration)
        let id = try #require(try await connection.send(RedisCommand("CLIENT", ["ID"])).int)
        async let blocked = connection.pipeline(
            [RedisCommand("BLPOP", [RedisArgument(TestRedis.uniqueKey()), "20"])], timeout: .seconds(6))
        try await waitUntilBlocked(id)
        let second = await connection.pipeline([.ping], timeout: .seconds(30))
        let first = await blocked
        #expect(throws: RedisError.timeout) { try first[0].get() }
        // Queued behind the timed-out command it fails as closed in flight or, when the machine is slow enough
        // that the connection closed before it was written, as unavailable; it never hangs.
        let secondError = #expect(throws: RedisError.self) { try second[0].get() }
        switch secondError {
        case .connectionClosed?, .connectionUnavailable?: break
        default: Issue.record("unexpected \(String(describing: secondError))")
        }
        try await within(.seconds(5), "the timed-out connection to close") { await connection.waitUntilClosed() }
        #expect(!connection.isActive)
    }
}
