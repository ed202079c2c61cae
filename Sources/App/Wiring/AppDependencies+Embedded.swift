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
        dependencies.use(store, meter: store.meter)
        return dependencies
    }

    /// Every store, transaction, outbox and upkeep from one database (`meter` counts its connection leases).
    mutating func use(_ database: some WholeDatabase, meter: PoolMeter) {
        stores = Stores(database)
        operatorTokens = database
        tenantStats = database
        unitOfWork = database
        outbox = database
        migrations = database
        poolMeter = meter
        housekeeping = database
        pollLeases = database
        portable = database
    }
}

/// One database serving everything (SQLite's file or one PostgreSQL database).
typealias WholeDatabase = TenantStore & CatalogStore & BookingStore & CustomerStore & ConversationStore & UpdateLog & FeedbackStore
    & WaitlistStore & AdminStore & AuditStore & TextOverrideStore & BackOfficeStore & BroadcastLog & DeadLetterStore & ImportStore
    & BillingStore & DepositStore & OperatorTokenStore & TenantStatsStore & UnitOfWork & OutboxStore & MigrationLedger & Housekeeping
    & PollLeaseStore & PortableStore
