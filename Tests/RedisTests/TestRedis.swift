import BookingCore
import Foundation
import Redis

/// Where the tests find Redis: `ZAPIS_TEST_REDIS_URL` / `ZAPIS_TEST_REDIS_CLUSTER` (set by scripts/test), else
/// servers this test process starts itself. Under CI a missing variable is a failure, never a skip.
enum TestRedis {
    static let environment = ProcessInfo.processInfo.environment
    static let isCI = environment["CI"] == "true"
    static let configuredURL = environment["ZAPIS_TEST_REDIS_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let configuredCluster = environment["ZAPIS_TEST_REDIS_CLUSTER"].flatMap { $0.isEmpty ? nil : $0 }

    /// True when the single-server tests can run (under CI always: they then fail if Redis is missing).
    static let isAvailable = isCI || configuredURL != nil || RedisServerProcess.binary != nil
    /// True when tests that start their own servers (AUTH, restart) can run.
    static let canStartServers = isCI || RedisServerProcess.binary != nil
    /// True when the cluster tests can run.
    static let clusterAvailable = isCI || configuredCluster != nil || (RedisServerProcess.binary != nil && RedisServerProcess.cli != nil)

    /// The URL of the shared test server.
    static func url() async throws -> String {
        if let configuredURL { return configuredURL }
        if isCI { throw RedisServerProcess.Failure(description: "CI=true but ZAPIS_TEST_REDIS_URL is not set") }
        return try await sharedServer.value.url
    }

    /// Seed nodes of the shared test cluster, comma-separated `host:port`.
    static func clusterSeeds() async throws -> String {
        if let configuredCluster { return configuredCluster }
        if isCI { throw RedisServerProcess.Failure(description: "CI=true but ZAPIS_TEST_REDIS_CLUSTER is not set") }
        return try await sharedCluster.value.seeds
    }

    private static let sharedServer = Task { try await RedisServerProcess.start() }
    private static let sharedCluster = Task { try await TestCluster.start() }

    /// A configuration for the shared server with test-friendly timeouts.
    static func configuration(_ change: (inout RedisConfiguration) -> Void = { _ in }) async throws -> RedisConfiguration {
        var configuration = try RedisConfiguration(url: try await url())
        configuration.commandTimeout = .seconds(10)
        configuration.connectTimeout = .seconds(10)
        change(&configuration)
        return configuration
    }

    /// A pooled client for the shared server.
    static func client(_ change: (inout RedisConfiguration) -> Void = { _ in }) async throws -> RedisClient {
        RedisClient(configuration: try await configuration(change))
    }

    /// A cluster client for the shared cluster.
    static func clusterClient() async throws -> RedisClusterClient {
        var configuration = try RedisConfiguration(url: "redis://\(try await clusterSeeds())?cluster=true")
        configuration.commandTimeout = .seconds(10)
        configuration.connectTimeout = .seconds(10)
        return RedisClusterClient(configuration: configuration)
    }

    /// A tenant id no other test uses, so tests share one server without seeing each other's keys.
    static func uniqueTenant() -> TenantID {
        let letters = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return TenantID("t_" + String((0..<12).map { _ in letters.randomElement()! }))!
    }

    /// A key no other test uses.
    static func uniqueKey(_ label: String = "k") -> String { "test:\(label):\(UUID().uuidString)" }
}

extension RedisCommandExecutor {
    /// Every key matching `pattern` on this node, by SCAN.
    func scan(_ pattern: String) async throws -> Set<String> {
        var cursor = "0"
        var keys: Set<String> = []
        repeat {
            let reply = try await send(RedisCommand("SCAN", [RedisArgument(cursor), "MATCH", RedisArgument(pattern), "COUNT", "1000"]))
            guard let parts = reply.array, parts.count == 2, let next = parts[0].string, let batch = parts[1].array else {
                throw RedisError.unexpectedReply("\(reply)")
            }
            cursor = next
            keys.formUnion(batch.compactMap(\.string))
        } while cursor != "0"
        return keys
    }
}
