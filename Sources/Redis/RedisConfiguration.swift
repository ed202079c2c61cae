/// How to reach Redis and how the client behaves.
public struct RedisConfiguration: Sendable, Hashable {
    /// The reply protocol a connection negotiates.
    public enum ProtocolVersion: Int, Sendable, Hashable {
        /// RESP2 (every Redis); AUTH and SELECT on connect.
        case resp2 = 2
        /// RESP3 via `HELLO 3` (Redis 6+); maps, sets, doubles, booleans and push frames.
        case resp3 = 3
    }

    /// The server, or for a cluster the seed nodes the slot map is first read from.
    public var endpoints: [RedisEndpoint]
    /// ACL user name; nil for the default user.
    public var username: String?
    /// Password sent with AUTH (or HELLO); nil for none.
    public var password: String?
    /// Database selected on connect (standalone only).
    public var database: Int
    /// Reply protocol.
    public var protocolVersion: ProtocolVersion
    /// True for Redis Cluster: commands are routed by key slot and MOVED/ASK are followed.
    public var isCluster: Bool
    /// Connections per server.
    public var poolSize: Int
    /// How long a TCP connect plus handshake may take.
    public var connectTimeout: Duration
    /// How long a command may wait for its reply.
    public var commandTimeout: Duration
    /// Delays between failed reconnect attempts.
    public var reconnectBackoff: RedisBackoff
    /// Name given with CLIENT SETNAME, shown by CLIENT LIST; nil for none.
    public var clientName: String?

    /// Creates a configuration.
    public init(
        endpoints: [RedisEndpoint], username: String? = nil, password: String? = nil, database: Int = 0,
        protocolVersion: ProtocolVersion = .resp2, isCluster: Bool = false, poolSize: Int = 4,
        connectTimeout: Duration = .seconds(1), commandTimeout: Duration = .seconds(1),
        reconnectBackoff: RedisBackoff = RedisBackoff(), clientName: String? = nil
    ) {
        self.endpoints = endpoints
        self.username = username
        self.password = password
        self.database = database
        self.protocolVersion = protocolVersion
        self.isCluster = isCluster
        self.poolSize = max(1, poolSize)
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
        self.reconnectBackoff = reconnectBackoff
        self.clientName = clientName
    }

    /// Parses `redis://[[user]:password@]host[:port][,host:port…][/db][?option=value&…]`.
    ///
    /// Several hosts, or `cluster=true`, select Redis Cluster. Options: `protocol=2|3`, `cluster=true|false`,
    /// `pool=N`, `timeout_ms=N` (command timeout), `connect_timeout_ms=N`, `name=client-name`.
    /// `rediss://` (TLS) is refused: this client has no TLS.
    public init(url: String) throws(RedisError) {
        guard url.hasPrefix("redis://") else { throw .invalidConfiguration("URL must start with redis:// (TLS is not supported)") }
        var rest = Substring(url.dropFirst("redis://".count))
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        var username: String?
        var password: String?
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                let user = try Self.percentDecoded(userInfo[..<colon])
                username = user.isEmpty ? nil : user
                password = try Self.percentDecoded(userInfo[userInfo.index(after: colon)...])
            } else {
                username = try Self.percentDecoded(userInfo)
            }
        }
        var endpoints: [RedisEndpoint] = []
        for host in rest.split(separator: ",") {
            guard let endpoint = RedisEndpoint(parsing: host) else { throw .invalidConfiguration("bad host \(host)") }
            endpoints.append(endpoint)
        }
        guard !endpoints.isEmpty else { throw .invalidConfiguration("no host in URL") }
        guard let database = path.isEmpty ? 0 : Int(path), database >= 0 else { throw .invalidConfiguration("bad database \(path)") }
        self.init(endpoints: endpoints, username: username, password: password, database: database, isCluster: endpoints.count > 1)
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            try apply(option: String(parts[0]), value: try Self.percentDecoded(parts.count > 1 ? parts[1] : ""))
        }
        if isCluster, database != 0 { throw .invalidConfiguration("Redis Cluster has only database 0") }
    }

    private mutating func apply(option: String, value: String) throws(RedisError) {
        func number() throws(RedisError) -> Int {
            guard let number = Int(value), number > 0 else { throw .invalidConfiguration("\(option) must be a positive number") }
            return number
        }
        switch option {
        case "protocol":
            guard let version = Int(value).flatMap(ProtocolVersion.init(rawValue:)) else {
                throw .invalidConfiguration("protocol must be 2 or 3")
            }
            protocolVersion = version
        case "cluster":
            guard let flag = ["true": true, "yes": true, "1": true, "false": false, "no": false, "0": false][value] else {
                throw .invalidConfiguration("cluster must be true or false")
            }
            isCluster = flag
        case "pool": poolSize = try number()
        case "timeout_ms": commandTimeout = .milliseconds(try number())
        case "connect_timeout_ms": connectTimeout = .milliseconds(try number())
        case "name": clientName = value
        default: throw .invalidConfiguration("unknown option \(option)")
        }
    }

    private static func percentDecoded(_ text: Substring) throws(RedisError) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            else { throw .invalidConfiguration("bad percent escape in URL") }
            bytes.append(value)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
