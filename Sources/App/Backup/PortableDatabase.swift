import Foundation
import Logging
import Storage
import StoragePostgres
import StorageSQLite

/// Opens a database by URL for backups, restores and moves, without the rest of the service (no master key needed).
enum PortableDatabase {
    /// Why a database cannot be used.
    struct Refused: Error, CustomStringConvertible {
        var description: String
    }

    /// True for `postgres://` and `postgresql://` URLs.
    static func isPostgres(_ url: String) -> Bool { url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") }

    /// The SQLite path of `url` (`sqlite:PATH`, `sqlite://PATH` or a plain path).
    static func sqlitePath(_ url: String) -> String {
        for prefix in ["sqlite://", "sqlite:"] where url.hasPrefix(prefix) { return String(url.dropFirst(prefix.count)) }
        return url
    }

    /// Runs `body` with the store at `url` (opening migrates it), its pool running for the call.
    static func with<T: Sendable>(
        _ url: String, poolSize: Int = 4, logger: Logger, _ body: @Sendable (any PortableStore) async throws -> T
    ) async throws -> T {
        if isPostgres(url) {
            let store = try await PostgresStore.open(url: url, poolSize: poolSize, logger: logger)
            return try await store.whileRunning { try await body(store) }
        }
        let store = try await SQLiteStore.open(path: sqlitePath(url), logger: logger)
        return try await body(store)
    }
}
