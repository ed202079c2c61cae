import Foundation
import Logging
import Storage
import StorageSQLite
import TelegramBotAPI

extension AppDependencies {
    /// Dependencies over one SQLite store (stores, transactions and outbox on the same file).
    public static func embedded(
        _ store: SQLiteStore, botAPI: any BotAPIClient, vault: TokenVault, now: @escaping @Sendable () -> Date = { Date() }, logger: Logger
    ) -> AppDependencies {
        var dependencies = AppDependencies(
            stores: Stores(store), operatorStore: store, unitOfWork: store, outbox: store, botAPI: botAPI, vault: vault, now: now, logger: logger)
        dependencies.migrations = store
        dependencies.poolMeter = store.meter
        dependencies.housekeeping = store
        dependencies.pollLeases = store
        dependencies.portable = store
        return dependencies
    }
}
