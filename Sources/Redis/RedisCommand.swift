import NIOCore

/// A command as sent to the server: its name and arguments, plus the key that routes it in a cluster.
public struct RedisCommand: Sendable, Hashable {
    /// Name and arguments, each sent as a bulk string.
    public var parts: [RedisArgument]
    /// The key whose hash slot decides the cluster node; nil for key-less commands (any node).
    public var routingKey: [UInt8]?

    /// Builds a command; `routingKey` names the key used for cluster routing.
    public init(_ name: String, _ arguments: [RedisArgument] = [], routingKey: [UInt8]? = nil) {
        self.parts = [RedisArgument(name)] + arguments
        self.routingKey = routingKey
    }

    /// Builds a command on one key: `name key arguments…`, routed by that key in a cluster.
    public init(_ name: String, key: String, _ arguments: [RedisArgument] = []) {
        self.init(name, [RedisArgument(key)] + arguments, routingKey: Array(key.utf8))
    }

    /// The command name, upper-cased.
    public var name: String { String(decoding: parts.first?.bytes ?? [], as: UTF8.self).uppercased() }

    /// Appends the command as a RESP array of bulk strings.
    func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(UInt8(ascii: "*"))
        buffer.writeString(String(parts.count))
        buffer.writeInteger(UInt16(0x0D0A))
        for part in parts {
            buffer.writeInteger(UInt8(ascii: "$"))
            buffer.writeString(String(part.bytes.count))
            buffer.writeInteger(UInt16(0x0D0A))
            buffer.writeBytes(part.bytes)
            buffer.writeInteger(UInt16(0x0D0A))
        }
    }
}

extension RedisCommand {
    /// `PING`.
    public static var ping: RedisCommand { RedisCommand("PING") }

    /// `GET key`.
    public static func get(_ key: String) -> RedisCommand { RedisCommand("GET", key: key) }

    /// `SET key value [EX seconds | PX ms] [NX]`.
    public static func set(_ key: String, _ value: [UInt8], expireMilliseconds: Int64? = nil, onlyIfAbsent: Bool = false) -> RedisCommand {
        var arguments: [RedisArgument] = [.bytes(value)]
        if let expireMilliseconds { arguments += ["PX", RedisArgument(expireMilliseconds)] }
        if onlyIfAbsent { arguments.append("NX") }
        return RedisCommand("SET", key: key, arguments)
    }

    /// `DEL key…`; in a cluster every key must share one slot.
    public static func del(_ keys: [String]) -> RedisCommand {
        RedisCommand("DEL", keys.map { RedisArgument($0) }, routingKey: keys.first.map { Array($0.utf8) })
    }

    /// `PTTL key`.
    public static func pttl(_ key: String) -> RedisCommand { RedisCommand("PTTL", key: key) }
}
