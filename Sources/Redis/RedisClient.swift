import Logging
import NIOCore
import NIOPosix
import Synchronization

/// A small pool of connections to one Redis server: least-busy choice, lazy growth up to `poolSize`, reconnect
/// after a dropped connection, exponential backoff while connects fail (calls then fail fast with
/// `RedisError.connectionUnavailable`, so callers can fall back at once).
public final class RedisClient: RedisCommandExecutor {
    /// The configuration the client was made with.
    public let configuration: RedisConfiguration
    /// The server.
    public let endpoint: RedisEndpoint
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger
    private let onPush: (@Sendable (RESPValue) -> Void)?
    private let state: Mutex<RedisPoolState>
    private let opened = Atomic<Int>(0)

    /// Creates a client for `endpoint` (default: the configuration's first endpoint). Connects lazily.
    public init(
        configuration: RedisConfiguration, endpoint: RedisEndpoint? = nil,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, logger: Logger = Logger(label: "zapis.redis"),
        onPush: (@Sendable (RESPValue) -> Void)? = nil
    ) {
        self.configuration = configuration
        self.endpoint = endpoint ?? configuration.endpoints.first ?? RedisEndpoint(host: "127.0.0.1")
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
        self.onPush = onPush
        self.state = Mutex(RedisPoolState(size: configuration.poolSize))
    }

    /// Creates a client from a `redis://` URL (see `RedisConfiguration.init(url:)`).
    public convenience init(url: String, logger: Logger = Logger(label: "zapis.redis")) throws(RedisError) {
        self.init(configuration: try RedisConfiguration(url: url), logger: logger)
    }

    /// Connections opened so far, reconnects included.
    public var connectionsOpened: Int { opened.load(ordering: .relaxed) }

    /// Sends one command on the least busy connection; an error reply is thrown as `RedisError.server`.
    public func send(_ command: RedisCommand) async throws(RedisError) -> RESPValue {
        try await pipeline([command], timeout: nil)[0].get()
    }

    /// Sends one command with its own timeout instead of the configured one.
    public func send(_ command: RedisCommand, timeout: Duration?) async throws(RedisError) -> RESPValue {
        try await pipeline([command], timeout: timeout)[0].get()
    }

    /// Sends commands in one write on one connection and returns each reply or error in order.
    public func pipeline(_ commands: [RedisCommand]) async throws(RedisError) -> [Result<RESPValue, RedisError>] {
        try await pipeline(commands, timeout: nil)
    }

    /// Sends commands in one write with their own timeout (nil: the configured one).
    public func pipeline(_ commands: [RedisCommand], timeout: Duration?) async throws(RedisError) -> [Result<RESPValue, RedisError>] {
        var results = try await lease().pipeline(commands, timeout: timeout)
        // The connection closed before the request was written: nothing ran, so one retry on a fresh connection is safe.
        if results.allSatisfy(Self.wasNotSent) {
            results = try await lease().pipeline(commands, timeout: timeout)
        }
        return results
    }

    /// A connection of the pool, opened when needed.
    public func lease() async throws(RedisError) -> RedisConnection {
        let lease = state.withLock { state in
            state.lease(now: .now) { eventLoopGroup.any().makePromise(of: RedisConnection.self) }
        }
        switch lease {
        case .use(let connection):
            return connection
        case .fail(let error):
            throw error
        case .wait(let future):
            do {
                return try await future.get()
            } catch let error as RedisError {
                throw error
            } catch {
                throw .connectionUnavailable("\(error)")
            }
        case .connect(let slot, let promise):
            do throws(RedisError) {
                let connection = try await RedisConnection.connect(
                    to: endpoint, configuration: configuration, eventLoopGroup: eventLoopGroup, logger: logger, onPush: onPush)
                let isShutDown = state.withLock { state in
                    if !state.isShutDown { state.connected(connection, slot: slot) }
                    return state.isShutDown
                }
                if isShutDown {
                    await connection.close()
                    promise.fail(RedisError.shutDown)
                    throw .shutDown
                }
                opened.add(1, ordering: .relaxed)
                connection.onClose { [self] in
                    state.withLock { $0.closed(connection, slot: slot) }
                    logger.info("Redis connection closed; the next command reconnects", metadata: ["redis": "\(endpoint)"])
                }
                promise.succeed(connection)
                return connection
            } catch {
                let delay = state.withLock { state in
                    state.connectFailed(slot: slot, now: .now, backoff: configuration.reconnectBackoff)
                    return configuration.reconnectBackoff.delay(afterFailures: state.consecutiveFailures)
                }
                logger.warning("Redis connect failed", metadata: ["redis": "\(endpoint)", "error": "\(error)", "retry_in": "\(delay)"])
                promise.fail(error)
                throw error
            }
        }
    }

    /// Closes every connection; later calls fail with `RedisError.shutDown`.
    public func shutdown() async {
        let open = state.withLock { $0.shutDown() }
        for connection in open { await connection.close() }
    }

    private static func wasNotSent(_ result: Result<RESPValue, RedisError>) -> Bool {
        if case .failure(let error) = result { return error.commandWasNotSent }
        return false
    }
}
