import BookingCore
import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore: PortableStore {
    public var portableKind: String { "sqlite" }

    public func withPortableSnapshot<T: Sendable>(_ body: @Sendable (any PortableReader) async throws -> T) async throws -> T {
        try await readTransaction { connection in try await body(SQLitePortable(connection: connection)) }
    }

    public func withPortableWriter<T: Sendable>(_ body: @Sendable (any PortableWriter) async throws -> T) async throws -> T {
        try await transaction { connection in try await body(SQLitePortable(connection: connection)) }
    }
}

/// Portable rows on one SQLite connection inside a transaction. Tenant tables carry `tenant_id`; instants are REAL
/// seconds, rounded to whole microseconds on the way out.
struct SQLitePortable: PortableReader, PortableWriter {
    let connection: SQLiteConnection

    func tenantIDs() async throws -> [TenantID] {
        try await connection.query("SELECT id FROM tenants ORDER BY id", []).compactMap { $0.column("id")?.string.flatMap(TenantID.init) }
    }

    func rows(of table: PortableTable, tenant: TenantID?) async throws -> [PortableRow] {
        var sql = "SELECT \(table.columns.map(\.name).joined(separator: ", ")) FROM \(table.name)"
        var binds: [SQLiteData] = []
        if let column = Self.tenantColumn(of: table), let tenant {
            sql += " WHERE \(column) = ?"
            binds.append(.text(tenant.rawValue))
        }
        sql += " ORDER BY " + table.key.joined(separator: ", ")
        return try await connection.query(sql, binds).map { row in
            try zip(table.columns, row.columns).map { column, cell in try Self.portable(cell.data, kind: column.kind, column: column.name) }
        }
    }

    func hasTenant(_ tenant: TenantID) async throws -> Bool {
        try await !connection.query("SELECT 1 FROM tenants WHERE id = ?", [.text(tenant.rawValue)]).isEmpty
    }

    func nonEmptyTables() async throws -> [String] {
        var found: [String] = []
        for table in PortableSchema.tables where !PortableSchema.seededByMigrations.contains(table.name) {
            guard try await !connection.query("SELECT 1 FROM \(table.name) LIMIT 1", []).isEmpty else { continue }
            found.append(table.name)
        }
        return found
    }

    func removeTenant(_ tenant: TenantID) async throws {
        for table in PortableSchema.tables.reversed() {
            guard let column = Self.tenantColumn(of: table), table.scope != .platform else { continue }
            _ = try await connection.query("DELETE FROM \(table.name) WHERE \(column) = ?", [.text(tenant.rawValue)])
        }
    }

    func prepareTenant(_ tenant: TenantID) async throws {}

    func clear(_ table: PortableTable) async throws {
        guard table.scope != .tenant else { throw StorageError.corrupt("\(table.name) is a tenant table") }
        _ = try await connection.query("DELETE FROM \(table.name)", [])
    }

    func insert(_ rows: [PortableRow], into table: PortableTable, tenant: TenantID?, keepLocalIdentity: Bool) async throws {
        let kept = table.columns.enumerated().filter { keepLocalIdentity || $0.element.name != table.localIdentity }
        var names = kept.map(\.element.name)
        var prefix: [SQLiteData] = []
        if table.scope == .tenant {
            guard let tenant else { throw StorageError.corrupt("\(table.name): rows without their tenant") }
            names.insert("tenant_id", at: 0)
            prefix = [.text(tenant.rawValue)]
        }
        // Many rows per statement: one round trip to SQLite's thread per batch, not per row.
        let perBatch = max(1, min(200, 30_000 / names.count))
        var start = 0
        while start < rows.count {
            let batch = rows[start..<min(start + perBatch, rows.count)]
            var binds: [SQLiteData] = []
            binds.reserveCapacity(batch.count * names.count)
            for row in batch {
                guard row.count == table.columns.count else { throw StorageError.corrupt("\(table.name): a row of \(row.count) values") }
                binds += prefix
                for (index, column) in kept { binds.append(try Self.sqlite(row[index], kind: column.kind)) }
            }
            let tuple = "(" + names.map { _ in "?" }.joined(separator: ", ") + ")"
            let sql = "INSERT INTO \(table.name) (\(names.joined(separator: ", "))) VALUES "
                + Array(repeating: tuple, count: batch.count).joined(separator: ", ")
            do {
                _ = try await connection.query(sql, binds)
            } catch let error as SQLiteError where error.reason == .constraint || error.reason == .constraintPrimaryKeyFailed
                || error.reason == .constraintUniqueFailed
            {
                throw StorageError.duplicate("\(table.name): \(error.message)")
            }
            start += perBatch
        }
    }

    /// The column naming a row's tenant on SQLite.
    static func tenantColumn(of table: PortableTable) -> String? {
        table.scope == .tenant ? "tenant_id" : table.tenantColumn
    }

    static func portable(_ data: SQLiteData, kind: PortableKind, column: String) throws -> PortableValue {
        switch (data, kind) {
        case (.null, _): return .null
        case (.integer(let value), .integer), (.integer(let value), .boolean): return .integer(Int64(value))
        case (.integer(let value), .instant): return .integer(Int64(value) * 1_000_000)
        case (.float(let seconds), .instant): return .integer(try PortableInstant.microseconds(seconds))
        case (.text(let text), .text): return .text(text)
        case (.text(let text), .json): return .text(try PortableJSON.canonical(text))
        case (.blob(let buffer), .blob): return .blob(Array(buffer.readableBytesView))
        default: throw StorageError.corrupt("column \(column): \(data) is not \(kind.rawValue)")
        }
    }

    static func sqlite(_ value: PortableValue, kind: PortableKind) throws -> SQLiteData {
        switch (value, kind) {
        case (.null, _): return .null
        case (.integer(let value), .integer), (.integer(let value), .boolean): return .integer(Int(value))
        case (.integer(let micros), .instant): return .float(PortableInstant.seconds(micros))
        case (.text(let text), .text), (.text(let text), .json): return .text(text)
        case (.blob(let bytes), .blob): return .blob(.init(bytes: bytes))
        default: throw StorageError.corrupt("\(value) is not \(kind.rawValue)")
        }
    }
}
