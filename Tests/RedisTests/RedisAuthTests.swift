import Redis
import Testing

@Suite("Redis client: AUTH, SELECT and URLs", .timeLimit(.minutes(2)))
struct RedisAuthTests {
    @Test(.enabled(if: TestRedis.canStartServers))
    func authWithPasswordAndACLUser() async throws {
        let server = try await RedisServerProcess.start(password: "s3cret:@/")
        defer { server.stop() }
        let patience = "timeout_ms=10000&connect_timeout_ms=10000"
        let base = "redis://127.0.0.1:\(server.port)?\(patience)"
        try await withClient(try RedisClient(url: base)) { redis async throws in
            await #expect { try await redis.send(.ping) } throws: { isServerError($0, "NOAUTH") }
        }
        try await withClient(try RedisClient(url: "redis://:wrong@127.0.0.1:\(server.port)?\(patience)")) { redis async throws in
            await #expect { try await redis.send(.ping) } throws: { isServerError($0, "WRONGPASS") }
        }
        for url in [
            "redis://:s3cret%3A%40%2F@127.0.0.1:\(server.port)?\(patience)",
            "redis://:s3cret%3A%40%2F@127.0.0.1:\(server.port)?protocol=3&\(patience)",
        ] {
            try await withClient(try RedisClient(url: url)) { redis async throws in
                #expect(try await redis.send(.ping) == .simpleString("PONG"))
                _ = try await redis.send(RedisCommand("ACL", ["SETUSER", "alice", "on", ">pw", "~*", "+@all"]))
            }
        }
        for url in [
            "redis://alice:pw@127.0.0.1:\(server.port)?\(patience)",
            "redis://alice:pw@127.0.0.1:\(server.port)?protocol=3&name=zapis-test&\(patience)",
        ] {
            try await withClient(try RedisClient(url: url)) { redis async throws in
                #expect(try await redis.send(RedisCommand("ACL", ["WHOAMI"])).string == "alice")
            }
        }
    }

    @Test(.enabled(if: TestRedis.isAvailable))
    func selectPicksTheDatabase() async throws {
        let key = TestRedis.uniqueKey()
        let db5 = try await TestRedis.client { $0.database = 5 }
        let db0 = try await TestRedis.client { $0.database = 0 }
        _ = try await db5.send(.set(key, [5], expireMilliseconds: 60_000))
        #expect(try await db5.send(.get(key)) == .bulkString([5]))
        #expect(try await db0.send(.get(key)) == .null)
        #expect(try await db5.send(RedisCommand("CLIENT", ["INFO"])).string?.contains(" db=5 ") == true)
        _ = try await db5.send(.del([key]))
        await db5.shutdown()
        await db0.shutdown()
    }

    @Test func urlsParse() throws {
        let plain = try RedisConfiguration(url: "redis://localhost")
        #expect(plain.endpoints == [RedisEndpoint(host: "localhost", port: 6379)])
        #expect(plain.database == 0 && plain.password == nil && !plain.isCluster && plain.protocolVersion == .resp2)
        let full = try RedisConfiguration(
            url: "redis://user:p%40ss@10.0.0.1:6380/3?protocol=3&pool=8&timeout_ms=250&connect_timeout_ms=100&name=z")
        #expect(full.username == "user" && full.password == "p@ss" && full.database == 3 && full.poolSize == 8)
        #expect(full.commandTimeout == .milliseconds(250) && full.connectTimeout == .milliseconds(100) && full.clientName == "z")
        #expect(full.protocolVersion == .resp3 && full.endpoints == [RedisEndpoint(host: "10.0.0.1", port: 6380)])
        #expect(!full.description.contains("p@ss") && !full.description.contains("p%40ss"))
        let cluster = try RedisConfiguration(url: "redis://:pw@127.0.0.1:7000,127.0.0.1:7001,[::1]:7002")
        #expect(cluster.isCluster && cluster.password == "pw" && cluster.endpoints.last == RedisEndpoint(host: "::1", port: 7002))
        #expect(try RedisConfiguration(url: "redis://seed:7000?cluster=true").isCluster)
        for bad in [
            "rediss://host", "http://host", "redis://", "redis://host:99999", "redis://host/x", "redis://a:1,b:2/3", "redis://h?pool=0",
            "redis://h?x=1",
        ] {
            #expect(throws: RedisError.self) { try RedisConfiguration(url: bad) }
        }
    }
}
