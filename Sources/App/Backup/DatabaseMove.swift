import BookingCore
import Foundation
import Logging
import Storage
import StoragePostgres
import StorageSQLite

/// Why a move was refused or undone; the target is left as it was.
public enum MoveError: Error, CustomStringConvertible, Equatable {
    /// The source and the target are one database.
    case sameDatabase
    /// Something uses the source (a running `zapis serve`, most likely).
    case sourceInUse(String)
    /// The target holds rows already.
    case targetNotEmpty([String])
    /// The target read back differs from the source (what was written is removed again).
    case mismatch([String])
    /// Two tenants' rows have the same id, which SQLite cannot hold.
    case idsCollide(String)

    public var description: String {
        switch self {
        case .sameDatabase: "the target is the configured database itself"
        case .sourceInUse(let detail):
            "the source database is in use (\(detail)): stop `zapis serve` first (writes made during a move would be lost), "
                + "or pass --force if you are sure nothing writes to it"
        case .targetNotEmpty(let tables): "the target database is not empty (\(tables.joined(separator: ", "))); move into a new one"
        case .mismatch(let tables): "the target read back differs in \(tables.joined(separator: ", ")); what was written was removed"
        case .idsCollide(let detail):
            "two tenants have rows with the same id (\(detail)): PostgreSQL numbers rows per tenant, SQLite across tenants, "
                + "so this deployment cannot move to SQLite as it is; what was written was removed"
        }
    }
}

/// The whole deployment from one database to another (SQLite ↔ PostgreSQL): every table of the platform and of every
/// tenant, ids kept, copied in chunks of tenants (the service is stopped), then read back and compared table by table
/// (row counts and content checksums); on any difference or failure what was written is removed again.
public enum DatabaseMove {
    /// One table's counts and checksums on both sides.
    public struct TableReport: Sendable {
        /// The table.
        public var table: String
        /// Rows in the source.
        public var sourceRows: Int
        /// Rows in the target, read back.
        public var targetRows: Int
        /// Content checksum of the source's rows.
        public var sourceChecksum: String
        /// Content checksum of the target's rows.
        public var targetChecksum: String
        /// Whether both sides agree.
        public var equal: Bool { sourceRows == targetRows && sourceChecksum == targetChecksum }
    }

    /// Refuses when something else uses `url`: another process with the SQLite file open, or other client sessions on
    /// the PostgreSQL database (checked a few times, since our own short-lived migration session may still be closing).
    static func ensureIdle(_ url: String, logger: Logger) async throws {
        if !PortableDatabase.isPostgres(url) {
            if SQLiteStore.isOpenElsewhere(path: PortableDatabase.sqlitePath(url)) {
                throw MoveError.sourceInUse("another process has \(PortableDatabase.sqlitePath(url)) open")
            }
            return
        }
        let store = try await PostgresStore.open(url: url, poolSize: 1, logger: logger)
        let others = try await store.whileRunning {
            var others = 0
            for _ in 0..<10 {
                others = try await store.otherSessions()
                if others == 0 { break }
                try await Task.sleep(for: .milliseconds(200))
            }
            return others
        }
        if others > 0 { throw MoveError.sourceInUse("\(others) other session(s) on the database") }
    }

    /// Copies `source` into the empty `target`; returns each table's report.
    static func run(
        from source: String, to target: String, logger: Logger, progress: @escaping @Sendable (String) -> Void
    ) async throws -> [TableReport] {
        do {
            return try await copy(from: source, to: target, logger: logger, progress: progress)
        } catch let StorageError.duplicate(detail) {
            throw MoveError.idsCollide(detail)
        }
    }
}
