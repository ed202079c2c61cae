import App
import BookingCore
import Foundation
import Logging
import Storage
import TelegramBotAPI
import TelegramSandbox
import Testing
import ZapisTools

extension PlacementServeTests {
    /// Runs `body` with the Telegram sandbox running and a configuration over three new databases, one on each test
    /// server (the first, on `ZAPIS_TEST_POSTGRES_URL`, the primary; then `b` and `c`).
    static func withThreeServers(_ body: @Sendable (TelegramSandbox, AppConfiguration, Logger) async throws -> Void) async throws {
        let logger = { var logger = Logger(label: "test"); logger.logLevel = .warning; return logger }()
        let sandbox = TelegramSandbox(configuration: .init(host: "127.0.0.1", port: 0, webhookRetryDelay: .milliseconds(200)), logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await sandbox.run() }
            defer { group.cancelAll() }
            var configuration = AppConfiguration(environment: [:])
            configuration.telegramAPIURL = "http://127.0.0.1:\(try await sandbox.waitUntilRunning())"
            configuration.masterKey = TokenVault.generateKey()
            configuration.databaseURL = try await ProcessStack.makeDatabase(.postgres)
            let b = try await ProcessStack.makeDatabase(.postgres, server: servers[0])
            let c = try await ProcessStack.makeDatabase(.postgres, server: servers[1])
            configuration.postgresServers = "b=\(b),c=\(c)"
            // Small pools: the two extra clusters allow 100 connections, and tests run beside each other.
            configuration.databasePoolSize = 4
            try await body(sandbox, configuration, logger)
        }
    }

    /// The environment of a `zapis serve` over `configuration` in webhook mode on `port`, plus `extra`.
    static func serveEnvironment(_ configuration: AppConfiguration, port: Int, _ extra: [String: String]) -> [String: String] {
        [
            "ZAPIS_DATABASE_URL": configuration.databaseURL, "ZAPIS_POSTGRES_SERVERS": configuration.postgresServers!,
            "ZAPIS_MASTER_KEY": configuration.masterKey!, "ZAPIS_TELEGRAM_API_URL": configuration.telegramAPIURL,
            "ZAPIS_PUBLIC_URL": "http://127.0.0.1:\(port)",
            "ZAPIS_LOG_LEVEL": ProcessInfo.processInfo.environment["ZAPIS_TEST_SERVE_LOG_LEVEL"] ?? "error",
        ].merging(extra) { $1 }
    }

    /// Creates the demo salons `ids` through the placement, `concurrently` at a time (one by default: see DECISIONS,
    /// "Tenants across PostgreSQL servers", on the hang with six); returns their tokens.
    static func provision(
        _ ids: [TenantID], sandbox: TelegramSandbox, configuration: AppConfiguration, logger: Logger, concurrently: Int = 1
    ) async throws -> [TenantID: BotToken] {
        try await LiveDependencies.withRunning(configuration, logger: logger) { all in
            try await withThrowingTaskGroup(of: (TenantID, BotToken).self) { group in
                var tokens: [TenantID: BotToken] = [:]
                for (n, id) in ids.enumerated() {
                    if n >= concurrently, let (done, token) = try await group.next() { tokens[done] = token }
                    group.addTask {
                        let token = await sandbox.registerBot(username: "\(id.rawValue)_bot", firstName: id.rawValue)
                        let dependencies = try await all.placingNew(id)
                        let provisioner = TenantProvisioner(
                            stores: dependencies.stores, botAPI: dependencies.botAPI, vault: dependencies.vault, now: { Date() })
                        _ = try await provisioner.add(DemoSalon.request(token: token.rawValue, id: id.rawValue, name: "Shop \(id.rawValue)"))
                        try await DemoSalon.seed(dependencies.stores, tenant: id)
                        return (id, token)
                    }
                }
                for try await (done, token) in group { tokens[done] = token }
                return tokens
            }
        }
    }

    /// The first of `ids` placed on `server`.
    static func tenant(on server: String, configuration: AppConfiguration, logger: Logger, among ids: [TenantID]) async throws -> TenantID? {
        try await LiveDependencies.withRunning(configuration, logger: logger) { all in
            ids.first { all.placement?.map.server(of: $0) == server }
        }
    }

    /// Two tenants of each server other than `moved`.
    static func others(configuration: AppConfiguration, logger: Logger, among ids: [TenantID], except moved: TenantID) async throws -> [TenantID] {
        try await LiveDependencies.withRunning(configuration, logger: logger) { all in
            let placement = try #require(all.placement)
            return placement.names.flatMap { server in ids.filter { $0 != moved && placement.map.server(of: $0) == server }.prefix(2) }
        }
    }

    /// What a move must carry over: the tenant's bookings (id, start, status) and its unsent outbox rows (due, payload).
    struct MovedRows: Equatable, CustomStringConvertible {
        var bookings: Int { bookingRows.count }
        var reminders: Int { pending.count }
        var bookingRows: [String]
        var pending: [String]
        var description: String { "\(bookings) bookings, \(reminders) reminders" }
    }

    /// The moved tenant's rows, read from the server holding it.
    static func rows(of tenant: TenantID, configuration: AppConfiguration, logger: Logger) async throws -> MovedRows {
        try await LiveDependencies.withRunning(configuration, logger: logger) { all in
            let dependencies = all.serving(tenant)
            let bookings = try await dependencies.stores.backOffice.bookings(startingIn: Date.distantPast..<Date.distantFuture, tenant: tenant)
            let portable = try #require(dependencies.portable)
            let archive = try await TenantBackup.snapshot(tenant, from: portable, now: Date())
            let outbox = try #require(PortableSchema.tables.first { $0.name == "outbox" })
            let (sent, due, payload) = (outbox.index(of: "sent_at")!, outbox.index(of: "due_at")!, outbox.index(of: "payload")!)
            // Reminders: unsent rows due later than a minute from now (replies and notices are due at once and go out meanwhile).
            let later = PortableValue.integer(Int64((Date().timeIntervalSince1970 + 60) * 1_000_000))
            let pending = (archive.rows["outbox"] ?? []).filter { row in
                guard row[sent] == .null, case .integer(let at) = row[due], case .integer(let limit) = later else { return false }
                return at > limit
            }.map { "\($0[due]) \($0[payload].hashValue)" }
            return MovedRows(bookingRows: bookings.map { "\($0.id) \($0.start) \($0.status)" }.sorted(), pending: pending.sorted())
        }
    }

    /// Runs the `zapis` executable with `arguments` and `environment`; its exit status and output (both streams).
    static func zapis(_ arguments: [String], environment: [String: String]) throws -> (status: Int32, text: String) {
        let process = Process()
        process.executableURL = try DemoCommandTests.binary()
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
