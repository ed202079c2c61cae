import App
import BookingCore
import Foundation
import Import
import Logging
import Storage
import StoragePostgres
import StorageSQLite
import Testing

/// Databases for the import tests: the original's fixtures loaded into a fresh source, and a fresh target of each
/// backend with the service's real stores.
enum ImportSupport {
    /// The instant the tests run at: the fixture's past visits (2026-06…11) are past, its 2028 bookings future.
    static let now = Date(timeIntervalSince1970: 1_796_112_000)  // 2026-12-01T08:00:00Z
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/original")

    enum Target: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case sqlite, postgres
        var testDescription: String { rawValue }
        /// SQLite always; PostgreSQL when a test server is configured (required under CI).
        static var available: [Target] {
            let environment = ProcessInfo.processInfo.environment
            return environment["ZAPIS_TEST_POSTGRES_URL"] != nil || environment["CI"] == "true" ? [.sqlite, .postgres] : [.sqlite]
        }
    }

    static var logger: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        return logger
    }

    static func serverURL() throws -> String {
        try #require(ProcessInfo.processInfo.environment["ZAPIS_TEST_POSTGRES_URL"], "CI needs PostgreSQL")
    }

    /// Runs `body` with the service's dependencies on a fresh database of `target`, the clock pinned to `now`.
    static func withTarget<T: Sendable>(_ target: Target, _ body: @Sendable (AppDependencies) async throws -> T) async throws -> T {
        let vault = try TokenVault(base64Key: TokenVault.generateKey())
        switch target {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("zapis-import-\(UUID().uuidString).sqlite").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            let store = try await SQLiteStore.open(path: path, logger: logger)
            let dependencies = AppDependencies.embedded(
                store, botAPI: AppConfiguration(environment: [:]).botAPIClient(httpClient: .shared), vault: vault, now: { now },
                logger: logger)
            return try await body(dependencies)
        case .postgres:
            let server = try serverURL()
            let name = "zapis_import_" + UUID().uuidString.prefix(8).lowercased()
            let url = try await PostgresAdmin.createDatabase(name, serverURL: server)
            var configuration = AppConfiguration(environment: ["ZAPIS_DATABASE_URL": url, "ZAPIS_MASTER_KEY": TokenVault.generateKey()])
            configuration.databasePoolSize = 4
            do {
                let result = try await LiveDependencies.withRunning(configuration, logger: logger) { dependencies in
                    var dependencies = dependencies
                    dependencies.now = { now }
                    return try await body(dependencies)
                }
                try? await PostgresAdmin.dropDatabase(name, serverURL: server)
                return result
            } catch {
                try? await PostgresAdmin.dropDatabase(name, serverURL: server)
                throw error
            }
        }
    }

    /// A fresh PostgreSQL database holding the original's `postgres.sql`; dropped after `body`.
    static func withOriginalPostgres<T: Sendable>(_ body: @Sendable (String) async throws -> T) async throws -> T {
        let server = try serverURL()
        let name = "zapis_original_" + UUID().uuidString.prefix(8).lowercased()
        let url = try await PostgresAdmin.createDatabase(name, serverURL: server)
        do {
            try run(
                "/usr/bin/env",
                ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-f", fixtures.appendingPathComponent("postgres.sql").path])
            let result = try await body(url)
            try? await PostgresAdmin.dropDatabase(name, serverURL: server)
            return result
        } catch {
            try? await PostgresAdmin.dropDatabase(name, serverURL: server)
            throw error
        }
    }

    /// A new SQLite file holding the original's `sqlite.sql` plus `extra` statements (e.g. hostile rows).
    static func originalSQLite(extra: String = "") throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("original-\(UUID().uuidString).db").path
        let script = try String(contentsOf: fixtures.appendingPathComponent("sqlite.sql"), encoding: .utf8) + "\n" + extra
        try run("/usr/bin/env", ["sqlite3", path], input: script)
        return path
    }

    /// Runs a tool; throws with its output when it fails.
    static func run(_ tool: String, _ arguments: [String], input: String? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ToolFailed(description: "\(arguments.first ?? tool): \(text)") }
    }

    struct ToolFailed: Error, CustomStringConvertible { var description: String }

    /// What `expected.json` says about one tenant.
    struct Expected: Decodable {
        struct Spot: Decodable {
            var user_id: Int64?
            var local_date: String
            var local_time: String
            var starts_utc: String
            var duration_minutes: Int?
            var service: String?
            var kind: String?
            var cancelled_booking_from_history: Int?
            var cancelled_by_customer: Int64?
        }
        var customers: Int
        var services: [String: Int]
        var bookings: [String: Int]
        var reschedules_in_history: Int
        var admins_mapped: [String: Int]
        var blocked_slot_rows: Int
        var feedback: [String: Int]
        var spot_checks: [Spot]
        var company_name: String?
    }

    static func expected(_ file: String, _ tenant: String) throws -> Expected {
        let data = try Data(contentsOf: fixtures.appendingPathComponent("expected.json"))
        let all = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let section = try #require((all[file] as? [String: Any])?[tenant])
        return try JSONDecoder().decode(Expected.self, from: JSONSerialization.data(withJSONObject: section))
    }

    /// Counts of everything a tenant holds, to tell "nothing changed".
    static func snapshot(_ stores: Stores, outbox: any OutboxStore, tenant: TenantID) async throws -> [String: Int] {
        let all = Date(timeIntervalSince1970: 946_684_800)..<Date(timeIntervalSince1970: 4_102_444_800)
        let bookings = try await stores.backOffice.bookings(startingIn: all, tenant: tenant)
        var counts: [String: Int] = [:]
        for booking in bookings { counts["bookings.\(booking.status.code)", default: 0] += 1 }
        counts["customers"] = try await stores.backOffice.customerRecords(tenant).count
        counts["services"] = try await stores.catalog.services(tenant).count
        counts["masters"] = try await stores.catalog.masters(tenant).count
        counts["feedback"] = try await stores.feedback.feedback(ratedIn: all, master: nil, tenant: tenant).count
        counts["admins"] = try await stores.admins.admins(tenant).count
        counts["audit"] = try await stores.audit.auditLog(tenant, offset: 0, limit: 10_000).count
        counts["blocks"] = try await stores.bookings.blocks(overlapping: all, tenant: tenant).count
        counts["texts"] = try await stores.textOverrides.textOverrides(tenant).count
        counts["outbox"] = try await outbox.dueMessages(now: all.upperBound, limit: 100_000).filter { $0.tenant == tenant }.count
        var history = 0
        for booking in bookings { history += try await stores.bookings.history(of: booking.id, tenant: tenant).count }
        counts["history"] = history
        return counts
    }
}
