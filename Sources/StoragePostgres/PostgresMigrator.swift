import Logging
import PostgresNIO
import Storage

/// Applies the versioned migrations of one schema, inside a transaction the caller opened.
enum PostgresMigrator {
    /// Why a schema could not be brought up to date.
    struct Broken: Error, CustomStringConvertible {
        let schema: String
        let missingTables: [String]
        var description: String { "schema \(schema) lacks tables its ledger records: \(missingTables.joined(separator: ", "))" }
    }

    /// Serialises migration of `schema` across processes (advisory lock until the transaction ends), creates the
    /// schema and its `schema_migrations` ledger if needed, applies every missing version, and checks that every
    /// table the migrations create exists. Returns the versions applied now (empty when up to date).
    static func migrate(_ schema: SchemaName, on connection: PostgresConnection, logger: Logger) async throws -> [Int] {
        let q = schema.quoted
        try await connection.rows(
            "SELECT pg_advisory_xact_lock(hashtextextended(\("zapis.migrate:" + schema.rawValue), 0))", logger: logger)
        // DDL only when something is missing: an up-to-date schema needs no CREATE privilege to be checked.
        let present = try await connection.rows(
            """
            SELECT to_regnamespace(\(q)) IS NOT NULL, to_regclass(\(q + ".schema_migrations")) IS NOT NULL
            """, logger: logger)
        let (hasSchema, hasLedger) = try present.first?.decode((Bool, Bool).self) ?? (false, false)
        if !hasSchema { try await connection.rows(PostgresQuery(unsafeSQL: "CREATE SCHEMA \(q)"), logger: logger) }
        if !hasLedger {
            try await connection.rows(
                PostgresQuery(
                    unsafeSQL: """
                        CREATE TABLE \(q).schema_migrations (
                            version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
                        """), logger: logger)
        }
        let done = Set(
            try await connection.rows("SELECT version FROM \(unescaped: q).schema_migrations", logger: logger).map {
                try $0.first(as: Int.self)
            })
        var applied: [Int] = []
        let migrations = PostgresMigrations.all(schema.kind)
        for migration in migrations where !done.contains(migration.version) {
            for statement in migration.statements {
                try await connection.rows(PostgresQuery(unsafeSQL: statement.replacingOccurrences(of: "{schema}", with: q)), logger: logger)
            }
            try await connection.rows(
                "INSERT INTO \(unescaped: q).schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))",
                logger: logger)
            applied.append(migration.version)
        }
        let expected = migrations.flatMap(\.tables)
        let missing = try await connection.rows(
            """
            SELECT t FROM unnest(\(expected)::text[]) WITH ORDINALITY AS e(t, n)
            WHERE to_regclass(format('%I.%I', \(schema.rawValue)::text, t)) IS NULL ORDER BY n
            """, logger: logger
        ).map { try $0.first(as: String.self) }
        guard missing.isEmpty else { throw Broken(schema: schema.rawValue, missingTables: missing) }
        return applied
    }
}
