/// One argument of a command, as the bytes sent in its bulk string.
public struct RedisArgument: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    /// The bytes sent.
    public var bytes: [UInt8]

    /// Raw bytes.
    public init(bytes: [UInt8]) { self.bytes = bytes }
    /// UTF-8 text.
    public init(_ text: String) { self.bytes = Array(text.utf8) }
    /// A decimal integer.
    public init(_ number: some BinaryInteger) { self.bytes = Array(String(number).utf8) }
    /// A string literal.
    public init(stringLiteral value: String) { self.init(value) }
    /// An integer literal.
    public init(integerLiteral value: Int) { self.init(value) }

    /// Raw bytes.
    public static func bytes(_ bytes: [UInt8]) -> RedisArgument { RedisArgument(bytes: bytes) }
}
