/// A Lua script run with EVALSHA; its SHA-1 is computed once, locally.
public struct RedisScript: Sendable, Hashable {
    /// The Lua source.
    public let source: String
    /// The SHA-1 of the source in hex, as SCRIPT LOAD would return it.
    public let sha1: String

    /// Wraps a Lua source.
    public init(_ source: String) {
        self.source = source
        self.sha1 = SHA1.hexDigest(Array(source.utf8))
    }
}
