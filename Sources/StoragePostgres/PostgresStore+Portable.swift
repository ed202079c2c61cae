import BookingCore
import Foundation
import Logging
import PostgresNIO
import Storage

extension PostgresStore: PortableStore {
    public var portableKind: String { "postgres" }

    /// A read-only REPEATABLE READ transaction: every table of every tenant read from one snapshot, while the service
    /// goes on writing.
    public func withPortableSnapshot<T: Sendable>(_ body: @Sendable (any PortableReader) async throws -> T) async throws -> T {
        let logger = logger
        return try await client.withConnection { connection in
            try await connection.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
            do {
                let result = try await body(PostgresPortable(connection: connection, logger: logger))
                try await connection.run("COMMIT", logger: logger)
                return result
            } catch {
                _ = try? await connection.run("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    public func withPortableWriter<T: Sendable>(_ body: @Sendable (any PortableWriter) async throws -> T) async throws -> T {
        let logger = logger
        let result = try await transaction { connection in try await body(PostgresPortable(connection: connection, logger: logger)) }
        // Restored tenants carry a new catalog version (see `insert`); this process forgets what it cached anyway.
        catalogCache.invalidateAll()
        return result
    }
}

/// Portable rows on one PostgreSQL connection inside a transaction: tenant tables in the tenant's schema, the rest in
/// `zapis`. Every column is read through a cast to bigint, text or bytea and written through the reverse cast.
struct PostgresPortable: PortableReader, PortableWriter {
    let connection: PostgresConnection
    let logger: Logger

    func tenantIDs() async throws -> [TenantID] {
        try await connection.rows("SELECT id FROM zapis.tenants ORDER BY id", logger: logger).map { row in
            guard let id = TenantID(try row.first(as: String.self)) else { throw StorageError.corrupt("tenant id") }
            return id
        }
    }

    func rows(of table: PortableTable, tenant: TenantID?) async throws -> [PortableRow] {
        let selected = table.columns.map { Self.selectExpression($0) }.joined(separator: ", ")
        var sql = "SELECT \(selected) FROM \(try Self.qualified(table, tenant: tenant))"
        var binds = PostgresBindings()
        if table.scope != .tenant, let column = table.tenantColumn, let tenant {
            sql += " WHERE \(column) = $1"
            binds.append(tenant.rawValue)
        }
        sql += " ORDER BY " + table.key.joined(separator: ", ")
        let rows = try await connection.rows(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
        return try rows.map { row in
            let cells = row.makeRandomAccess()
            return try table.columns.enumerated().map { index, column in
                switch column.kind {
                case .integer, .boolean, .instant: try cells[index].decode(Int64?.self).map { .integer($0) } ?? .null
                case .text: try cells[index].decode(String?.self).map { .text($0) } ?? .null
                case .json: try cells[index].decode(String?.self).map { .text(try PortableJSON.canonical($0)) } ?? .null
                case .blob: try cells[index].decode(ByteBuffer?.self).map { .blob(Array($0.readableBytesView)) } ?? .null
                }
            }
        }
    }

    func hasTenant(_ tenant: TenantID) async throws -> Bool {
        try await !connection.rows("SELECT 1 FROM zapis.tenants WHERE id = \(tenant.rawValue)", logger: logger).isEmpty
    }

    func nonEmptyTables() async throws -> [String] {
        var found: [String] = []
        for table in PortableSchema.tables where table.scope != .tenant && !PortableSchema.seededByMigrations.contains(table.name) {
            let rows = try await connection.rows(PostgresQuery(unsafeSQL: "SELECT 1 FROM zapis.\(table.name) LIMIT 1"), logger: logger)
            if !rows.isEmpty { found.append(table.name) }
        }
        return found
    }

    func removeTenant(_ tenant: TenantID) async throws {
        try await connection.run(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(tenant.schema) CASCADE"), logger: logger)
        for table in PortableSchema.tables.reversed() where table.scope == .platformOfTenant {
            var binds = PostgresBindings()
            binds.append(tenant.rawValue)
            try await connection.run(
                PostgresQuery(unsafeSQL: "DELETE FROM zapis.\(table.name) WHERE \(table.tenantColumn ?? "tenant_id") = $1", binds: binds),
                logger: logger)
        }
    }

    func clear(_ table: PortableTable) async throws {
        guard table.scope != .tenant else { throw StorageError.corrupt("\(table.name) is a tenant table") }
        try await connection.run(PostgresQuery(unsafeSQL: "DELETE FROM zapis.\(table.name)"), logger: logger)
    }

    func prepareTenant(_ tenant: TenantID) async throws {
        _ = try await PostgresMigrator.migrate(SchemaName(tenant), on: connection, logger: logger)
    }

    func insert(_ rows: [PortableRow], into table: PortableTable, tenant: TenantID?, keepLocalIdentity: Bool) async throws {
        let kept = table.columns.enumerated().filter { keepLocalIdentity || $0.element.name != table.localIdentity }
        var names = kept.map(\.element.name)
        let target = try Self.qualified(table, tenant: tenant)
        // A tenant written again gets a catalog version no process can have cached under its id (see CatalogCache).
        let versioned = table.name == "tenants"
        if versioned { names.append("catalog_version") }
        let perBatch = max(1, min(500, 30_000 / max(names.count, 1)))
        var start = 0
        while start < rows.count {
            let batch = rows[start..<min(start + perBatch, rows.count)]
            var binds = PostgresBindings(capacity: batch.count * kept.count)
            var tuples: [String] = []
            for row in batch {
                guard row.count == table.columns.count else { throw StorageError.corrupt("\(table.name): a row of \(row.count) values") }
                var expressions: [String] = []
                for (index, column) in kept {
                    try Self.bind(row[index], kind: column.kind, into: &binds)
                    expressions.append(Self.insertExpression(binds.count, kind: column.kind))
                }
                if versioned { expressions.append("(extract(epoch from clock_timestamp()) * 1000000)::bigint") }
                tuples.append("(" + expressions.joined(separator: ", ") + ")")
            }
            let sql = "INSERT INTO \(target) (\(names.joined(separator: ", "))) VALUES " + tuples.joined(separator: ", ")
            do {
                try await connection.run(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
                throw StorageError.duplicate("\(table.name): \(error.serverInfo?[.detail] ?? "a key is taken")")
            }
            start += perBatch
        }
        // Rows written with their ids: the identity's sequence must pass them.
        if let identity = table.identity, keepLocalIdentity || identity != table.localIdentity, !rows.isEmpty {
            var binds = PostgresBindings()
            binds.append(target)
            try await connection.run(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT setval(pg_get_serial_sequence($1, '\(identity)'), greatest(coalesce(max(\(identity)), 0), 1), max(\(identity)) IS NOT NULL)
                        FROM \(target)
                        """, binds: binds), logger: logger)
        }
    }

    /// The table's qualified name: in the tenant's schema for tenant tables, else in `zapis`.
    static func qualified(_ table: PortableTable, tenant: TenantID?) throws -> String {
        guard table.scope == .tenant else { return "zapis.\(table.name)" }
        guard let tenant else { throw StorageError.corrupt("\(table.name): rows without their tenant") }
        return "\(tenant.schema).\(table.name)"
    }

    static func selectExpression(_ column: PortableColumn) -> String {
        switch column.kind {
        case .integer: "\(column.name)::bigint"
        case .boolean: "\(column.name)::integer::bigint"
        case .instant: "round(extract(epoch from \(column.name)) * 1000000)::bigint"
        case .text: "\(column.name)::text"
        case .json: "\(column.name)::text"
        case .blob: column.name
        }
    }

    static func insertExpression(_ parameter: Int, kind: PortableKind) -> String {
        switch kind {
        case .integer: "$\(parameter)::bigint"
        case .boolean: "$\(parameter)::boolean"
        case .instant: "(timestamptz 'epoch' + $\(parameter)::bigint * interval '1 microsecond')"
        case .text: "$\(parameter)::text"
        case .json: "$\(parameter)::jsonb"
        case .blob: "$\(parameter)::bytea"
        }
    }

    static func bind(_ value: PortableValue, kind: PortableKind, into binds: inout PostgresBindings) throws {
        switch (value, kind) {
        case (.null, _): binds.appendNull()
        case (.integer(let value), .boolean): binds.append(value != 0)
        case (.integer(let value), .integer), (.integer(let value), .instant): binds.append(value)
        case (.text(let text), .text), (.text(let text), .json): binds.append(text)
        case (.blob(let bytes), .blob): binds.append(ByteBuffer(bytes: bytes))
        default: throw StorageError.corrupt("\(value) is not \(kind.rawValue)")
        }
    }
}

extension PostgresStore {
    /// Client sessions on this store's database other than the one asking (a running service keeps its pool's open).
    public func otherSessions() async throws -> Int {
        let rows = try await query(
            """
            SELECT count(*)::bigint FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
            """)
        return Int(try rows.first?.first(as: Int64.self) ?? 0)
    }
}
