import Logging
import NIOCore
import NIOPosix
import Synchronization

/// One connection to a Redis server. Many commands may be in flight at once (pipelining); replies are matched
/// to commands in order. AUTH, SELECT (or HELLO 3) and CLIENT SETNAME run on connect.
public final class RedisConnection: Sendable {
    /// Where the connection goes.
    public let endpoint: RedisEndpoint
    private let channel: any Channel
    private let commandTimeout: Duration
    private let inFlightCount = Atomic<Int>(0)

    private init(channel: any Channel, endpoint: RedisEndpoint, commandTimeout: Duration) {
        self.channel = channel
        self.endpoint = endpoint
        self.commandTimeout = commandTimeout
    }

    /// Connects to `endpoint` and runs the handshake the configuration asks for (HELLO 3 or AUTH, SELECT, SETNAME).
    /// `onPush` receives RESP3 push frames; without it they are dropped.
    public static func connect(
        to endpoint: RedisEndpoint, configuration: RedisConfiguration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "zapis.redis"), onPush: (@Sendable (RESPValue) -> Void)? = nil
    ) async throws(RedisError) -> RedisConnection {
        var logger = logger
        logger[metadataKey: "redis"] = "\(endpoint)"
        let handlerLogger = logger
        let bootstrap = ClientBootstrap(group: eventLoopGroup)
            .connectTimeout(TimeAmount(configuration.connectTimeout))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(RedisChannelHandler(logger: handlerLogger, onPush: onPush))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: endpoint.host, port: endpoint.port).get()
        } catch {
            throw .connectionUnavailable("\(endpoint): \(error)")
        }
        let connection = RedisConnection(channel: channel, endpoint: endpoint, commandTimeout: configuration.commandTimeout)
        let handshake = Self.handshake(configuration)
        guard !handshake.isEmpty else { return connection }
        for result in await connection.pipeline(handshake, timeout: configuration.connectTimeout) {
            if case .failure(let error) = result {
                await connection.close()
                logger.warning("Redis handshake failed", metadata: ["error": "\(error)"])
                throw error == .timeout || error == .connectionClosed ? .connectionUnavailable("\(endpoint): handshake \(error)") : error
            }
        }
        return connection
    }

    private static func handshake(_ configuration: RedisConfiguration) -> [RedisCommand] {
        var commands: [RedisCommand] = []
        switch configuration.protocolVersion {
        case .resp3:
            var hello: [RedisArgument] = ["3"]
            if let password = configuration.password {
                hello += ["AUTH", RedisArgument(configuration.username ?? "default"), RedisArgument(password)]
            }
            if let name = configuration.clientName { hello += ["SETNAME", RedisArgument(name)] }
            commands.append(RedisCommand("HELLO", hello))
        case .resp2:
            if let password = configuration.password {
                let user = configuration.username.map { [RedisArgument($0)] } ?? []
                commands.append(RedisCommand("AUTH", user + [RedisArgument(password)]))
            }
            if let name = configuration.clientName { commands.append(RedisCommand("CLIENT", ["SETNAME", RedisArgument(name)])) }
        }
        if configuration.database != 0 { commands.append(RedisCommand("SELECT", [RedisArgument(configuration.database)])) }
        return commands
    }

    /// Sends one command; an error reply is thrown as `RedisError.server`.
    public func send(_ command: RedisCommand, timeout: Duration? = nil) async throws(RedisError) -> RESPValue {
        let reply = try await pipeline([command], timeout: timeout)[0].get()
        return reply
    }

    /// Sends commands in one write and returns each reply or error in order. Error replies become `.failure(.server)`.
    public func pipeline(_ commands: [RedisCommand], timeout: Duration? = nil) async -> [Result<RESPValue, RedisError>] {
        guard !commands.isEmpty else { return [] }
        let eventLoop = channel.eventLoop
        let promises = commands.map { _ in eventLoop.makePromise(of: RESPValue.self) }
        inFlightCount.add(commands.count, ordering: .relaxed)
        defer { inFlightCount.subtract(commands.count, ordering: .relaxed) }
        let request = RedisRequest(commands: commands, promises: promises, timeout: TimeAmount(timeout ?? commandTimeout))
        channel.writeAndFlush(request).whenFailure { _ in
            // Only reached when the handler never saw the request (channel already closed): nothing was sent.
            for promise in promises { promise.fail(RedisError.connectionUnavailable("connection is closed")) }
        }
        let results = try? await EventLoopFuture.whenAllComplete(promises.map(\.futureResult), on: eventLoop).get()
        return (results ?? []).map { result in
            switch result {
            case .success(.error(let error)): .failure(.server(error))
            case .success(let value): .success(value)
            case .failure(let error as RedisError): .failure(error)
            case .failure: .failure(.connectionClosed)
            }
        }
    }

    /// Commands sent and not answered yet.
    public var inFlight: Int { inFlightCount.load(ordering: .relaxed) }

    /// True while the TCP connection is open.
    public var isActive: Bool { channel.isActive }

    /// Closes the connection; in-flight commands fail with `RedisError.connectionClosed`.
    public func close() async {
        try? await channel.close()
    }

    /// Returns once the connection has closed, for whatever reason.
    public func waitUntilClosed() async {
        try? await channel.closeFuture.get()
    }

    /// Calls `body` on the event loop once the connection has closed.
    func onClose(_ body: @escaping @Sendable () -> Void) {
        channel.closeFuture.whenComplete { _ in body() }
    }
}
