import BookingCore
import Foundation
import Logging
import PostgresNIO
import Storage

/// Every store on PostgreSQL: platform rows in schema `zapis`, each tenant's rows in its own schema named by the
/// tenant id, all through ONE connection pool. Values are always bound; schema names are validated and quoted.
///
/// The pool only works while `run()` is running (the client is a ServiceLifecycle `Service`: put `client` in the
/// service group, or call `run()` in a task).
public final class PostgresStore: Sendable {
    /// The one connection pool of the process.
    public let client: PostgresClient
    /// Set in a view bound to one open transaction (see `inTransaction`); its statements run on this connection.
    let connection: PostgresConnection?
    let logger: Logger
    /// The catalog cache shared by the store and all its views (see `CatalogCache`).
    let catalogCache: CatalogCache
    /// In a view bound to a transaction: what the transaction knows about catalog versions; `nil` outside one.
    let catalogTransaction: CatalogTransaction?
    /// How long callers wait for a pooled connection, and how many hold one (see `PoolMeter`).
    public let meter: PoolMeter
    /// In a view for reading (see `UnitOfWork.reading`): statements other than `SELECT` and transactions are refused.
    let readOnly: Bool

    init(
        client: PostgresClient, connection: PostgresConnection?, logger: Logger, catalogCache: CatalogCache,
        catalogTransaction: CatalogTransaction?, meter: PoolMeter, readOnly: Bool = false
    ) {
        self.readOnly = readOnly
        self.meter = meter
        self.client = client
        self.connection = connection
        self.logger = logger
        self.catalogCache = catalogCache
        self.catalogTransaction = catalogTransaction
    }

    /// A store on the pool with a catalog cache of its own.
    convenience init(client: PostgresClient, poolSize: Int, logger: Logger) {
        self.init(
            client: client, connection: nil, logger: logger, catalogCache: CatalogCache(), catalogTransaction: nil,
            meter: PoolMeter(size: poolSize))
    }

    /// Connects to `url` (`postgres://user:password@host:port/database?sslmode=disable|prefer|require`), migrates the
    /// platform schema over a short-lived connection, and returns a store whose pool holds at most `poolSize`
    /// connections. Tenant schemas are migrated by `insertTenant` and `migrateAll`.
    public static func open(url: String, poolSize: Int = 20, logger: Logger = Logger(label: "zapis.postgres")) async throws
        -> PostgresStore
    {
        let configuration = try PostgresURL(url).clientConfiguration(poolSize: poolSize)
        try await withTemporaryClient(configuration, logger: logger) { store in
            try await store.transaction { connection in
                _ = try await PostgresMigrator.migrate(.platform, on: connection, logger: logger)
            }
        }
        return PostgresStore(
            client: PostgresClient(configuration: configuration, backgroundLogger: quiet(logger)), poolSize: poolSize, logger: logger)
    }

    /// The pool's own logger: errors only. Its warnings are mostly a lease that beats `run()` starting in its task by
    /// a moment; failures that matter reach callers as thrown errors.
    static func quiet(_ logger: Logger) -> Logger {
        var background = logger
        background.logLevel = max(logger.logLevel, .error)
        return background
    }

    /// Runs the connection pool until the task is cancelled or the service group shuts down.
    public func run() async { await client.run() }

    /// Runs the pool only while `body` runs, for one-shot tools (`zapis migrate`); the pool cannot run again after.
    public func whileRunning<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                await self.run()
                return nil
            }
            defer { group.cancelAll() }
            return try await body()
        }
    }

    /// Runs `body` with a store on a pool of one connection that runs only for the call.
    static func withTemporaryClient<T: Sendable>(
        _ configuration: PostgresClient.Configuration, logger: Logger, _ body: @Sendable (PostgresStore) async throws -> T
    ) async throws -> T {
        var single = configuration
        single.options.maximumConnections = 1
        let store = PostgresStore(
            client: PostgresClient(configuration: single, backgroundLogger: quiet(logger)), poolSize: 1, logger: logger)
        return try await store.whileRunning { try await body(store) }
    }

    /// Runs `body` in one transaction: `BEGIN … COMMIT` on a pooled connection, or a savepoint when this store is
    /// already bound to a transaction. Rolls back when `body` throws; exclusion violations become `.slotTaken`.
    ///
    /// `savepoint: false` is for bodies whose only write is one statement (atomic by itself) after their reads and
    /// locks: a domain error thrown before it leaves nothing to undo, so the outer transaction needs no savepoint
    /// (two round trips fewer).
    func transaction<T: Sendable>(savepoint: Bool = true, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await inOneTransaction(savepoint: savepoint) { connection, _ in try await body(connection) }
    }

    /// `transaction`, giving `body` a store bound to the transaction: it shares this store's catalog cache and the
    /// transaction's catalog state (what its claims read and its writes changed, see `CatalogTransaction`).
    func transactionView<T: Sendable>(savepoint: Bool = true, _ body: (PostgresStore) async throws -> T) async throws -> T {
        try await inOneTransaction(savepoint: savepoint) { _, view in try await body(view) }
    }

    private func inOneTransaction<T: Sendable>(
        savepoint: Bool, _ body: (PostgresConnection, PostgresStore) async throws -> T
    ) async throws -> T {
        if readOnly { throw StoreReadOnly("a transaction") }
        if let connection {
            let view = self
            guard savepoint else {
                do {
                    return try await body(connection, view)
                } catch {
                    throw Self.domainError(error)
                }
            }
            try await connection.run("SAVEPOINT zapis_nested", logger: logger)
            do {
                let result = try await body(connection, view)
                try await connection.run("RELEASE SAVEPOINT zapis_nested", logger: logger)
                return result
            } catch {
                _ = try? await connection.run("ROLLBACK TO SAVEPOINT zapis_nested", logger: logger)
                _ = try? await connection.run("RELEASE SAVEPOINT zapis_nested", logger: logger)
                throw Self.domainError(error)
            }
        }
        let (client, logger, cache, meter) = (client, logger, catalogCache, meter)
        return try await leased { connection in
            let view = PostgresStore(
                client: client, connection: connection, logger: logger, catalogCache: cache, catalogTransaction: CatalogTransaction(),
                meter: meter)
            try await connection.run("BEGIN", logger: logger)
            do {
                let result = try await body(connection, view)
                try await connection.run("COMMIT", logger: logger)
                return result
            } catch {
                _ = try? await connection.run("ROLLBACK", logger: logger)
                throw Self.domainError(error)
            }
        }
    }

    /// Runs one statement (on the bound connection, or any pooled one) and collects its rows.
    @discardableResult
    func query(_ query: PostgresQuery) async throws -> [PostgresRow] {
        if readOnly, !query.sql.hasPrefix("SELECT") { throw StoreReadOnly(String(query.sql.prefix(60))) }
        do {
            if let connection { return try await connection.rows(query, logger: logger) }
            let logger = logger
            return try await leased { try await $0.rows(query, logger: logger) }
        } catch {
            throw Self.domainError(error)
        }
    }

    /// Runs `body` on a pooled connection, counted by `meter`.
    func leased<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let ticket = meter.enter()
        var held = false
        do {
            return try await client.withConnection { connection in
                held = true
                meter.acquired(ticket)
                defer { meter.released() }
                return try await body(connection)
            }
        } catch {
            if !held { meter.abandoned(ticket) }
            throw error
        }
    }

    /// Maps server errors that carry a domain meaning.
    static func domainError(_ error: any Error) -> any Error {
        guard let psql = error as? PSQLError else { return error }
        switch psql.serverInfo?[.sqlState] {
        case "23P01": return BookingError.slotTaken  // exclusion_violation: an overlapping confirmed booking
        default: return error
        }
    }

    /// A readable one-line description of a database error (PSQLError hides the server message by default).
    static func describe(_ error: any Error) -> String {
        guard let psql = error as? PSQLError else { return String(describing: error) }
        if let info = psql.serverInfo, let message = info[.message] {
            return "\(info[.sqlState] ?? "?"): \(message)"
        }
        return "\(psql.code)"
    }
}

extension PostgresConnection {
    /// Runs one statement and collects its rows.
    @discardableResult
    func rows(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRow] {
        try ensureOpen()
        return try await self.query(query, logger: logger).collect()
    }

    /// Runs one statement whose rows nobody reads (`BEGIN`, `COMMIT`, savepoints).
    func run(_ query: PostgresQuery, logger: Logger) async throws {
        try ensureOpen()
        try await self.query(query, logger: logger)
    }

    /// Throws instead of writing to a connection that has closed. PostgresNIO 1.33 writes a statement to the
    /// channel without a promise; once the channel has closed (the server restarted, say) its handler is gone,
    /// the write is dropped, and the statement's result never arrives: the caller would wait forever. That is
    /// what stalled updates after a PostgreSQL restart (the `ROLLBACK` after a failed statement, or the next
    /// statement of a transaction whose connection died between two statements). The channel closes on its event
    /// loop before its handlers are removed, so this check leaves only a window of microseconds between the check
    /// and the write; see "PostgreSQL restart" in docs/DECISIONS.md.
    func ensureOpen() throws {
        if isClosed { throw PostgresConnectionClosed() }
    }
}

/// A statement was not sent because its connection had already closed (see `PostgresConnection.ensureOpen`):
/// transient, like any lost connection.
public struct PostgresConnectionClosed: Error, CustomStringConvertible {
    public var description: String { "the PostgreSQL connection closed before the statement was sent" }
}
