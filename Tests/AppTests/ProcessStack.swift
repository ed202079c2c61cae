import App
import ZapisTools
import BookingCore
import Foundation
import Logging
import Storage
import StoragePostgres
import TelegramBotAPI
import TelegramSandbox
import Testing

/// The sandbox in this process and `zapis serve` as child processes over one database (SQLite or PostgreSQL),
/// with demo tenants provisioned: for crash and multi-instance tests.
struct ProcessStack: Sendable {
    enum Database: String, Sendable, CustomTestStringConvertible {
        case sqlite, postgres
        var testDescription: String { rawValue }

        /// SQLite always; PostgreSQL when a test server is configured (required under CI).
        static var available: [Database] {
            ProcessInfo.processInfo.environment["ZAPIS_TEST_POSTGRES_URL"] != nil || ProcessInfo.processInfo.environment["CI"] == "true"
                ? [.sqlite, .postgres] : [.sqlite]
        }
    }

    let sandbox: TelegramSandbox
    let configuration: AppConfiguration
    let environment: [String: String]
    let tokens: [TenantID: BotToken]

    /// Starts the sandbox, creates the database and `tenants` demo salons, runs `body`, and stops the sandbox.
    static func run(
        _ database: Database, tenants: Int, leaseSeconds: Int = 3, postgresServer: String? = nil, floodLimits: SandboxFloodLimits? = nil,
        _ body: @Sendable (ProcessStack) async throws -> Void
    ) async throws {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let sandbox = TelegramSandbox(configuration: .init(host: "127.0.0.1", port: 0, webhookRetryDelay: .milliseconds(200), floodLimits: floodLimits), logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await sandbox.run() }
            defer { group.cancelAll() }
            let sandboxPort = try await sandbox.waitUntilRunning()
            var configuration = AppConfiguration(environment: [:])
            configuration.telegramAPIURL = "http://127.0.0.1:\(sandboxPort)"
            configuration.masterKey = TokenVault.generateKey()
            configuration.databaseURL = try await makeDatabase(database, server: postgresServer)
            let tokens = try await LiveDependencies.withRunning(configuration, logger: logger) { dependencies in
                var tokens: [TenantID: BotToken] = [:]
                let provisioner = TenantProvisioner(stores: dependencies.stores, botAPI: dependencies.botAPI, vault: dependencies.vault, now: { Date() })
                for index in 0..<tenants {
                    let id = TenantID(String(format: "crash_%03d", index))!
                    let token = await sandbox.registerBot(username: "\(id.rawValue)_bot", firstName: id.rawValue)
                    _ = try await provisioner.add(DemoSalon.request(token: token.rawValue, id: id.rawValue, name: "Salon \(index)"))
                    try await DemoSalon.seed(dependencies.stores, tenant: id)
                    tokens[id] = token
                }
                return tokens
            }
            let environment = [
                "ZAPIS_DATABASE_URL": configuration.databaseURL, "ZAPIS_MASTER_KEY": configuration.masterKey!,
                "ZAPIS_TELEGRAM_API_URL": configuration.telegramAPIURL, "ZAPIS_OUTBOX_LEASE": String(leaseSeconds),
                "ZAPIS_LOG_LEVEL": ProcessInfo.processInfo.environment["ZAPIS_TEST_SERVE_LOG"] == nil ? "error" : (ProcessInfo.processInfo.environment["ZAPIS_TEST_SERVE_LOG_LEVEL"] ?? "info"), "ZAPIS_DATABASE_POOL_SIZE": "8",
                // Load customers act at machine speed, faster than the per-user limits allow a human.
                "ZAPIS_RATE_LIMITS": "0",
            ]
            let stack = ProcessStack(sandbox: sandbox, configuration: configuration, environment: environment, tokens: tokens)
            try await body(stack)
        }
    }

    /// A new, empty database.
    static func makeDatabase(_ database: Database, server: String? = nil) async throws -> String {
        switch database {
        case .sqlite:
            return FileManager.default.temporaryDirectory.appendingPathComponent("zapis-crash-\(UUID().uuidString).sqlite").path
        case .postgres:
            let server = try #require(server ?? ProcessInfo.processInfo.environment["ZAPIS_TEST_POSTGRES_URL"], "CI needs PostgreSQL")
            let name = "zapis_proc_" + UUID().uuidString.prefix(8).lowercased()
            return try await PostgresAdmin.createDatabase(name, serverURL: server)
        }
    }

    /// A `zapis serve` in webhook mode on its own port (started by the caller).
    func server(publicPort: Int? = nil) throws -> ServeProcess {
        let port = try ServeProcess.freePort()
        var environment = environment
        environment["ZAPIS_PUBLIC_URL"] = "http://127.0.0.1:\(publicPort ?? port)"
        return ServeProcess(environment: environment, port: port)
    }

    /// A `zapis serve` in long-polling mode (no public URL) on its own port (started by the caller).
    func pollingServer() throws -> ServeProcess {
        var environment = environment
        environment["ZAPIS_POLLING_TIMEOUT"] = "5"
        return ServeProcess(environment: environment, port: try ServeProcess.freePort())
    }

    /// Runs `body` with the stores and outbox of the database (to seed it, or to check it after the servers stopped).
    func withDatabase<T: Sendable>(_ body: @Sendable (AppDependencies) async throws -> T) async throws -> T {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        return try await LiveDependencies.withRunning(configuration, logger: logger) { try await body($0) }
    }

    /// Waits until every tenant's webhook points at `port`.
    func waitForWebhooks(port: Int) async throws {
        for token in tokens.values {
            _ = try await sandbox.waitForWebhookInfo(bot: token, timeout: .seconds(30)) { $0.url.contains(":\(port)/") }
        }
    }
}
