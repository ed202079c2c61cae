/// How a column's values look in the portable form (archives, moves), whatever the backend stores.
public enum PortableKind: String, Codable, Sendable {
    /// A whole number (SQLite INTEGER; PostgreSQL smallint, integer, bigint).
    case integer
    /// Text.
    case text
    /// Bytes (SQLite BLOB, PostgreSQL bytea): sealed tokens, outbox payloads, conversation states.
    case blob
    /// 0 or 1 (SQLite INTEGER, PostgreSQL boolean).
    case boolean
    /// An instant as whole microseconds since 1970 (SQLite REAL seconds, PostgreSQL timestamptz, whose precision it is).
    case instant
    /// JSON text in canonical form (`PortableJSON`): SQLite TEXT, PostgreSQL jsonb.
    case json
}

/// One column of a portable table.
public struct PortableColumn: Hashable, Sendable {
    /// Its name, the same on every backend.
    public let name: String
    /// How its values look.
    public let kind: PortableKind

    public init(_ name: String, _ kind: PortableKind) {
        self.name = name
        self.kind = kind
    }
}

/// A table as every backend has it, minus what a backend adds for itself (SQLite's `tenant_id` on tenant tables,
/// PostgreSQL's `catalog_version`, the migration ledgers).
public struct PortableTable: Hashable, Sendable {
    /// Where its rows live.
    public enum Scope: Hashable, Sendable {
        /// A tenant's own rows: its schema on PostgreSQL, rows with `tenant_id` on SQLite; no tenant column here.
        case tenant
        /// A platform table whose `tenantColumn` names the tenant a row belongs to: in tenant archives, filtered.
        case platformOfTenant
        /// The platform's alone (operator tokens and audit): moved, never archived with a tenant.
        case platform
    }

    /// Its name, the same on every backend.
    public let name: String
    /// Where its rows live.
    public let scope: Scope
    /// Its columns in archive order.
    public let columns: [PortableColumn]
    /// The columns of its key, for a stable order.
    public let key: [String]
    /// The column naming the row's tenant (platform tables only).
    public let tenantColumn: String?
    /// An identity column whose values nothing else refers to: a tenant restore lets the target assign them (the
    /// outbox is shared by every tenant, so a restored tenant's row ids may already be taken).
    public let localIdentity: String?
    /// An identity column whose values the target's sequence must pass after rows are written with them.
    public let identity: String?

    /// The index of column `name`.
    public func index(of name: String) -> Int? { columns.firstIndex { $0.name == name } }

    /// The same table with only `columns` (as an older archive wrote it).
    public func with(columns: [PortableColumn]) -> PortableTable {
        PortableTable(
            name: name, scope: scope, columns: columns, key: key, tenantColumn: tenantColumn, localIdentity: localIdentity, identity: identity)
    }
}

/// Every table Zapis keeps, in the order they are written (a referenced row before the rows that refer to it).
public enum PortableSchema {
    /// The archive format's version: raise it when the file's layout changes. Tables and columns are not versioned by
    /// it: every archive lists its own, and one written before a table or column was added is read with no rows or
    /// `absent` values there.
    public static let version = 1

    /// The value of a column missing from an older archive: its database default where the column is NOT NULL,
    /// else NULL.
    public static func absent(_ table: PortableTable, _ column: PortableColumn) -> PortableValue {
        switch (table.name, column.name) {
        case ("tenants", "presentation"): .text("{}")
        case ("tenants", "status_reason"): .text("")
        default: .null
        }
    }

    /// Every table, parents first.
    public static let tables: [PortableTable] =
        Array(platformOfTenant.prefix(1)) + tenantTables + Array(platformOfTenant.dropFirst()) + platform

    /// Tables a migration fills (the default plans): a new database is "empty" with them, and a move replaces their
    /// rows with the source's.
    public static let seededByMigrations: Set<String> = ["plans"]

    /// Tables of one tenant in an archive, parents first.
    public static var tenantArchiveTables: [PortableTable] { tables.filter { $0.scope != .platform } }

    static func table(
        _ name: String, _ scope: PortableTable.Scope, key: [String], tenantColumn: String? = nil, localIdentity: String? = nil,
        identity: String? = nil, _ columns: [(String, PortableKind)]
    ) -> PortableTable {
        PortableTable(
            name: name, scope: scope, columns: columns.map { PortableColumn($0.0, $0.1) }, key: key, tenantColumn: tenantColumn,
            localIdentity: localIdentity, identity: identity ?? localIdentity)
    }

    static let platformOfTenant: [PortableTable] = [
        table(
            "tenants", .platformOfTenant, key: ["id"], tenantColumn: "id",
            [
                ("id", .text), ("name", .text), ("time_zone", .text), ("default_language", .text), ("currency", .text),
                ("address", .text), ("contact", .text), ("status", .text), ("policies", .json), ("encrypted_token", .blob),
                ("bot_id", .integer), ("bot_username", .text), ("owner_user_id", .integer), ("created_at", .instant),
                ("status_reason", .text), ("status_changed_at", .instant), ("presentation", .json),
            ]),
        table(
            "processed_updates", .platformOfTenant, key: ["tenant_id", "update_id"], tenantColumn: "tenant_id",
            [("tenant_id", .text), ("update_id", .integer), ("processed_at", .instant)]),
        table(
            "outbox", .platformOfTenant, key: ["id"], tenantColumn: "tenant_id", localIdentity: "id",
            [
                ("id", .integer), ("tenant_id", .text), ("chat_id", .integer), ("payload", .blob), ("priority", .integer),
                ("due_at", .instant), ("attempts", .integer), ("booking_id", .integer), ("created_at", .instant),
                ("sent_at", .instant), ("failed_at", .instant), ("last_error", .text), ("kind", .integer), ("claimed_by", .text),
                ("lease_until", .instant), ("attempted_at", .instant), ("tag", .text), ("error_code", .integer),
                ("expires_at", .instant),
            ]),
        table(
            "update_attempts", .platformOfTenant, key: ["tenant_id", "update_id"], tenantColumn: "tenant_id",
            [
                ("tenant_id", .text), ("update_id", .integer), ("crashes", .integer), ("culprit", .boolean), ("error", .text),
                ("updated_at", .instant),
            ]),
        table(
            "dead_letters", .platformOfTenant, key: ["tenant_id", "update_id"], tenantColumn: "tenant_id",
            [
                ("tenant_id", .text), ("update_id", .integer), ("body", .blob), ("error", .text), ("attempts", .integer),
                ("created_at", .instant),
            ]),
        table(
            "poll_leases", .platformOfTenant, key: ["tenant_id"], tenantColumn: "tenant_id",
            [("tenant_id", .text), ("owner", .text), ("lease_until", .instant)]),
        table(
            "subscriptions", .platformOfTenant, key: ["tenant_id"], tenantColumn: "tenant_id",
            [("tenant_id", .text), ("plan", .text), ("paid_until", .instant), ("paid", .boolean), ("updated_at", .instant)]),
        // A payment's id is only our side of YooKassa's idempotence key: a restored tenant's payments get new ids.
        table(
            "payments", .platformOfTenant, key: ["id"], tenantColumn: "tenant_id", localIdentity: "id",
            [
                ("id", .integer), ("tenant_id", .text), ("plan", .text), ("amount_minor", .integer), ("currency", .text),
                ("period_days", .integer), ("provider", .text), ("external_id", .text), ("reference", .text), ("status", .text),
                ("created_at", .instant), ("applied_at", .instant),
            ]),
        // A sales-bot order is keyed by the tenant it becomes; its sealed token moves with the tenant's own.
        table(
            "prospects", .platformOfTenant, key: ["tenant_id"], tenantColumn: "tenant_id",
            [
                ("tenant_id", .text), ("buyer_id", .integer), ("language", .text), ("business_name", .text), ("time_zone", .text),
                ("bot_id", .integer), ("bot_username", .text), ("encrypted_token", .blob), ("plan", .text), ("status", .text),
                ("attempts", .integer), ("last_error", .text), ("created_at", .instant), ("updated_at", .instant),
            ]),
        table(
            "expiry_notices", .platformOfTenant, key: ["tenant_id", "paid_until", "days"], tenantColumn: "tenant_id",
            [("tenant_id", .text), ("paid_until", .instant), ("days", .integer), ("sent_at", .instant)]),
    ]

    static let platform: [PortableTable] = [
        table(
            "operator_audit", .platform, key: ["id"], identity: "id",
            [("id", .integer), ("at", .instant), ("actor", .text), ("tenant_id", .text), ("action", .text), ("detail", .text)]),
        table(
            "operator_tokens", .platform, key: ["name"],
            [("name", .text), ("hash", .blob), ("created_at", .instant), ("revoked_at", .instant)]),
        table(
            "plans", .platform, key: ["code"],
            [
                ("code", .text), ("name_ru", .text), ("name_en", .text), ("price_minor", .integer), ("currency", .text),
                ("period_days", .integer), ("active", .boolean), ("display_order", .integer),
            ]),
        table(
            "yookassa_notifications", .platform, key: ["id"], identity: "id",
            [
                ("id", .integer), ("external_id", .text), ("event", .text), ("source", .text), ("body", .blob),
                ("received_at", .instant), ("finished_at", .instant), ("outcome", .text),
            ]),
    ]
}
