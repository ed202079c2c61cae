import Foundation
import Logging
import ServiceLifecycle
import Storage
import StorageRedis
import TelegramBotAPI

/// Every live dependency the service uses; tests build it with their own values.
public struct AppDependencies: Sendable {
    /// Stores.
    public var stores: Stores
    /// The operator API's bearer tokens.
    public var operatorTokens: any OperatorTokenStore
    /// Per-tenant counts for the operator.
    public var tenantStats: any TenantStatsStore
    /// Transactions over the same backend (stores + outbox committed together).
    public var unitOfWork: any UnitOfWork
    /// The outbox the sender drains.
    public var outbox: any OutboxStore
    /// Bot API client (live HTTP, pointed at Telegram or the sandbox).
    public var botAPI: any BotAPIClient
    /// Token encryption and webhook secrets.
    public var vault: TokenVault
    /// Where `vault`'s keys came from, read again when a token does not open (a rotation made beside this process);
    /// nil: the vault is fixed.
    public var keySource: KeySource?
    /// The clock.
    public var now: @Sendable () -> Date
    /// The clock the service paces itself by (see `ServiceClock`).
    public var clock: any ServiceClock = SystemClock()
    /// Root logger.
    public var logger: Logger
    /// Redis for conversation state, when configured.
    public var redis: RedisStores?
    /// Incoming rate limits, when configured (with Redis).
    public var rateLimiter: (any RateLimiter)?
    /// Caps the attempts of crashing or failing updates; nil: a guard without a journal is built (see `CrashGuard`).
    public var crashGuard: CrashGuard?
    /// The database's rows in the portable form, for scheduled backups; nil: backups are not possible (in memory).
    public var portable: (any PortableStore)?
    /// What the scheduled backups last did (readiness shows it when backups are configured).
    public var backupStatus = BackupStatus()
    /// The database's migration ledger, for readiness; nil: not checked.
    public var migrations: (any MigrationLedger)?
    /// Prunes old processed-update marks and done outbox rows; nil: nothing is pruned (the in-memory store).
    public var housekeeping: (any Housekeeping)?
    /// Which instance long-polls each bot; nil: this process polls every bot (the in-memory store).
    public var pollLeases: (any PollLeaseStore)?
    /// Counts the database's connection leases for `/metrics`; nil: not shown.
    public var poolMeter: PoolMeter?
    /// The metrics `/metrics` shows; each set of dependencies has its own registry (see `ZapisMetrics`).
    public var metrics = ZapisMetrics()
    /// Tenants whose token Telegram refuses (`token_invalid`), as this process saw it.
    public var botHealth = BotHealth()
    /// The database servers and the placement of tenants on them, when `ZAPIS_POSTGRES_SERVERS` is set; nil: one
    /// database holds every tenant.
    public var placement: PlacedServers?
    /// With `placement`: the dependencies of each server other than the primary (these are the primary's), sharing
    /// this process's vault, metrics and operator tokens (see `LiveDependencies.cell`).
    public var cells: [String: AppDependencies] = [:]
    /// Long-running parts of the dependencies (e.g. the PostgreSQL pool) that must run beside the application.
    public var services: [any Service]

    /// Bundles dependencies.
    public init(
        stores: Stores, operatorStore: any OperatorTokenStore & TenantStatsStore, unitOfWork: any UnitOfWork, outbox: any OutboxStore, botAPI: any BotAPIClient, vault: TokenVault, now: @escaping @Sendable () -> Date = { Date() }, logger: Logger,
        services: [any Service] = []
    ) {
        self.stores = stores
        self.operatorTokens = operatorStore
        self.tenantStats = operatorStore
        self.unitOfWork = unitOfWork
        self.outbox = outbox
        self.botAPI = botAPI
        self.vault = vault
        self.now = now
        self.logger = logger
        self.services = services
    }
}
