import Foundation
import Logging
import PostgresNIO
import Storage

/// Hot statements on the shared `zapis` schema, prepared once per connection: their text is the same for every
/// tenant, so parsing and planning them on every update would be wasted work for the server.
extension PostgresStore {
    /// Runs a prepared statement (on the bound connection, or any pooled one) and collects its rows.
    func execute<S: PostgresPreparedStatement>(_ statement: S) async throws -> [S.Row] where S.Row: Sendable {
        if readOnly, !S.sql.hasPrefix("SELECT") { throw StoreReadOnly(String(S.sql.prefix(60))) }
        do {
            if let connection { return try await connection.rows(statement, logger: logger) }
            let logger = logger
            return try await leased { try await $0.rows(statement, logger: logger) }
        } catch {
            throw Self.domainError(error)
        }
    }
}

extension PostgresConnection {
    /// Runs a prepared statement (prepared on this connection the first time) and collects its rows.
    func rows<S: PostgresPreparedStatement>(_ statement: S, logger: Logger) async throws -> [S.Row] where S.Row: Sendable {
        try ensureOpen()
        var rows: [S.Row] = []
        for try await row in try await execute(statement, logger: logger) { rows.append(row) }
        return rows
    }
}

/// Takes the chat's advisory lock (empty key: none), claims the update, returns the tenant's catalog version.
struct ClaimUpdateStatement: PostgresPreparedStatement {
    static let sql = """
        WITH lock AS (SELECT CASE WHEN $1 = '' THEN NULL ELSE pg_advisory_xact_lock(hashtextextended($1, 0)) END AS done)
        INSERT INTO zapis.processed_updates (tenant_id, update_id, processed_at)
        SELECT $2, $3, $4 FROM lock
        ON CONFLICT DO NOTHING
        RETURNING (SELECT catalog_version FROM zapis.tenants WHERE id = $2)
        """
    typealias Row = Int64?

    var lockKey: String
    var tenant: String
    var updateID: Int64
    var now: Date

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 4)
        bindings.append(lockKey)
        bindings.append(tenant)
        bindings.append(updateID)
        bindings.append(now)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Int64?.self) }
}
