import BookingCore
import Foundation
import BotFlows
import Hummingbird
import HummingbirdCore
import NIOCore
import Logging
import AsyncHTTPClient
import ServiceLifecycle
import Synchronization
import Storage
import TelegramBotAPI

/// Builds the whole service: HTTP routes plus the tenant runner, as one Hummingbird application.
public func buildApplication(
    configuration: AppConfiguration, dependencies: AppDependencies,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    buildApplication(configuration: configuration, dependencies: dependencies, running: RunningServices(), onServerRunning: onServerRunning)
}

/// `buildApplication`, recording its services in `running` while they run.
func buildApplication(
    configuration: AppConfiguration, dependencies: AppDependencies, running: RunningServices,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let logger = dependencies.logger
    let directory = TenantDirectory(
        store: dependencies.stores.tenants, vault: dependencies.vault, keySource: dependencies.keySource, logger: logger)
    let bot = CustomerBot(environment: FlowEnvironment(stores: dependencies.stores, now: dependencies.now))
    let signal = OutboxSignal()
    var settings = OutboxSender.Settings()
    settings.lease = Double(configuration.outboxLeaseSeconds)
    settings.limits = configuration.senderLimits
    settings.noticeInterval = .milliseconds(configuration.noticeDigestMilliseconds)
    settings.sharedFlood = dependencies.redis?.flood
    settings.providerToken = { [stores = dependencies.stores, vault = dependencies.vault] tenant in
        guard case .provider(let sealed)? = try? await stores.deposits.paymentMode(tenant) else { return nil }
        return try? vault.open(sealed)
    }
    // The Mini App's links need the bound port when the configured URL says `{port}`; set once the server listens.
    let boundPort = BoundPort()
    let miniAppURL: @Sendable (TenantID) -> String? = { tenant in
        boundPort.port.withLock { $0 }.flatMap { configuration.miniAppURL(for: tenant, boundPort: $0) }
    }
    let crashGuard = dependencies.crashGuard ?? CrashGuard(store: dependencies.stores.deadLetters, maxAttempts: configuration.maxUpdateAttempts)
    let options = UpdateProcessor.Options(
        claim: { [settings] at in settings.claim(at: at) }, redis: dependencies.redis,
        // Without Redis the same policy runs in this process's memory (one process owns an embedded deployment).
        // `ZAPIS_RATE_LIMITS=0` turns them off with Redis too.
        rateLimiter: configuration.rateLimits ? dependencies.rateLimiter ?? InMemoryRateLimiter() : nil,
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
    let processor = UpdateProcessor(
        unitOfWork: dependencies.unitOfWork, crashGuard: crashGuard, now: dependencies.now, logger: logger, options: options
    ) { commit in
        if let handoff = commit.handoff { signal.handOff(handoff) }
        if commit.needsClaim { signal.wake() }
    }
    let sender = OutboxSender(
        outbox: dependencies.outbox, directory: directory, botAPI: dependencies.botAPI, now: dependencies.now,
        clock: dependencies.clock, settings: settings,
        signal: signal, metrics: dependencies.metrics, health: dependencies.botHealth, logger: logger)
    let timers = TimerIntake(
        outbox: dependencies.outbox, directory: directory, processor: processor, owner: settings.owner, lease: settings.lease,
        interval: .milliseconds(configuration.timerIntervalMilliseconds), now: dependencies.now, clock: dependencies.clock,
        logger: logger)
    let serverReady = ServerReady()
    // Long polling with several instances: each bot is polled by the one holding its lease.
    let pollLeases = configuration.publicURL == nil ? dependencies.pollLeases.map {
        PollLeases(store: $0, owner: settings.owner, now: dependencies.now, clock: dependencies.clock, logger: logger)
    } : nil
    var runner = TenantRunner(
        directory: directory, processor: processor, botAPI: dependencies.botAPI, commandMenus: { await bot.commandMenus(for: $0) },
        configuration: configuration, serverReady: serverReady, clock: dependencies.clock, health: dependencies.botHealth,
        now: dependencies.now, leases: pollLeases, logger: logger)
    // The platform bots' rows follow the configuration before the runner connects the bots.
    runner.prepare = { [platform = PlatformBots(dependencies: dependencies, configuration: configuration.platform)] in await platform.ensure() }

    let purger = TenantPurger(
        lifecycle: TenantLifecycle(dependencies: dependencies, actor: "zapis:purge"), grace: Double(configuration.deleteGraceDays) * 86_400,
        interval: .seconds(configuration.purgeIntervalSeconds), clock: dependencies.clock, logger: logger)

    let sweeper = BookingStatusSweeper(
        tenants: dependencies.stores.tenants, backOffice: dependencies.stores.backOffice, interval: .seconds(configuration.statusSweepSeconds),
        now: dependencies.now, clock: dependencies.clock, logger: logger)

    let housekeeper = dependencies.housekeeping.map {
        Housekeeper(
            store: $0, interval: .seconds(configuration.purgeIntervalSeconds), now: dependencies.now, clock: dependencies.clock, logger: logger)
    }

    let router = Router(context: AppRequestContext.self)
    router.add(middleware: RequestIDMiddleware())
    let sampler = MetricsSampler(
        metrics: dependencies.metrics, outbox: dependencies.outbox, directory: directory, circuit: dependencies.redis?.circuit,
        health: dependencies.botHealth, pool: dependencies.poolMeter, now: dependencies.now)
    let backups = configuration.backupDirectory.flatMap { directory in
        dependencies.portable.map { store in
            ScheduledBackups(
                store: store, directory: URL(fileURLWithPath: directory),
                retention: BackupRetention(daily: configuration.backupKeepDaily, weekly: configuration.backupKeepWeekly),
                interval: .seconds(configuration.backupIntervalSeconds), now: dependencies.now, clock: dependencies.clock,
                status: dependencies.backupStatus, metrics: dependencies.metrics, logger: logger)
        }
    }
    ObservabilityRoutes(
        sampler: sampler, tenants: dependencies.stores.tenants, migrations: dependencies.migrations, redis: dependencies.redis,
        backups: backups == nil ? nil : dependencies.backupStatus
    ).register(on: router)
    WebhookRoutes(directory: directory, processor: processor, metrics: dependencies.metrics).register(on: router)
    OperatorAPI(dependencies: dependencies, configuration: configuration, logger: logger).register(on: router)
    var billingServices: [any ServiceLifecycle.Service] = [
        running.track(
            SubscriptionWatch(
                stores: dependencies.stores, unitOfWork: dependencies.unitOfWork, grace: configuration.billing.grace,
                interval: .seconds(configuration.billing.checkIntervalSeconds), now: dependencies.now, clock: dependencies.clock, logger: logger),
            as: "subscription watch")
    ]
    if let client = configuration.billing.yookassaClient(httpClient: .shared) {
        let fulfilment = FulfilmentSignal()
        var notifications = PaymentNotifications(client: client, dependencies: dependencies, configuration: configuration.billing)
        notifications.applied = { fulfilment.wake() }
        PaymentRoutes(notifications: notifications).register(on: router)
        let checkout = Checkout(
            client: client, billing: dependencies.stores.billing, returnURL: configuration.billing.yookassaReturnURL, now: dependencies.now)
        PayRoutes(checkout: checkout, billing: dependencies.stores.billing, vault: dependencies.vault, logger: logger).register(on: router)
        billingServices.append(
            running.track(
                SalesFulfilment(
                    dependencies: dependencies, interval: .seconds(configuration.platform.retryIntervalSeconds),
                    operatorIDs: configuration.platform.operatorBotToken == nil ? [] : configuration.platform.operatorIDs, wake: fulfilment,
                    sent: { signal.wake() }),
                as: "sales fulfilment"))
        billingServices.append(
            running.track(
                PaymentSweeper(notifications: notifications, interval: .seconds(configuration.billing.checkIntervalSeconds), clock: dependencies.clock),
                as: "payment sweeper"))
    }
    CalendarFeedRoutes(
        directory: directory, tenants: dependencies.stores.tenants, now: dependencies.now,
        source: CalendarFeedSource(
            catalog: dependencies.stores.catalog, bookings: dependencies.stores.bookings, backOffice: dependencies.stores.backOffice)
    ).register(on: router)
    MiniAppRoutes(
        directory: directory, processor: processor, environment: FlowEnvironment(stores: dependencies.stores, now: dependencies.now),
        maxAge: Double(configuration.miniAppMaxAgeSeconds), now: dependencies.now
    ).register(on: router)

    // Idle connections are closed, and headers are bounded well below the defaults (Telegram sends a few small ones).
    let http1 = HTTP1Channel.Configuration(
        idleTimeout: TimeAmount.seconds(Int64(configuration.httpIdleTimeoutSeconds)),
        httpDecoderConfiguration: HTTP1Channel.Configuration.DecoderConfiguration(maxHeaderFieldSize: 16 * 1024, maxHeaderListSize: 32 * 1024, maxHeaderFieldCount: 100))
    return Application(
        router: router,
        server: .http1(configuration: http1),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "zapis"),
        services: dependencies.services.map { running.track($0, as: "\(type(of: $0))") }
            + [
                running.track(runner, as: "tenant runner"), running.track(timers, as: "timer intake"),
                running.track(sender, as: "outbox sender"), running.track(purger, as: "tenant purger"),
                running.track(sweeper, as: "status sweeper"),
            ] + (housekeeper.map { [running.track($0, as: "housekeeper")] } ?? [])
            + (pollLeases.map { [running.track($0, as: "poll leases")] } ?? []) + billingServices
            + (backups.map { [running.track($0, as: "scheduled backups")] } ?? []),
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? configuration.port
            boundPort.port.withLock { $0 = port }
            await serverReady.fulfil(port: port)
            await onServerRunning(port)
        },
        logger: logger)
}

/// The port the HTTP server bound, once it listens (read by links that name it).
final class BoundPort: Sendable {
    let port = Mutex<Int?>(nil)
}
