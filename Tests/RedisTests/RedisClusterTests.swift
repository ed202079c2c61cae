import BookingCore
import Foundation
import Redis
import StorageRedis
import Testing

@testable import Redis

@Suite("Redis Cluster", .timeLimit(.minutes(2)))
struct RedisClusterTests {
    @Test func slotsFollowTheSpecification() {
        #expect(ClusterSlot.of("123456789") == 0x31C3 % 16_384)
        #expect(ClusterSlot.of("{user1000}.following") == ClusterSlot.of("{user1000}.followers"))
        #expect(ClusterSlot.hashed(Array("foo{}{bar}".utf8)) == Array("foo{}{bar}".utf8)[...])
        #expect(ClusterSlot.hashed(Array("foo{{bar}}zap".utf8)) == Array("{bar".utf8)[...])
        #expect(ClusterSlot.hashed(Array("foo{bar}{zap}".utf8)) == Array("bar".utf8)[...])
        #expect(ClusterSlot.hashed(Array("{user1000".utf8)) == Array("{user1000".utf8)[...])
        let keyspace = RedisKeyspace(cluster: true)
        let tenant = TenantID("client_001")!
        #expect(
            ClusterSlot.of(keyspace.dedupe(1, tenant: tenant))
                == ClusterSlot.of(keyspace.rateLimit(.callback, user: UserID(2), tenant: tenant)))
    }

    @Test(.enabled(if: TestRedis.clusterAvailable))
    func slotsAgreeWithTheServer() async throws {
        let cluster = try await TestRedis.clusterClient()
        let node = try #require(try await cluster.masters().first)
        for key in ["123456789", "{client_001}:fsm:state:1:2", "client_001:dedupe:9", "foo{}{bar}", "foo{{bar}}zap", "a{b}c", "ключ", ""] {
            #expect(
                try await node.send(RedisCommand("CLUSTER", ["KEYSLOT", RedisArgument(key)])).int == Int64(ClusterSlot.of(key)), "\(key)")
        }
        await cluster.shutdown()
    }

    @Test(.enabled(if: TestRedis.clusterAvailable))
    func scriptsAndTransactionsOnOneHashTag() async throws {
        let cluster = try await TestRedis.clusterClient()
        let tag = "{\(TestRedis.uniqueTenant().rawValue)}"
        let results = try await cluster.transaction([RedisCommand("INCR", key: "\(tag):a"), RedisCommand("INCR", key: "\(tag):b")])
        #expect(try results.map { try $0.get() } == [.integer(1), .integer(1)])
        let sum = try await cluster.evaluate(
            RedisScript("return redis.call('GET', KEYS[1]) + redis.call('GET', KEYS[2])"), keys: ["\(tag):a", "\(tag):b"])
        #expect(sum == .integer(2))
        await #expect(throws: RedisError.crossSlot) {
            try await cluster.pipeline([.get("{a}x"), .get("{b}x")])
        }
        _ = try await cluster.send(.del(["\(tag):a", "\(tag):b"]))
        await cluster.shutdown()
    }

    @Test(.enabled(if: TestRedis.clusterAvailable))
    func followsAskDuringAMigrationAndMovedAfterIt() async throws {
        let cluster = try await TestRedis.clusterClient()
        let key = "{\(TestRedis.uniqueTenant().rawValue)}:moving"
        let slot = ClusterSlot.of(key)
        let nodes = try await ClusterNodes.read(cluster)
        let source = try #require(nodes.owner(of: slot))
        let target = try #require(nodes.all.first { $0.id != source.id })
        #expect(try await cluster.send(.get(key)) == .null)
        let before = cluster.redirectsFollowed

        try await nodes.migrate(slot, from: source, to: target)
        #expect(try await cluster.send(.set(key, [42])) == .simpleString("OK"))
        #expect(try await cluster.send(.get(key)) == .bulkString([42]))
        #expect(cluster.redirectsFollowed >= before + 2)
        try await nodes.assign(slot, to: target)

        let afterAsk = cluster.redirectsFollowed
        #expect(try await cluster.send(.get(key)) == .bulkString([42]))
        #expect(cluster.redirectsFollowed == afterAsk + 1)
        #expect(try await cluster.send(.get(key)) == .bulkString([42]))
        #expect(cluster.redirectsFollowed == afterAsk + 1)

        _ = try await cluster.send(.del([key]))
        try await nodes.migrate(slot, from: target, to: source)
        try await nodes.assign(slot, to: source)
        await cluster.shutdown()
    }
}

/// The masters of the test cluster with their ids, and the slot-moving steps of a resharding.
struct ClusterNodes {
    struct Node {
        var id: String
        var client: RedisClient
        var slots: [ClosedRange<Int>]
    }

    var all: [Node]

    static func read(_ cluster: RedisClusterClient) async throws -> ClusterNodes {
        var nodes: [Node] = []
        for client in try await cluster.masters() {
            let id = try #require(try await client.send(RedisCommand("CLUSTER", ["MYID"])).string)
            nodes.append(Node(id: id, client: client, slots: []))
        }
        let slots = try await nodes[0].client.send(RedisCommand("CLUSTER", ["SLOTS"]))
        for range in slots.array ?? [] {
            guard let fields = range.array, let start = fields[0].int, let end = fields[1].int, let owner = fields[2].array?[2].string,
                let index = nodes.firstIndex(where: { $0.id == owner })
            else { continue }
            nodes[index].slots.append(Int(start)...Int(end))
        }
        return ClusterNodes(all: nodes)
    }

    func owner(of slot: Int) -> Node? { all.first { $0.slots.contains { $0.contains(slot) } } }

    /// Marks the slot migrating on `source` and importing on `target` (an empty slot needs no MIGRATE).
    func migrate(_ slot: Int, from source: Node, to target: Node) async throws {
        _ = try await target.client.send(RedisCommand("CLUSTER", ["SETSLOT", RedisArgument(slot), "IMPORTING", RedisArgument(source.id)]))
        _ = try await source.client.send(RedisCommand("CLUSTER", ["SETSLOT", RedisArgument(slot), "MIGRATING", RedisArgument(target.id)]))
    }

    /// Ends a migration: every master learns the new owner (the owner first, as the resharding procedure says).
    func assign(_ slot: Int, to owner: Node) async throws {
        for node in [owner] + all.filter({ $0.id != owner.id }) {
            _ = try await node.client.send(RedisCommand("CLUSTER", ["SETSLOT", RedisArgument(slot), "NODE", RedisArgument(owner.id)]))
        }
    }
}
