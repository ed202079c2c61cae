/// A tenant's id: `[a-z][a-z0-9_]{2,39}`. Validated on creation, so it is safe as a schema name or key prefix.
public struct TenantID: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The validated id.
    public let rawValue: String

    /// Validates `rawValue`; returns nil when it does not match the pattern or names a reserved schema.
    public init?(_ rawValue: String) {
        guard Self.isValid(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// Names that would collide with platform or PostgreSQL schemas.
    public static let reserved: Set<String> = ["zapis", "public", "information_schema", "pg_catalog", "pg_toast"]

    /// True when `raw` is a well-formed, non-reserved tenant id.
    public static func isValid(_ raw: String) -> Bool {
        let bytes = Array(raw.utf8)
        guard (3...40).contains(bytes.count), let first = bytes.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first)
        else { return false }
        let allowed = bytes.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                || $0 == UInt8(ascii: "_")
        }
        return allowed && !reserved.contains(raw) && !raw.hasPrefix("pg_")
    }

    /// Decodes and validates.
    public init(from decoder: Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let id = TenantID(raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "invalid tenant id"))
        }
        self = id
    }

    /// Encodes the raw string.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
    public static func < (lhs: TenantID, rhs: TenantID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Declares an integer id type with its own name, so ids of different kinds cannot be mixed up.
public protocol Int64Identifier: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The stored number.
    var rawValue: Int64 { get }
    /// Wraps a number.
    init(_ rawValue: Int64)
}

extension Int64Identifier {
    public var description: String { String(rawValue) }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public init(from decoder: Decoder) throws { self.init(try decoder.singleValueContainer().decode(Int64.self)) }
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// A master (staff member) of one tenant.
public struct MasterID: Int64Identifier {
    public let rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
}

/// A service of one tenant.
public struct ServiceID: Int64Identifier {
    public let rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
}

/// A booking of one tenant.
public struct BookingID: Int64Identifier {
    public let rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
}

/// A block of time of one tenant.
public struct BlockID: Int64Identifier {
    public let rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
}

/// A Telegram user id (the customer's or admin's identity).
public struct UserID: Int64Identifier {
    public let rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
}

/// A Telegram chat id (where replies go).
public struct ChatID: Int64Identifier {
    public let rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
}
