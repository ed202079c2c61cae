import Foundation
import Logging
import NIOPosix
import PostgresNIO

/// Reads the original's PostgreSQL layout: one schema per client, plus the operator's `master_bot` schema.
/// Only SELECTs run; schema names are checked identifiers (quoted), table names come from our own list.
public struct OriginalPostgresReader: Sendable {
    let connection: PostgresConnection
    let logger: Logger
    /// Tables per schema, read once: `information_schema` is slow to ask per schema when there are thousands.
    let catalog: [String: Set<String>]
    /// `master_bot.clients` and `payments`, read once (every schema looks its client up in them).
    let clients: [OriginalRow]
    let payments: [OriginalRow]

    /// Connects to `url` (`postgres://user[:password]@host[:port]/database`; TLS is not used), runs `body`, closes.
    public static func withReader<T: Sendable>(
        url: String, logger: Logger = Logger(label: "zapis.import"), _ body: @Sendable (OriginalPostgresReader) async throws -> T
    ) async throws -> T {
        guard let parts = URLComponents(string: url), ["postgres", "postgresql"].contains(parts.scheme ?? ""), let host = parts.host else {
            throw OriginalReadError.unsupportedSource(url)
        }
        let database = String(parts.path.drop { $0 == "/" })
        let configuration = PostgresConnection.Configuration(
            host: host, port: parts.port ?? 5432, username: parts.user ?? "postgres", password: parts.password,
            database: database.isEmpty ? nil : database, tls: .disable)
        let connection = try await PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 1, logger: logger)
        do {
            let result = try await body(try await OriginalPostgresReader(connection: connection, logger: logger))
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    private init(connection: PostgresConnection, logger: Logger) async throws {
        self.connection = connection
        self.logger = logger
        let catalog = try await Self.catalog(connection, logger)
        self.catalog = catalog
        let platform = catalog["master_bot"] ?? []
        clients = platform.contains("clients") ? try await Self.rows(schema: "master_bot", table: "clients", connection, logger) : []
        payments = platform.contains("payments") ? try await Self.rows(schema: "master_bot", table: "payments", connection, logger) : []
    }

    /// True for a plain lower-case identifier (what the original's `PG_SCHEMA` held).
    static func isPlainIdentifier(_ name: String) -> Bool {
        name.wholeMatch(of: /[a-z_][a-z0-9_]{0,62}/) != nil
    }

    /// The schemas that look like a client of the original (they have a `bookings` table), by name.
    public func clientSchemas() async throws -> [String] {
        catalog.filter { $0.value.contains("bookings") && $0.key != "master_bot" && Self.isPlainIdentifier($0.key) }.keys.sorted()
    }

    private static func catalog(_ connection: PostgresConnection, _ logger: Logger) async throws -> [String: Set<String>] {
        let rows = try await connection.query(
            """
            SELECT table_schema, table_name FROM information_schema.tables
            WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
            """, logger: logger)
        var catalog: [String: Set<String>] = [:]
        for try await (schema, table) in rows.decode((String, String).self) { catalog[schema, default: []].insert(table) }
        return catalog
    }

    /// Reads every known table of `schema`, and the `master_bot.clients` row whose `admin_telegram_id` is the schema's
    /// super admin (the original has no column linking the two), or the row named by `clientID` when given.
    public func read(schema: String, clientID: String? = nil) async throws -> OriginalTenantData {
        guard Self.isPlainIdentifier(schema) else { throw OriginalReadError.invalidSchema(schema) }
        let present = try await tables(in: schema)
        guard present.contains("bookings") else { throw OriginalReadError.notAnOriginalBot("schema \(schema)") }
        var tables: [String: [OriginalRow]] = [:]
        for table in OriginalTables.postgres where present.contains(table) {
            tables[table] = try await Self.rows(schema: schema, table: table, connection, logger)
        }
        let data = OriginalTenantData(source: "postgres:\(schema)", layout: .postgres, tables: tables)
        guard try await self.tables(in: "master_bot").contains("clients") else { return data }
        let owners = Set(data.rows("admins").filter { $0["role"] == "super_admin" }.compactMap { $0["user_id"] })
        let match =
            clientID.map { id in clients.first { $0["client_id"] == id } }
            ?? clients.first { owners.contains($0["admin_telegram_id"] ?? "") }
        guard let match else { return data }
        let payments = self.payments.filter { $0["client_id"] == match["client_id"] }
        var withClient = data
        withClient.client = OriginalClient(row: match, payments: payments)
        return withClient
    }

    /// Whether the source has the operator's `master_bot.clients`.
    public func hasPlatformSchema() async throws -> Bool { try await tables(in: "master_bot").contains("clients") }

    private func tables(in schema: String) async throws -> Set<String> { catalog[schema] ?? [] }

    /// Every row as JSON, so each value arrives as text whatever its column type (timestamps in ISO form).
    private static func rows(schema: String, table: String, _ connection: PostgresConnection, _ logger: Logger) async throws
        -> [OriginalRow]
    {
        let rows = try await connection.query(
            "SELECT row_to_json(t)::text FROM \(unescaped: "\"\(schema)\".\"\(table)\"") t", logger: logger)
        var result: [OriginalRow] = []
        let decoder = JSONDecoder()
        for try await (json) in rows.decode(String.self) {
            let object = try decoder.decode([String: JSONScalar].self, from: Data(json.utf8))
            result.append(object.compactMapValues(\.text))
        }
        return result
    }
}

/// One JSON value of a row, as text: numbers keep their digits, booleans become `true`/`false`, NULL is nil.
enum JSONScalar: Decodable {
    case value(String)
    case null

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .value(b ? "true" : "false")
        } else if let i = try? c.decode(Int64.self) {
            self = .value(String(i))
        } else if let d = try? c.decode(Double.self) {
            self = .value(String(d))
        } else if let s = try? c.decode(String.self) {
            self = .value(s)
        } else {
            self = .null  // a nested object or array: the original has none in the tables we read
        }
    }

    var text: String? {
        if case .value(let s) = self { return s }
        return nil
    }
}
