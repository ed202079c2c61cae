import App
import ZapisTools
import AsyncHTTPClient
import BookingCore
import Foundation
import Logging
import ServiceLifecycle
import Storage
import StorageSQLite
import TelegramBotAPI
import TelegramSandbox

/// The real service over HTTP on a temporary SQLite file, wired to a sandbox, with two demo tenants.
struct LocalStack {
    let sandbox: TelegramSandbox
    let store: SQLiteStore
    let stores: Stores
    let tokens: [TenantID: BotToken]
    let appPort: Int
    let vault: TokenVault
    /// What the service runs on (for tools the operator runs beside it, e.g. `TenantLifecycle`).
    let dependencies: AppDependencies

    static let tenantA = TenantID("salon_alpha")!
    static let tenantB = TenantID("salon_beta")!

    enum Mode { case webhook, polling }

    /// Starts everything, runs `body`, then stops everything.
    static func run(
        mode: Mode, redisURL: String? = nil, clock: TestClock? = nil, policies: Policies? = nil,
        floodLimits: SandboxFloodLimits? = nil, environment: [String: String] = [:], directory: URL? = nil, keyFile: String? = nil,
        beforeStart: @Sendable (TelegramSandbox) async -> [String: String] = { _ in [:] },
        _ body: @Sendable (LocalStack) async throws -> Void
    ) async throws {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let sandbox = TelegramSandbox(
            configuration: .init(host: "127.0.0.1", port: 0, webhookRetryDelay: .milliseconds(50), floodLimits: floodLimits), logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            let sandboxGroup = ServiceGroup(configuration: .init(services: [RunService { try await sandbox.run() }], logger: logger))
            let (sandboxStopped, sandboxStoppedSink) = AsyncStream.makeStream(of: Void.self)
            group.addTask {
                defer { sandboxStoppedSink.finish() }
                try await sandboxGroup.run()
            }
            let sandboxPort = try await sandbox.waitUntilRunning()
            let path = (directory ?? FileManager.default.temporaryDirectory).appendingPathComponent("zapis-e2e-\(UUID().uuidString).sqlite").path
            let store = try await SQLiteStore.open(path: path, logger: logger)
            var configuration = AppConfiguration(environment: environment.merging(await beforeStart(sandbox)) { $1 })
            configuration.port = 0
            configuration.databaseURL = path
            configuration.telegramAPIURL = "http://127.0.0.1:\(sandboxPort)"
            configuration.publicURL = mode == .webhook ? "http://127.0.0.1:{port}" : nil
            configuration.pollingTimeoutSeconds = 1
            // With a key file the service reads its keys as `zapis serve` does (and follows a rotation beside it).
            let keySource = keyFile.map { KeySource(configured: nil, keyFile: $0) }
            let vault = try keySource?.load() ?? TokenVault(base64Key: TokenVault.generateKey())
            var dependencies = AppDependencies.embedded(
                store, botAPI: configuration.botAPIClient(httpClient: .shared), vault: vault, logger: logger)
            dependencies.keySource = keySource
            if let redisURL { dependencies = try dependencies.withRedis(url: redisURL, logger: logger) }
            if let clock {
                dependencies.now = { clock.date() }
                dependencies.clock = clock
            }
            let provisioner = TenantProvisioner(stores: dependencies.stores, botAPI: dependencies.botAPI, vault: vault, now: { Date() })
            var tokens: [TenantID: BotToken] = [:]
            for id in [tenantA, tenantB] {
                let token = await sandbox.registerBot(username: "\(id.rawValue)_bot", firstName: id.rawValue)
                _ = try await provisioner.add(DemoSalon.request(token: token.rawValue, id: id.rawValue, name: "Salon \(id.rawValue)"))
                try await DemoSalon.seed(dependencies.stores, tenant: id)
                if let policies { try await dependencies.stores.backOffice.updatePolicies(policies, of: id) }
                tokens[id] = token
            }
            let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
            let app = buildApplication(configuration: configuration, dependencies: dependencies) { port in portSink.yield(port) }
            // The app stops gracefully before anything is cancelled: cancelling a server while it accepts a connection
            // trips NIO ("Deinited NIOAsyncWriter without calling finish()", swift-nio#2637).
            let appGroup = ServiceGroup(configuration: .init(services: [app], logger: logger))
            let (appStopped, appStoppedSink) = AsyncStream.makeStream(of: Void.self)
            group.addTask {
                defer { appStoppedSink.finish() }
                try await appGroup.run()
            }
            var iterator = ports.makeAsyncIterator()
            let appPort = try #require(await iterator.next())
            if mode == .webhook {
                for token in tokens.values {
                    _ = try await sandbox.waitForWebhookInfo(bot: token, timeout: .seconds(10)) { !$0.url.isEmpty }
                }
            }
            let stack = LocalStack(
                sandbox: sandbox, store: store, stores: dependencies.stores, tokens: tokens, appPort: appPort, vault: vault,
                dependencies: dependencies)
            do {
                try await body(stack)
            } catch {
                await Self.stop(appGroup, stopped: appStopped)
                await Self.stop(sandboxGroup, stopped: sandboxStopped)
                group.cancelAll()
                throw error
            }
            await Self.stop(appGroup, stopped: appStopped)
            await Self.stop(sandboxGroup, stopped: sandboxStopped)
            group.cancelAll()
        }
    }

    /// Shuts a service group down gracefully, waiting at most 10 s before the caller cancels what is left.
    private static func stop(_ app: ServiceGroup, stopped: AsyncStream<Void>) async {
        await app.triggerGracefulShutdown()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { for await _ in stopped {} }
            group.addTask { try? await Task.sleep(for: .seconds(10)) }
            await group.next()
            group.cancelAll()
        }
    }

    /// The webhook secret the service expects for `tenant` (it depends on the tenant's creation time).
    func webhookSecret(for tenant: TenantID) async throws -> String {
        let record = try #require(try await stores.tenants.tenant(tenant))
        return vault.webhookSecret(for: tenant, version: record.createdAt)
    }

    func user(_ id: Int64, of tenant: TenantID, language: String = "ru") -> SimulatedUser {
        sandbox.user(id, firstName: "User\(id)", languageCode: language, bot: tokens[tenant]!)
    }
}

import Testing

/// A closure as a service, so a service group can shut it down gracefully.
struct RunService: ServiceLifecycle.Service {
    let body: @Sendable () async throws -> Void

    func run() async throws { try await body() }
}
