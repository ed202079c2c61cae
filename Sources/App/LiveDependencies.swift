import AsyncHTTPClient
import Foundation
import Logging
import Storage
import StorageSQLite
import TelegramBotAPI

/// Opens the live dependencies described by a configuration.
public enum LiveDependencies {
    /// Why the configuration cannot be served.
    public enum Failure: Error, CustomStringConvertible {
        /// PostgreSQL is selected but this build has no PostgreSQL backend yet.
        case postgresNotAvailable

        public var description: String {
            switch self {
            case .postgresNotAvailable: "ZAPIS_DATABASE_URL selects PostgreSQL, which this build does not support yet; use a SQLite path"
            }
        }
    }

    /// Opens the store, loads the master key and creates the Bot API client.
    public static func open(_ configuration: AppConfiguration, logger: Logger) async throws -> AppDependencies {
        guard !configuration.usesPostgres else { throw Failure.postgresNotAvailable }
        let path = configuration.sqlitePath
        let store = try await SQLiteStore.open(path: path, logger: logger)
        let keyFile = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("zapis.key").path
        let vault = try TokenVault.load(configured: configuration.masterKey, keyFile: keyFile)
        let botAPI = HTTPBotAPIClient(httpClient: .shared, baseURL: configuration.telegramAPIURL)
        return AppDependencies(stores: Stores(store), botAPI: botAPI, vault: vault, logger: logger)
    }

    /// A logger at the configured level.
    public static func logger(_ configuration: AppConfiguration, label: String = "zapis") -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = Logger.Level(rawValue: configuration.logLevel) ?? .info
        return logger
    }
}
