import Logging
import NIOCore
import NIOPosix

extension RedisConfiguration {
    /// A client for this configuration: a `RedisClusterClient` when `isCluster`, else a pooled `RedisClient`.
    public func makeExecutor(
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, logger: Logger = Logger(label: "zapis.redis")
    ) -> any RedisCommandExecutor {
        if isCluster { return RedisClusterClient(configuration: self, eventLoopGroup: eventLoopGroup, logger: logger) }
        return RedisClient(configuration: self, eventLoopGroup: eventLoopGroup, logger: logger)
    }
}

extension RedisConfiguration: CustomStringConvertible {
    /// The configuration as a URL with the password hidden, safe to log.
    public var description: String {
        let credentials = password == nil ? (username.map { "\($0)@" } ?? "") : "\(username ?? ""):***@"
        let hosts = endpoints.map(\.description).joined(separator: ",")
        return "redis://\(credentials)\(hosts)/\(database)?protocol=\(protocolVersion.rawValue)&cluster=\(isCluster)&pool=\(poolSize)"
    }
}
