/// An error reply of the server: `-NOSCRIPT No matching script`, `-MOVED 3999 127.0.0.1:6381`, ….
public struct RedisServerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The whole message as the server sent it.
    public var message: String

    /// Wraps a message.
    public init(_ message: String) { self.message = message }

    /// The error code: the first word of the message when it is upper case (`ERR`, `WRONGTYPE`, `MOVED`), else `ERR`.
    public var code: String {
        let first = message.prefix { $0 != " " }
        return !first.isEmpty && first.allSatisfy({ $0.isUppercase || $0.isNumber || $0 == "_" }) ? String(first) : "ERR"
    }

    /// The server's message.
    public var description: String { message }
}

/// Why a Redis call failed.
public enum RedisError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The server answered with an error reply.
    case server(RedisServerError)
    /// No reply came within the command timeout; the connection was closed (the command may have run).
    case timeout
    /// The connection closed while the command was in flight; the command may or may not have run.
    case connectionClosed
    /// No connection could be made (refused, connect timeout, or reconnect backoff in progress); the command did not run.
    case connectionUnavailable(String)
    /// The server sent bytes that are not RESP.
    case protocolError(String)
    /// The reply had an unexpected shape for the command.
    case unexpectedReply(String)
    /// The Redis URL or configuration is not usable.
    case invalidConfiguration(String)
    /// `EXEC` returned nil: the transaction was aborted.
    case transactionAborted
    /// A cluster command was redirected more often than allowed.
    case tooManyRedirects
    /// Commands of one pipeline or transaction hash to different cluster slots.
    case crossSlot
    /// The client was shut down.
    case shutDown

    /// A readable explanation.
    public var description: String {
        switch self {
        case .server(let error): "Redis error: \(error.message)"
        case .timeout: "Redis command timed out"
        case .connectionClosed: "Redis connection closed with the command in flight"
        case .connectionUnavailable(let why): "Redis unavailable: \(why)"
        case .protocolError(let why): "Redis protocol error: \(why)"
        case .unexpectedReply(let what): "unexpected Redis reply: \(what)"
        case .invalidConfiguration(let why): "invalid Redis configuration: \(why)"
        case .transactionAborted: "Redis transaction aborted"
        case .tooManyRedirects: "too many Redis Cluster redirects"
        case .crossSlot: "keys of one Redis pipeline hash to different cluster slots"
        case .shutDown: "Redis client shut down"
        }
    }

    /// True when the command certainly did not reach the server, so sending it again is safe.
    public var commandWasNotSent: Bool {
        if case .connectionUnavailable = self { return true }
        return false
    }
}
