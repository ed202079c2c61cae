import Redis
import Testing

@Suite("Redis client: pipelining", .enabled(if: TestRedis.isAvailable), .timeLimit(.minutes(2)))
struct RedisPipelineTests {
    @Test func tenThousandCommandsInOneWriteAnswerInOrder() async throws {
        let configuration = try await TestRedis.configuration()
        let connection = try await RedisConnection.connect(to: configuration.endpoints[0], configuration: configuration)
        let key = TestRedis.uniqueKey()
        let results = await connection.pipeline(Array(repeating: RedisCommand("INCR", [RedisArgument(key)]), count: 10_000))
        #expect(try results.map { try $0.get() } == (1...10_000).map { RESPValue.integer(Int64($0)) })
        #expect(connection.inFlight == 0)
        _ = try await connection.send(.del([key]))
        await connection.close()
    }

    @Test func tenThousandConcurrentCommandsShareThePool() async throws {
        try await withClient(try await TestRedis.client { $0.poolSize = 4 }) { redis async throws in
            let key = TestRedis.uniqueKey()
            let replies = try await withThrowingTaskGroup(of: Int64.self) { group in
                for _ in 0..<10_000 {
                    group.addTask { try await redis.send(RedisCommand("INCR", [RedisArgument(key)])).int ?? -1 }
                }
                return try await group.reduce(into: Set<Int64>()) { $0.insert($1) }
            }
            #expect(replies == Set(1...10_000))
            #expect(try await redis.send(.get(key)).int == 10_000)
            #expect((1...4).contains(redis.connectionsOpened))
            _ = try await redis.send(.del([key]))
        }
    }
}
