import App
import BookingCore
import Foundation
import Logging
import Storage
import TelegramSandbox
import Testing

/// `zapis backup` of a `zapis serve` in the middle of a booking load: each tenant's archive is one consistent snapshot,
/// and restored into a fresh database (of either kind) it holds every booking customers had been told about.
@Suite("Backup under load", .serialized)
struct BackupLoadTests {
    static let confirmation = "✅ Вы записаны!"

    /// Confirmations the user sees now in the sandbox chat.
    static func told(_ user: SimulatedUser) async -> Int {
        await user.transcript().filter { $0.fromBot && $0.text?.hasPrefix(confirmation) == true }.count
    }

    @Test(arguments: ProcessStack.Database.available)
    func backupDuringLoadRestoresEveryConfirmedBooking(database: ProcessStack.Database) async throws {
        try await ProcessStack.run(database, tenants: 2) { stack in
            let server = try stack.server()
            try server.start()
            defer { server.kill() }
            try await server.waitUntilReady()
            try await stack.waitForWebhooks(port: server.port)
            let (start, end) = (Self.directory(), Self.directory())
            defer { for directory in [start, end] { try? FileManager.default.removeItem(at: directory) } }

            let load = stack.startLoad(perTenant: 4, firstUser: 7000, attempts: 3)
            // Mid-load: once a first customer was told, note what each was told, then back up while the load goes on.
            let first = stack.sandbox.user(7001, firstName: "Клиент1", languageCode: "ru", bot: stack.tokens.sorted { $0.key.rawValue < $1.key.rawValue }[0].value)
            _ = try await first.waitForBotMessage(timeout: .seconds(60)) { $0.text?.hasPrefix(Self.confirmation) == true }
            let users = stack.tokens.sorted { $0.key.rawValue < $1.key.rawValue }.flatMap { tenant, token in
                (1...4).map { n in (tenant, stack.sandbox.user(7000 + Int64(n), firstName: "Клиент\(n)", languageCode: "ru", bot: token)) }
            }
            var toldMid: [(TenantID, Int64, Int)] = []
            for (tenant, user) in users { toldMid.append((tenant, user.id, await Self.told(user))) }
            try await Commands.backup(tenant: nil, directory: start.path, configuration: stack.configuration) { _ in }
            let toldBefore = toldMid

            let outcomes = await load.value
            for token in stack.tokens.values { try await stack.sandbox.waitUntilDelivered(bot: token, timeout: .seconds(30)) }
            try await Commands.backup(tenant: nil, directory: end.path, configuration: stack.configuration) { _ in }
            server.kill()
            let confirmedTotal = outcomes.reduce(0) { $0 + $1.1.confirmed.count }
            #expect(confirmedTotal > toldBefore.reduce(0) { $0 + $1.2 }, "the load should go on after the mid-load backup")

            // PostgreSQL numbers each tenant's rows apart, so two of its tenants cannot share one SQLite file (see
            // "Restore keeps ids" in docs/DECISIONS.md): its archives go to a fresh PostgreSQL database.
            for target in database == .postgres ? [.postgres] : ProcessStack.Database.available {
                var configuration = stack.configuration
                configuration.databaseURL = try await ProcessStack.makeDatabase(target)
                // The mid-load archives: every booking a customer had been told about before the backup began.
                for file in try Self.archives(in: start) {
                    try await Commands.restore(file: file, as: nil, replace: false, configuration: configuration) { _ in }
                }
                try await Self.withStores(configuration) { stores in
                    for (tenant, user, told) in toldBefore {
                        let confirmed = try await stores.bookings.bookings(of: UserID(user), tenant: tenant).filter { $0.status == .confirmed }
                        #expect(confirmed.count >= told, "\(database) → \(target): user \(user) of \(tenant) was told \(told), archive has \(confirmed.count)")
                    }
                }
                // The final archives, over the same tenants: every confirmation the load saw.
                for file in try Self.archives(in: end) {
                    try await Commands.restore(file: file, as: nil, replace: true, configuration: configuration) { _ in }
                }
                try await Self.withStores(configuration) { stores in
                    for (customer, outcome) in outcomes {
                        let bookings = try await stores.bookings.bookings(of: UserID(customer.user.id), tenant: customer.tenant)
                        let starts = Set(bookings.filter { $0.status == .confirmed }.map { Int64($0.start.timeIntervalSince1970 / 60) })
                        for minute in outcome.confirmed {
                            #expect(starts.contains(minute), "\(database) → \(target): a confirmed booking of user \(customer.user.id) is missing")
                        }
                    }
                }
            }
        }
    }

    static func directory() -> URL { FileManager.default.temporaryDirectory.appendingPathComponent("zapis-backup-load-\(UUID().uuidString)") }

    static func archives(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".zapis-archive") }.sorted()
            .map { directory.appendingPathComponent($0).path }
    }

    static func withStores(_ configuration: AppConfiguration, _ body: @Sendable (Stores) async throws -> Void) async throws {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        try await LiveDependencies.withRunning(configuration, logger: logger) { try await body($0.stores) }
    }
}
