import BookingCore
import BotFlows
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Storage

/// The service over one database: its tenants' intake, delivery, timers and upkeep, and the routes that serve them.
/// One database has one cell; with several servers each has its own (see docs/SCALING.md), and only the primary's
/// (`platform`) carries the platform: readiness and metrics, the platform bots, YooKassa's notifications and the
/// sales bot's fulfilment.
struct ServiceCell {
    /// What every cell of a process shares.
    struct Shared {
        /// The port the HTTP server bound.
        let boundPort: BoundPort
        /// Fulfilled once the HTTP server listens.
        let serverReady: ServerReady
        /// Records the services while they run.
        let running: RunningServices
        /// Caps the attempts of crashing updates: one in-flight journal per process.
        let crashGuard: CrashGuard
        /// Incoming rate limits in this process's memory, when Redis does not hold them.
        let rateLimiter = InMemoryRateLimiter()
    }

    /// This cell's routes.
    let router = Router(context: AppRequestContext.self)
    /// This cell's services (tracked).
    private(set) var services: [any ServiceLifecycle.Service] = []

    init(configuration: AppConfiguration, dependencies: AppDependencies, shared: Shared, platform: Bool, name: String? = nil) {
        let logger = dependencies.logger
        let running = shared.running
        let label = name.map { " (\($0))" } ?? ""
        func track(_ service: any ServiceLifecycle.Service, _ what: String) -> any ServiceLifecycle.Service {
            running.track(service, as: what + label)
        }
        let directory = TenantDirectory(
            store: dependencies.stores.tenants, vault: dependencies.vault, keySource: dependencies.keySource, logger: logger)
        let bot = CustomerBot(environment: FlowEnvironment(stores: dependencies.stores, now: dependencies.now))
        let signal = OutboxSignal()
        let settings = Self.senderSettings(configuration, dependencies)
        let processor = Self.processor(configuration, dependencies, shared: shared, directory: directory, settings: settings, signal: signal)
        let sender = OutboxSender(
            outbox: dependencies.outbox, directory: directory, botAPI: dependencies.botAPI, now: dependencies.now,
            clock: dependencies.clock, settings: settings,
            signal: signal, metrics: dependencies.metrics, health: dependencies.botHealth, logger: logger)
        let timers = TimerIntake(
            outbox: dependencies.outbox, directory: directory, processor: processor, owner: settings.owner, lease: settings.lease,
            interval: .milliseconds(configuration.timerIntervalMilliseconds), now: dependencies.now, clock: dependencies.clock,
            logger: logger)
        // Long polling with several instances: each bot is polled by the one holding its lease.
        let pollLeases = configuration.publicURL == nil ? dependencies.pollLeases.map {
            PollLeases(store: $0, owner: settings.owner, now: dependencies.now, clock: dependencies.clock, logger: logger)
        } : nil
        var runner = TenantRunner(
            directory: directory, processor: processor, botAPI: dependencies.botAPI, commandMenus: { await bot.commandMenus(for: $0) },
            configuration: configuration, serverReady: shared.serverReady, clock: dependencies.clock, health: dependencies.botHealth,
            now: dependencies.now, leases: pollLeases, logger: logger)
        if platform {
            // The platform bots' rows follow the configuration before the runner connects the bots.
            runner.prepare = { [platform = PlatformBots(dependencies: dependencies, configuration: configuration.platform)] in await platform.ensure() }
        }
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
        let watch = SubscriptionWatch(
            stores: dependencies.stores, unitOfWork: dependencies.unitOfWork, grace: configuration.billing.grace,
            interval: .seconds(configuration.billing.checkIntervalSeconds), now: dependencies.now, clock: dependencies.clock, logger: logger)

        router.add(middleware: RequestIDMiddleware())
        WebhookRoutes(directory: directory, processor: processor, metrics: dependencies.metrics).register(on: router)
        OperatorAPI(dependencies: dependencies, configuration: configuration, logger: logger).register(on: router)
        CalendarFeedRoutes(
            directory: directory, tenants: dependencies.stores.tenants, now: dependencies.now,
            source: CalendarFeedSource(
                catalog: dependencies.stores.catalog, bookings: dependencies.stores.bookings, backOffice: dependencies.stores.backOffice)
        ).register(on: router)
        MiniAppRoutes(
            directory: directory, processor: processor, environment: FlowEnvironment(stores: dependencies.stores, now: dependencies.now),
            maxAge: Double(configuration.miniAppMaxAgeSeconds), now: dependencies.now
        ).register(on: router)
        Self.payRoutes(configuration, dependencies, router: router)

        services = [
            track(runner, "tenant runner"), track(timers, "timer intake"), track(sender, "outbox sender"), track(purger, "tenant purger"),
            track(sweeper, "status sweeper"), track(watch, "subscription watch"),
        ] + (housekeeper.map { [track($0, "housekeeper")] } ?? []) + (pollLeases.map { [track($0, "poll leases")] } ?? [])
            + (Self.scheduledBackups(configuration, dependencies, server: name).map { [track($0, "scheduled backups")] } ?? [])
        if platform {
            services += Self.platformParts(
                configuration, dependencies, router: router, running: running, directory: directory, signal: signal)
        }
    }

    /// The sender's settings from the configuration.
    private static func senderSettings(_ configuration: AppConfiguration, _ dependencies: AppDependencies) -> OutboxSender.Settings {
        var settings = OutboxSender.Settings()
        settings.lease = Double(configuration.outboxLeaseSeconds)
        settings.limits = configuration.senderLimits
        settings.noticeInterval = .milliseconds(configuration.noticeDigestMilliseconds)
        settings.sharedFlood = dependencies.redis?.flood
        settings.providerToken = { [stores = dependencies.stores, vault = dependencies.vault] tenant in
            guard case .provider(let sealed)? = try? await stores.deposits.paymentMode(tenant) else { return nil }
            return try? vault.open(sealed)
        }
        return settings
    }
}
