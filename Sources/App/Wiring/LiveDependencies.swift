import AsyncHTTPClient
import Foundation
import Logging
import ServiceLifecycle
import Storage
import StoragePostgres
import StorageSQLite
import TelegramBotAPI

/// Opens the live dependencies described by a configuration.
public enum LiveDependencies {
    /// Why the configuration cannot be served.
    public enum Failure: Error, CustomStringConvertible {
        /// PostgreSQL is selected without `ZAPIS_MASTER_KEY` (no key file is written beside a server database).
        case masterKeyRequired

        public var description: String {
            switch self {
            case .masterKeyRequired:
                "ZAPIS_DATABASE_URL selects PostgreSQL, which needs ZAPIS_MASTER_KEY or ZAPIS_MASTER_KEY_FILE (base64 of 32 bytes, e.g. "
                    + "`openssl rand -base64 32`) to encrypt bot tokens; every instance must use the same key"
            }
        }
    }

    /// Opens the store, loads the master key and creates the Bot API client. On PostgreSQL the returned
    /// `services` hold the connection pool, which must run (in the application's service group, or through
    /// `withRunning`) for the stores to answer.
    public static func open(_ configuration: AppConfiguration, logger: Logger) async throws -> AppDependencies {
        let botAPI = configuration.botAPIClient(httpClient: BotAPIHTTPClient.shared)
        let source = configuration.keySource
        if configuration.usesPostgres {
            guard source.configured != nil || source.keyFile != nil else { throw Failure.masterKeyRequired }
            let vault = try source.load()
            if case let servers = try configuration.serverList.get(), !servers.isEmpty {
                return try await placed(configuration, servers: servers, botAPI: botAPI, vault: vault, logger: logger)
            }
            let store = try await PostgresStore.open(
                url: configuration.databaseURL, poolSize: configuration.databasePoolSize, logger: logger)
            var dependencies = postgres(store, botAPI: botAPI, vault: vault, logger: logger)
            dependencies.keySource = source
            return dependencies
        }
        let store = try await SQLiteStore.open(path: configuration.sqlitePath, logger: logger)
        var dependencies = AppDependencies.embedded(store, botAPI: botAPI, vault: try source.load(), logger: logger)
        dependencies.keySource = source
        return dependencies
    }

    /// The dependencies of one PostgreSQL store; its pool is the one service.
    static func postgres(_ store: PostgresStore, botAPI: any BotAPIClient, vault: TokenVault, logger: Logger) -> AppDependencies {
        var dependencies = AppDependencies(
            stores: Stores(store), operatorStore: store, unitOfWork: store, outbox: store, botAPI: botAPI, vault: vault, logger: logger,
            services: [store.client])
        dependencies.use(store, meter: store.meter)
        return dependencies
    }

    /// Opens the dependencies and runs their services (the PostgreSQL pool) while `body` runs: for one-shot
    /// commands such as `zapis tenant add` that use the stores without serving.
    public static func withRunning<T: Sendable>(
        _ configuration: AppConfiguration, logger: Logger, _ body: @Sendable (AppDependencies) async throws -> T
    ) async throws -> T {
        let dependencies = try await open(configuration, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            for service in dependencies.services { group.addTask { try await service.run() } }
            defer { group.cancelAll() }
            try await dependencies.placement?.prepare(now: Date())
            return try await body(dependencies)
        }
    }

    /// A logger at the configured level.
    public static func logger(_ configuration: AppConfiguration, label: String = "zapis") -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = Logger.Level(rawValue: configuration.logLevel) ?? .info
        return logger
    }
}
