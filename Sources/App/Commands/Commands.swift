import BookingCore
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals
import TelegramBotAPI

/// What the `zapis` subcommands do; the executable only parses arguments.
public enum Commands {
    /// Installs the process's log handler, before any logger is made: JSON lines (`JSONLogHandler`) when
    /// `ZAPIS_LOG_FORMAT=json`, else swift-log's default. swift-log allows one bootstrap per process, so only the
    /// executable's serve and demo paths call this (tests never do; they build many applications in one process).
    public static func bootstrapLogging(environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard AppConfiguration(environment: environment).logFormat == "json" else { return }
        LoggingSystem.bootstrap { label in JSONLogHandler(label: label) }
    }

    /// `zapis serve`.
    public static func serve(_ configuration: AppConfiguration) async throws {
        let logger = LiveDependencies.logger(configuration)
        var dependencies = try await LiveDependencies.open(configuration, logger: logger)
        if dependencies.placement != nil, configuration.publicURL == nil { throw ServerListError.needsWebhooks }
        if let redisURL = configuration.redisURL { dependencies = try dependencies.withRedis(url: redisURL, logger: logger) }
        dependencies.crashGuard = try CrashGuard.open(
            journalPath: configuration.inFlightJournalPath, store: dependencies.stores.deadLetters,
            maxAttempts: configuration.maxUpdateAttempts, logger: logger)
        let running = RunningServices()
        let app = buildApplication(configuration: configuration, dependencies: dependencies, running: running) { port in
            logger.info("serving", metadata: ["port": "\(port)", "mode": "\(configuration.publicURL == nil ? "polling" : "webhook")"])
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService() }
            // The service group stops on SIGTERM/SIGINT too; this only reports a stop that hangs.
            group.addTask {
                await StopWatch(running: running, patience: .seconds(5), logger: logger).watch(await UnixSignalsSequence(trapping: .sigterm, .sigint))
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// `zapis tenant add`: returns a one-line summary.
    public static func addTenant(_ request: TenantProvisioner.Request, configuration: AppConfiguration) async throws -> String {
        let logger = LiveDependencies.logger(configuration)
        return try await LiveDependencies.withRunning(configuration, logger: logger) { all in
            guard let id = TenantID(request.id) else { throw ProvisioningError.invalidID(request.id) }
            let dependencies = try await all.placingNew(id)
            let provisioner = TenantProvisioner(
                stores: dependencies.stores, botAPI: dependencies.botAPI, vault: dependencies.vault, now: dependencies.now)
            let record = try await provisioner.add(request, actor: cliActor())
            let mode: String
            if let url = configuration.webhookURL(for: record.id, boundPort: configuration.port) {
                _ = try await dependencies.botAPI.call(
                    SetWebhook(url: url, secretToken: dependencies.vault.webhookSecret(for: record.id, version: record.createdAt), allowedUpdates: TenantRunner.allowedUpdates),
                    token: BotToken(request.token))
                mode = "webhook \(url)"
            } else {
                mode = "long polling (by the running `zapis serve`)"
            }
            return "added \(record.id) (@\(record.botUsername)), \(mode)"
        }
    }

    /// `zapis tenant list`: one line per tenant.
    public static func listTenants(configuration: AppConfiguration) async throws -> [String] {
        let logger = LiveDependencies.logger(configuration)
        return try await LiveDependencies.withRunning(configuration, logger: logger) { all in
            var records: [(TenantRecord, AppDependencies)] = []
            for dependencies in all.everyServer { records += try await dependencies.stores.tenants.allTenants().map { ($0, dependencies) } }
            return records.sorted { $0.0.id.rawValue < $1.0.id.rawValue }.map { record, dependencies in
                let p = record.profile
                // A token this key cannot open is reported; `serve` skips that tenant and serves the others.
                let status = (try? dependencies.vault.open(record.encryptedToken)) == nil ? "token_unreadable" : p.status.rawValue
                return "\(p.id)\t@\(record.botUsername)\t\(status)\t\(p.timeZone)\t\(p.name)"
            }
        }
    }
}
