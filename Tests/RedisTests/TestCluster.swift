import Foundation
import Redis

/// A 3-master Redis Cluster on loopback ports, created with `redis-cli --cluster create`.
struct TestCluster: Sendable {
    let nodes: [RedisServerProcess]

    var seeds: String { nodes.map { "127.0.0.1:\($0.port)" }.joined(separator: ",") }

    static func start() async throws -> TestCluster {
        var nodes: [RedisServerProcess] = []
        for _ in 0..<3 {
            let busPort = RedisServerProcess.freePort()
            nodes.append(
                try await RedisServerProcess.start(arguments: [
                    "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-port", "\(busPort)",
                    "--cluster-node-timeout", "5000",
                ]))
        }
        guard let cli = RedisServerProcess.cli else { throw RedisServerProcess.Failure(description: "redis-cli is not installed") }
        let create = Process()
        create.executableURL = URL(fileURLWithPath: cli)
        create.arguments = ["--cluster", "create"] + nodes.map { "127.0.0.1:\($0.port)" } + ["--cluster-replicas", "0", "--cluster-yes"]
        create.standardOutput = FileHandle.nullDevice
        create.standardError = FileHandle.nullDevice
        try create.run()
        create.waitUntilExit()
        guard create.terminationStatus == 0 else { throw RedisServerProcess.Failure(description: "redis-cli --cluster create failed") }
        let cluster = TestCluster(nodes: nodes)
        try await cluster.waitUntilReady()
        return cluster
    }

    /// Polls CLUSTER INFO on every node until all report `cluster_state:ok` and agree on the slots.
    func waitUntilReady(timeout: Duration = .seconds(30)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            var ready = true
            for node in nodes {
                let client = RedisClient(configuration: RedisConfiguration(endpoints: [node.endpoint], poolSize: 1))
                let info = (try? await client.send(RedisCommand("CLUSTER", ["INFO"])))?.string ?? ""
                await client.shutdown()
                if !info.contains("cluster_state:ok") || !info.contains("cluster_slots_ok:16384") { ready = false }
            }
            if ready { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw RedisServerProcess.Failure(description: "the test cluster did not reach cluster_state:ok")
    }
}
