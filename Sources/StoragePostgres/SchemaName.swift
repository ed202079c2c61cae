import BookingCore

/// A PostgreSQL schema the store writes to: the platform's `zapis`, or a tenant's, named by its validated id.
/// Only these two sources exist, so a name is always `[a-z][a-z0-9_]*` and safe inside double quotes.
struct SchemaName: Hashable, Sendable, CustomStringConvertible {
    /// The bare name.
    let rawValue: String
    /// Which migrations it carries.
    let kind: Kind

    /// Platform or tenant.
    enum Kind: Sendable {
        case platform, tenant
    }

    private init(rawValue: String, kind: Kind) {
        self.rawValue = rawValue
        self.kind = kind
    }

    /// The platform schema.
    static let platform = SchemaName(rawValue: "zapis", kind: .platform)

    /// A tenant's schema.
    init(_ tenant: TenantID) { self.init(rawValue: tenant.rawValue, kind: .tenant) }

    /// The double-quoted identifier to splice into SQL text.
    var quoted: String { "\"" + rawValue + "\"" }

    var description: String { rawValue }
}

extension TenantID {
    /// The tenant's schema, quoted, for SQL text.
    var schema: String { SchemaName(self).quoted }
}
