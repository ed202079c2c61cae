import BookingCore
import Foundation
import Logging
import SQLiteNIO
import Storage

/// Every store on one SQLite file (the embedded default). Tenant rows carry `tenant_id`; writes that
/// check-then-insert run in one `BEGIN IMMEDIATE` transaction under a process-wide lock.
public final class SQLiteStore: MigrationLedger, Sendable {
    let connection: SQLiteConnection
    /// Nil for a view bound to an open transaction: its statements run directly on the connection.
    private let lock: AsyncLock?
    /// How long statements wait for the one connection, and how many hold it (see `PoolMeter`).
    public let meter: PoolMeter

    private init(connection: SQLiteConnection, lock: AsyncLock?, meter: PoolMeter = PoolMeter(size: 1)) {
        self.connection = connection
        self.lock = lock
        self.meter = meter
    }

    deinit {
        // The owner closes its handle even when dropped without an explicit close (the close keeps the
        // connection alive until done); transaction views share the owner's connection and close nothing.
        if lock != nil { _ = connection.close() }
    }

    /// Opens (creating if needed) the database at `path` (":memory:" for a private in-memory one) and migrates it.
    public static func open(path: String, logger: Logger = Logger(label: "zapis.sqlite")) async throws -> SQLiteStore {
        let storage: SQLiteConnection.Storage = path == ":memory:" ? .memory : .file(path: path)
        let connection = try await SQLiteConnection.open(storage: storage, logger: logger)
        let store = SQLiteStore(connection: connection, lock: AsyncLock())
        if path != ":memory:" {
            _ = try await connection.query("PRAGMA journal_mode=WAL", [])
        }
        _ = try await connection.query("PRAGMA busy_timeout=5000", [])
        _ = try await connection.query("PRAGMA foreign_keys=ON", [])
        try await store.migrate()
        return store
    }

    /// Versions of `SQLiteMigrations` the file has not recorded (readiness; opening the store applies them all).
    public func pendingMigrations() async throws -> [Int] {
        let done = Set(try await query("SELECT version FROM schema_migrations").compactMap { $0.column("version")?.integer })
        return SQLiteMigrations.all.map(\.version).filter { !done.contains($0) }
    }

    /// SQLite's own check of the file: "ok", or the problems it found, one per line.
    public func integrityCheck() async throws -> String {
        let rows = try await connection.query("PRAGMA integrity_check", [])
        return rows.compactMap { $0.column("integrity_check")?.string }.joined(separator: "\n")
    }

    /// Applies every migration not yet recorded; returns the versions applied.
    @discardableResult
    public func migrate() async throws -> [Int] {
        try await transaction { db in
            _ = try await db.query("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at REAL NOT NULL)", [])
            let done = Set(try await db.query("SELECT version FROM schema_migrations", []).compactMap { $0.column("version")?.integer })
            var applied: [Int] = []
            for migration in SQLiteMigrations.all where !done.contains(migration.version) {
                for statement in migration.statements { _ = try await db.query(statement, []) }
                _ = try await db.query(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                    [.integer(migration.version), .float(Date.now.timeIntervalSince1970)])
                applied.append(migration.version)
            }
            return applied
        }
    }

    /// Runs `body` alone, in one write transaction; rolls back when it throws. Inside a transaction view it
    /// nests as a savepoint.
    func transaction<T: Sendable>(_ body: @Sendable (SQLiteConnection) async throws -> T) async throws -> T {
        guard let lock else { return try await savepoint(body) }
        return try await whole("BEGIN IMMEDIATE", lock: lock, body)
    }

    /// Runs `body` alone in one read transaction (`BEGIN` deferred): its reads see one snapshot of the file, and under
    /// WAL other processes keep writing meanwhile.
    func readTransaction<T: Sendable>(_ body: @Sendable (SQLiteConnection) async throws -> T) async throws -> T {
        guard let lock else { return try await body(connection) }
        return try await whole("BEGIN", lock: lock, body)
    }

    /// `body` over a view of this store in one read transaction during which SQLite itself refuses every write
    /// (`PRAGMA query_only`): a write fails with `StoreReadOnly` and changes nothing (see `UnitOfWork.reading`).
    func readOnlyView<T: Sendable>(_ body: @Sendable (SQLiteStore) async throws -> T) async throws -> T {
        guard let lock else { return try await body(self) }
        let view = SQLiteStore(connection: connection, lock: nil, meter: meter)
        return try await whole("BEGIN", lock: lock, queryOnly: true) { _ in try await body(view) }
    }

    /// `body` between `begin` and `COMMIT` (`ROLLBACK` when it throws), holding the lock, counted by `meter`. With
    /// `queryOnly`, SQLite refuses every write meanwhile (`PRAGMA query_only`), and such a refusal is `StoreReadOnly`.
    private func whole<T: Sendable>(
        _ begin: String, lock: AsyncLock, queryOnly: Bool = false, _ body: @Sendable (SQLiteConnection) async throws -> T
    ) async throws -> T {
        let ticket = meter.enter()
        return try await lock.withLock { [meter, connection] in
            meter.acquired(ticket)
            defer { meter.released() }
            if queryOnly { _ = try await connection.query("PRAGMA query_only = 1", []) }
            do {
                _ = try await connection.query(begin, [])
                let result = try await body(connection)
                _ = try await connection.query("COMMIT", [])
                if queryOnly { _ = try await connection.query("PRAGMA query_only = 0", []) }
                return result
            } catch {
                _ = try? await connection.query("ROLLBACK", [])
                if queryOnly { _ = try? await connection.query("PRAGMA query_only = 0", []) }
                throw queryOnly && "\(error)".contains("readonly") ? StoreReadOnly("\(error)") : error
            }
        }
    }

    private func savepoint<T: Sendable>(_ body: @Sendable (SQLiteConnection) async throws -> T) async throws -> T {
        _ = try await connection.query("SAVEPOINT nested", [])
        do {
            let result = try await body(connection)
            _ = try await connection.query("RELEASE nested", [])
            return result
        } catch {
            _ = try? await connection.query("ROLLBACK TO nested", [])
            _ = try? await connection.query("RELEASE nested", [])
            throw error
        }
    }

    /// Runs `body` with a view of this store bound to one write transaction (see `UnitOfWork`).
    func withTransactionView<T: Sendable>(_ body: @Sendable (SQLiteStore) async throws -> T) async throws -> T {
        let view = SQLiteStore(connection: connection, lock: nil, meter: meter)
        return try await transaction { _ in try await body(view) }
    }

    /// Runs one read or single statement under the lock (so it never interleaves with a transaction).
    func query(_ sql: String, _ binds: [SQLiteData] = []) async throws -> [SQLiteRow] {
        guard let lock else { return try await connection.query(sql, binds) }
        let ticket = meter.enter()
        return try await lock.withLock { [meter] in
            meter.acquired(ticket)
            defer { meter.released() }
            return try await connection.query(sql, binds)
        }
    }
}

extension Date {
    var sqlite: SQLiteData { .float(timeIntervalSince1970) }
}

extension SQLiteRow {
    func int(_ name: String) throws -> Int64 {
        guard let value = column(name)?.integer else { throw StorageError.corrupt("missing integer \(name)") }
        return Int64(value)
    }

    func text(_ name: String) throws -> String {
        guard let value = column(name)?.string else { throw StorageError.corrupt("missing text \(name)") }
        return value
    }

    func optionalText(_ name: String) -> String? { column(name)?.string }

    func date(_ name: String) throws -> Date {
        guard let value = column(name)?.double else { throw StorageError.corrupt("missing time \(name)") }
        return Date(timeIntervalSince1970: value)
    }

    func json<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(try text(name).utf8))
    }
}

/// Encodes a value as JSON text for a column.
func jsonText(_ value: some Encodable) throws -> SQLiteData {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    return .text(String(decoding: try encoder.encode(value), as: UTF8.self))
}
