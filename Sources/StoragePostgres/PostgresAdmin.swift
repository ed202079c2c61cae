import Foundation
import Logging
import PostgresNIO

/// Server-level chores outside any store: creating and dropping whole databases (first setup, test databases).
public enum PostgresAdmin {
    /// A database name was refused before reaching SQL.
    public struct InvalidName: Error, CustomStringConvertible {
        /// The refused name.
        public let name: String
        public var description: String { "invalid database name \(name): expected [a-z][a-z0-9_]{0,62}" }
    }

    /// Creates database `name` on the server of `serverURL` and returns the URL of the new database.
    public static func createDatabase(_ name: String, serverURL: String, logger: Logger = Logger(label: "zapis.postgres")) async throws
        -> String
    {
        let quoted = try quotedName(name)
        let server = try PostgresURL(serverURL)
        try await PostgresStore.withTemporaryClient(try server.clientConfiguration(poolSize: 1), logger: logger) { store in
            _ = try await store.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(quoted)"))
        }
        return try replacingDatabase(of: serverURL, with: name)
    }

    /// Drops database `name` (if it exists), closing its remaining connections.
    public static func dropDatabase(_ name: String, serverURL: String, logger: Logger = Logger(label: "zapis.postgres")) async throws {
        let quoted = try quotedName(name)
        let server = try PostgresURL(serverURL)
        try await PostgresStore.withTemporaryClient(try server.clientConfiguration(poolSize: 1), logger: logger) { store in
            _ = try await store.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(quoted) WITH (FORCE)"))
        }
    }

    /// Brings a freshly filled database to a steady state: `ANALYZE` (statistics, as autovacuum keeps them on a live
    /// database) and `CHECKPOINT` (the writes flushed now instead of during what comes next). Benchmarks only; the
    /// checkpoint needs a superuser or the pg_checkpoint role.
    public static func settle(databaseURL: String, logger: Logger = Logger(label: "zapis.postgres")) async throws {
        let database = try PostgresURL(databaseURL)
        try await PostgresStore.withTemporaryClient(try database.clientConfiguration(poolSize: 1), logger: logger) { store in
            _ = try await store.query(PostgresQuery(unsafeSQL: "ANALYZE"))
            _ = try await store.query(PostgresQuery(unsafeSQL: "CHECKPOINT"))
        }
    }

    private static func quotedName(_ name: String) throws -> String {
        let bytes = Array(name.utf8)
        guard (1...63).contains(bytes.count), let first = bytes.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first),
            bytes.allSatisfy({
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                    || $0 == UInt8(ascii: "_")
            })
        else { throw InvalidName(name: name) }
        return "\"" + name + "\""
    }

    private static func replacingDatabase(of url: String, with name: String) throws -> String {
        guard var components = URLComponents(string: url) else { throw PostgresURL.Invalid(reason: "unparseable") }
        components.path = "/" + name
        guard let result = components.string else { throw PostgresURL.Invalid(reason: "unparseable") }
        return result
    }
}

extension PostgresStore {
    /// Runs SQL text as is. Only for tests that simulate damage (a crash half-way, a dropped table); never pass input.
    @_spi(Testing)
    public func executeUnsafe(_ sql: String) async throws {
        try await query(PostgresQuery(unsafeSQL: sql))
    }

    /// How many lock requests of this database wait for another transaction (tests wait for a transaction to block).
    @_spi(Testing)
    public func waitingLocks() async throws -> Int {
        let rows = try await query("SELECT count(*)::int8 FROM pg_locks WHERE NOT granted")
        return try rows.first?.decode(Int.self) ?? 0
    }
}
