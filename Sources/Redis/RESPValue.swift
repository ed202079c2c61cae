/// One reply of a Redis server, RESP2 or RESP3.
///
/// RESP2's nil bulk string (`$-1`) and nil array (`*-1`) and RESP3's null (`_`) are all `.null`.
public enum RESPValue: Sendable, Hashable {
    /// A simple string (`+OK`).
    case simpleString(String)
    /// An error reply (`-ERR …`, or a RESP3 blob error `!`).
    case error(RedisServerError)
    /// An integer (`:42`).
    case integer(Int64)
    /// A binary-safe bulk string (`$3\r\nabc`).
    case bulkString([UInt8])
    /// A nil bulk string or array (RESP2) or a null (RESP3).
    case null
    /// An array; may nest.
    indirect case array([RESPValue])
    /// A RESP3 map, in the order the server sent it.
    indirect case map([RESPMapEntry])
    /// A RESP3 set, in the order the server sent it.
    indirect case set([RESPValue])
    /// A RESP3 double (`,3.14`, `,inf`, `,nan`).
    case double(Double)
    /// A RESP3 boolean (`#t`).
    case boolean(Bool)
    /// A RESP3 big number, as its decimal digits.
    case bigNumber(String)
    /// A RESP3 verbatim string with its three-letter format (`txt`, `mkd`).
    case verbatimString(format: String, text: String)
    /// A RESP3 push frame (out-of-band data such as invalidation messages).
    indirect case push([RESPValue])
}

/// One key/value pair of a RESP3 map.
public struct RESPMapEntry: Sendable, Hashable {
    /// The key.
    public var key: RESPValue
    /// The value.
    public var value: RESPValue

    /// Creates an entry.
    public init(key: RESPValue, value: RESPValue) {
        self.key = key
        self.value = value
    }
}

extension RESPValue {
    /// The text of a simple, bulk or verbatim string (bulk bytes decoded as UTF-8), else nil.
    public var string: String? {
        switch self {
        case .simpleString(let text): text
        case .bulkString(let bytes): String(decoding: bytes, as: UTF8.self)
        case .verbatimString(_, let text): text
        case .bigNumber(let digits): digits
        default: nil
        }
    }

    /// The bytes of a bulk or simple string, else nil.
    public var bytes: [UInt8]? {
        switch self {
        case .bulkString(let bytes): bytes
        case .simpleString(let text): Array(text.utf8)
        case .verbatimString(_, let text): Array(text.utf8)
        default: nil
        }
    }

    /// The number of an integer, or of a string holding a decimal integer, else nil.
    public var int: Int64? {
        switch self {
        case .integer(let value): value
        case .boolean(let value): value ? 1 : 0
        case .simpleString, .bulkString: string.flatMap { Int64($0) }
        default: nil
        }
    }

    /// The elements of an array, set or push frame, else nil.
    public var array: [RESPValue]? {
        switch self {
        case .array(let values), .set(let values), .push(let values): values
        default: nil
        }
    }

    /// The entries of a RESP3 map, or of a RESP2 array of alternating keys and values, else nil.
    public var mapEntries: [RESPMapEntry]? {
        switch self {
        case .map(let entries): return entries
        case .array(let values) where values.count.isMultiple(of: 2):
            return stride(from: 0, to: values.count, by: 2).map { RESPMapEntry(key: values[$0], value: values[$0 + 1]) }
        default: return nil
        }
    }

    /// True for `.null`.
    public var isNull: Bool { self == .null }

    /// The server error carried by an error reply, else nil.
    public var serverError: RedisServerError? {
        if case .error(let error) = self { return error }
        return nil
    }
}
