import Foundation

/// One row of an original table, every value as text (NULL is a missing key): the readers never interpret values,
/// so a hostile or broken row reaches the mapper intact and becomes a reported skip there.
public typealias OriginalRow = [String: String]

/// Which of the original's two layouts a tenant was read from.
public enum OriginalLayout: String, Sendable {
    /// One schema per client in PostgreSQL.
    case postgres
    /// The older one-SQLite-file-per-bot layout.
    case sqlite
}

/// Everything read from one original bot: its tables as raw rows, and (PostgreSQL) its `master_bot.clients` row.
public struct OriginalTenantData: Sendable {
    /// The ledger's name of the source, e.g. `postgres:client_001` or `sqlite:original.db`.
    public var source: String
    /// The layout read.
    public var layout: OriginalLayout
    /// Rows per table name; a table the original did not have is absent.
    public var tables: [String: [OriginalRow]]
    /// The operator's row of this client, when the source has a `master_bot` schema and the schema matched one.
    public var client: OriginalClient?

    /// Creates the data.
    public init(source: String, layout: OriginalLayout, tables: [String: [OriginalRow]], client: OriginalClient? = nil) {
        self.source = source
        self.layout = layout
        self.tables = tables
        self.client = client
    }

    /// The rows of `table` (none when absent).
    public func rows(_ table: String) -> [OriginalRow] { tables[table] ?? [] }

    /// Row counts per table, as the source holds them.
    public var sourceRows: [String: Int] { tables.mapValues(\.count) }
}

/// One client of the original's platform schema (`master_bot.clients`) with its completed payments.
public struct OriginalClient: Sendable {
    /// The raw `clients` row (holds the plaintext token: never print it).
    public var row: OriginalRow
    /// Its `payments` rows.
    public var payments: [OriginalRow]

    /// Creates a client.
    public init(row: OriginalRow, payments: [OriginalRow]) {
        self.row = row
        self.payments = payments
    }

    /// `admin_telegram_id` as written.
    public var adminTelegramID: String? { row["admin_telegram_id"] }
}

/// The tables of a client the importer reads (both layouts; `settings` is `schedule_settings` in SQLite).
enum OriginalTables {
    static let postgres = [
        "users", "services", "bookings", "booking_history", "admins", "blocked_slots", "feedback", "analytics", "audit_log", "settings",
        "text_templates", "admin_sessions",
    ]
    static let sqlite = [
        "users", "services", "bookings", "booking_history", "admins", "blocked_slots", "feedback", "analytics", "audit_log",
        "schedule_settings", "text_templates", "text_changes_log", "admin_sessions",
    ]
}

/// Why reading the original failed.
public enum OriginalReadError: Error, Equatable, CustomStringConvertible {
    /// The `--from` value is neither `postgres://…` nor `sqlite:PATH`.
    case unsupportedSource(String)
    /// The schema name is not a plain lower-case identifier.
    case invalidSchema(String)
    /// The schema (or SQLite file) has no `bookings` table: not the original bot's data.
    case notAnOriginalBot(String)
    /// `--all-schemas` without a `master_bot.clients` table.
    case noPlatformSchema

    public var description: String {
        switch self {
        case .unsupportedSource(let s): "unsupported source \"\(s)\": use postgres://user@host/db or sqlite:PATH"
        case .invalidSchema(let s): "invalid schema name \"\(s)\": use a-z, 0-9 and _ (starting with a letter or _)"
        case .notAnOriginalBot(let s): "\(s) has no bookings table: not a database of the original bot"
        case .noPlatformSchema: "the source has no master_bot.clients table to map schemas to tenants (name one with --schema)"
        }
    }
}
