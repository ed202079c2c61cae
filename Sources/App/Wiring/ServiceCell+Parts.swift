import BookingCore
import BotFlows
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Storage

extension ServiceCell {
    /// The update processor of a cell, handing its commits to the cell's sender through `signal`.
    static func processor(
        _ configuration: AppConfiguration, _ dependencies: AppDependencies, shared: Shared, directory: TenantDirectory,
        settings: OutboxSender.Settings, signal: OutboxSignal
    ) -> UpdateProcessor {
        let boundPort = shared.boundPort
        // The Mini App's links need the bound port when the configured URL says `{port}`; set once the server listens.
        let miniAppURL: @Sendable (TenantID) -> String? = { tenant in
            boundPort.port.withLock { $0 }.flatMap { configuration.miniAppURL(for: tenant, boundPort: $0) }
        }
        var options = UpdateProcessor.Options(
            claim: { [settings] at in settings.claim(at: at) }, redis: dependencies.redis,
            // Without Redis the same policy runs in this process's memory (one process owns an embedded deployment).
            // `ZAPIS_RATE_LIMITS=0` turns them off with Redis too.
            rateLimiter: configuration.rateLimits ? dependencies.rateLimiter ?? shared.rateLimiter : nil,
            crashTrigger: configuration.testCrashTrigger, navigationReads: configuration.navigationReads, metrics: dependencies.metrics,
            miniAppURL: miniAppURL,
            seal: { [vault = dependencies.vault] secret in try vault.seal(secret) },
            payURL: { [vault = dependencies.vault] id in
                boundPort.port.withLock { $0 }.flatMap {
                    configuration.payURL(for: id.rawValue, signature: PayRoutes.signature(id, vault: vault), boundPort: $0)
                }
            },
            publicURL: { boundPort.port.withLock { $0 }.flatMap { configuration.publicBaseURL(boundPort: $0) } },
            tokenInspector: TokenInspector(botAPI: dependencies.botAPI, vault: dependencies.vault),
            operatorDesk: OperatorDesk(
                operators: Set(configuration.platform.operatorIDs),
                botHealth: { [health = dependencies.botHealth] id in health.rejection(of: id)?.description }),
            lastActivity: { [stats = dependencies.tenantStats] id in try? await stats.tenantStats(id).lastUpdateAt })
        if dependencies.placement != nil {
            options.everyTenant = { [servers = dependencies.everyServer] in
                var all: [TenantRecord] = []
                for server in servers { all += try await server.stores.tenants.allTenants() }
                return all
            }
        }
        let processor = UpdateProcessor(
            unitOfWork: dependencies.unitOfWork, crashGuard: shared.crashGuard, now: dependencies.now, logger: dependencies.logger,
            options: options
        ) { commit in
            if let handoff = commit.handoff { signal.handOff(handoff) }
            if commit.needsClaim { signal.wake() }
        }
        return processor
    }

    /// Pay links (`/pay/{payment}/{signature}`) over this cell's payments, when YooKassa is configured.
    static func payRoutes(_ configuration: AppConfiguration, _ dependencies: AppDependencies, router: Router<AppRequestContext>) {
        guard let client = configuration.billing.yookassaClient(httpClient: .shared) else { return }
        let checkout = Checkout(
            client: client, billing: dependencies.stores.billing, returnURL: configuration.billing.yookassaReturnURL, now: dependencies.now)
        PayRoutes(checkout: checkout, billing: dependencies.stores.billing, vault: dependencies.vault, logger: dependencies.logger)
            .register(on: router)
    }

    /// Scheduled backups of this cell's database into `ZAPIS_BACKUP_DIR` (another server's into its subfolder named
    /// after the server), when configured.
    static func scheduledBackups(_ configuration: AppConfiguration, _ dependencies: AppDependencies, server: String?) -> ScheduledBackups? {
        guard let root = configuration.backupDirectory, let store = dependencies.portable else { return nil }
        var directory = URL(fileURLWithPath: root)
        if let server { directory.appendPathComponent(server) }
        return ScheduledBackups(
            store: store, directory: directory,
            retention: BackupRetention(daily: configuration.backupKeepDaily, weekly: configuration.backupKeepWeekly),
            interval: .seconds(configuration.backupIntervalSeconds), now: dependencies.now, clock: dependencies.clock,
            status: dependencies.backupStatus, metrics: dependencies.metrics, logger: dependencies.logger)
    }

    /// The platform's routes and services, on the primary's cell: readiness and metrics, YooKassa's notifications and
    /// the sales bot's fulfilment.
    static func platformParts(
        _ configuration: AppConfiguration, _ dependencies: AppDependencies, router: Router<AppRequestContext>, running: RunningServices,
        directory: TenantDirectory, signal: OutboxSignal
    ) -> [any ServiceLifecycle.Service] {
        var services: [any ServiceLifecycle.Service] = []
        let sampler = MetricsSampler(
            metrics: dependencies.metrics, backlog: { [dependencies] at in try await dependencies.backlog(now: at) }, directory: directory, circuit: dependencies.redis?.circuit,
            health: dependencies.botHealth, pool: dependencies.poolMeter, now: dependencies.now)
        let backups = configuration.backupDirectory != nil && dependencies.portable != nil
        ObservabilityRoutes(
            sampler: sampler, tenants: dependencies.stores.tenants, migrations: dependencies.readinessLedger, redis: dependencies.redis,
            backups: backups ? dependencies.backupStatus : nil
        ).register(on: router)
        guard let client = configuration.billing.yookassaClient(httpClient: .shared) else { return services }
        let fulfilment = FulfilmentSignal()
        var notifications = PaymentNotifications(client: client, dependencies: dependencies, configuration: configuration.billing)
        notifications.applied = { fulfilment.wake() }
        PaymentRoutes(notifications: notifications).register(on: router)
        services.append(
            running.track(
                SalesFulfilment(
                    dependencies: dependencies, interval: .seconds(configuration.platform.retryIntervalSeconds),
                    operatorIDs: configuration.platform.operatorBotToken == nil ? [] : configuration.platform.operatorIDs, wake: fulfilment,
                    sent: { signal.wake() }),
                as: "sales fulfilment"))
        services.append(
            running.track(
                PaymentSweeper(notifications: notifications, interval: .seconds(configuration.billing.checkIntervalSeconds), clock: dependencies.clock),
                as: "payment sweeper"))
        return services
    }
}
