import Logging
import NIOCore
import NIOPosix
import Synchronization

/// A Redis Cluster client: reads the slot map with CLUSTER SLOTS, sends each command to the master of its key's
/// slot through a small pool per node, follows MOVED (updating the map) and ASK redirects, and re-reads the map after
/// a MOVED or a node failure. Enough for single-key commands, and scripts or transactions whose keys share a hash tag.
public final class RedisClusterClient: RedisCommandExecutor {
    private struct State {
        var map = ClusterSlotMap()
        var clients: [RedisEndpoint: RedisClient] = [:]
        var needsRefresh = true
        var isShutDown = false
    }

    /// The configuration; its endpoints are the seed nodes.
    public let configuration: RedisConfiguration
    /// Redirects followed per command before giving up.
    public var maximumRedirects: Int { 5 }
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger
    private let state = Mutex(State())
    private let redirects = Atomic<Int>(0)

    /// Creates a client; the slot map is read on first use.
    public init(
        configuration: RedisConfiguration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "zapis.redis.cluster")
    ) {
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
    }

    /// Redirects (MOVED, ASK, TRYAGAIN) followed so far.
    public var redirectsFollowed: Int { redirects.load(ordering: .relaxed) }

    /// Sends one command to the master of its key's slot, following redirects.
    public func send(_ command: RedisCommand) async throws(RedisError) -> RESPValue {
        try await pipeline([command])[0].get()
    }

    /// Sends commands of one slot in one write to its master, following redirects; `RedisError.crossSlot` otherwise.
    public func pipeline(_ commands: [RedisCommand]) async throws(RedisError) -> [Result<RESPValue, RedisError>] {
        let keyed = commands.compactMap(\.routingKey).map(ClusterSlot.of)
        guard keyed.allSatisfy({ $0 == keyed.first }) else { throw .crossSlot }
        let slot = keyed.first
        try await refreshIfNeeded()
        var target = state.withLock { state in slot.flatMap { state.map.owner(of: $0) } ?? state.map.nodes.first }
        var asking = false
        for _ in 0...maximumRedirects {
            guard let endpoint = target else { throw .connectionUnavailable("no cluster node serves slot \(slot ?? -1)") }
            let results: [Result<RESPValue, RedisError>]
            do {
                results = try await run(commands, on: endpoint, asking: asking)
            } catch {
                state.withLock { $0.needsRefresh = true }
                throw error
            }
            let redirect = results.lazy.compactMap { result -> ClusterRedirect? in
                guard case .failure(let error) = result else { return nil }
                return ClusterRedirect(error, current: endpoint)
            }.first
            guard let redirect else { return results }
            redirects.add(1, ordering: .relaxed)
            switch redirect {
            case .moved(let movedSlot, let to):
                logger.debug("Redis Cluster MOVED", metadata: ["slot": "\(movedSlot)", "to": "\(to)"])
                state.withLock { state in
                    state.map.assign(movedSlot, to: to)
                    state.needsRefresh = true
                }
                target = to
                asking = false
            case .ask(_, let to):
                target = to
                asking = true
            case .tryAgain:
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
        throw .tooManyRedirects
    }

    /// Sends the batch to one node; with `asking`, ASKING precedes each command (once before MULTI for a transaction).
    private func run(_ commands: [RedisCommand], on endpoint: RedisEndpoint, asking: Bool) async throws(RedisError)
        -> [Result<RESPValue, RedisError>]
    {
        let node = try client(for: endpoint)
        guard asking else { return try await node.pipeline(commands) }
        let asking = RedisCommand("ASKING")
        if commands.first?.name == "MULTI" {
            return Array(try await node.pipeline([asking] + commands).dropFirst())
        }
        let results = try await node.pipeline(commands.flatMap { [asking, $0] })
        return stride(from: 1, to: results.count, by: 2).map { results[$0] }
    }

    /// The pooled client of one node, created on first use.
    public func client(for endpoint: RedisEndpoint) throws(RedisError) -> RedisClient {
        try state.withLock { state throws(RedisError) -> RedisClient in
            guard !state.isShutDown else { throw .shutDown }
            if let client = state.clients[endpoint] { return client }
            let client = RedisClient(configuration: configuration, endpoint: endpoint, eventLoopGroup: eventLoopGroup, logger: logger)
            state.clients[endpoint] = client
            return client
        }
    }

    /// Clients of every master in the current slot map (for SCAN, FLUSH or SCRIPT commands that act per node).
    public func masters() async throws(RedisError) -> [RedisClient] {
        try await refreshIfNeeded()
        let nodes = state.withLock { $0.map.nodes }
        var clients: [RedisClient] = []
        for node in nodes { clients.append(try client(for: node)) }
        return clients
    }

    /// Reads the slot map again (from known nodes first, then the seeds) when it is empty or marked stale.
    public func refreshIfNeeded() async throws(RedisError) {
        let (needed, known) = state.withLock { state in
            defer { state.needsRefresh = false }
            return (state.needsRefresh || state.map.isEmpty, state.map.nodes)
        }
        guard needed else { return }
        var lastError = RedisError.connectionUnavailable("no seed nodes")
        for endpoint in known + configuration.endpoints.filter({ !known.contains($0) }) {
            do throws(RedisError) {
                let reply = try await client(for: endpoint).send(RedisCommand("CLUSTER", ["SLOTS"]))
                let map = try ClusterSlotMap(clusterSlots: reply, queried: endpoint)
                guard !map.isEmpty else { throw .unexpectedReply("CLUSTER SLOTS is empty") }
                state.withLock { $0.map = map }
                return
            } catch {
                lastError = error
            }
        }
        state.withLock { $0.needsRefresh = true }
        throw lastError
    }

    /// Closes every node's connections.
    public func shutdown() async {
        let clients = state.withLock { state in
            state.isShutDown = true
            return Array(state.clients.values)
        }
        for client in clients { await client.shutdown() }
    }
}
