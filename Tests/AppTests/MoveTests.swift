@testable import App
import BookingCore
import Foundation
import Storage
import Synchronization
import TelegramSandbox
import Testing

/// `zapis move`: a served SQLite deployment to PostgreSQL and back ends with every table equal (per-table counts and
/// content checksums), and the moved deployment serves customers; a running service blocks the move.
@Suite("Database move", .serialized)
struct MoveTests {
    static func checksums(_ url: String) async throws -> [String: PortableChecksum.Table] {
        try await PortableDatabase.with(url, logger: ImportSupport.logger) { store in try await DatabaseMove.checksums(of: store) }
    }

    @Test func sqliteToPostgresAndBackIsEqualAndServes() async throws {
        let middle: ProcessStack.Database = ProcessStack.Database.available.contains(.postgres) ? .postgres : .sqlite
        try await ProcessStack.run(.sqlite, tenants: 2) { stack in
            let server = try stack.server()
            try server.start()
            defer { server.kill() }
            try await server.waitUntilReady()
            try await stack.waitForWebhooks(port: server.port)
            let tenants = stack.tokens.sorted { $0.key.rawValue < $1.key.rawValue }
            // Each tenant: one customer books, another books and cancels (history, reminders, outbox rows).
            for (tenant, token) in tenants {
                _ = tenant
                let booker = CustomerJourney(user: stack.sandbox.user(8001, firstName: "Анна", languageCode: "ru", bot: token))
                try await booker.start()
                try await booker.bookFirstFreeSlot(minDaysAhead: 2)
                let canceller = CustomerJourney(user: stack.sandbox.user(8002, firstName: "Борис", languageCode: "ru", bot: token))
                try await canceller.start()
                try await canceller.bookFirstFreeSlot(minDaysAhead: 3)
                try await canceller.cancelFirstBooking()
            }
            for (_, token) in tenants { try await stack.sandbox.waitUntilDelivered(bot: token, timeout: .seconds(30)) }

            let target = try await ProcessStack.makeDatabase(middle)
            // While `zapis serve` has the file open, the move is refused and the target stays empty.
            await #expect(throws: MoveError.self) {
                try await Commands.move(to: target, force: false, configuration: stack.configuration) { _ in }
            }
            server.kill()
            let original = try await Self.checksums(stack.configuration.databaseURL)

            let lines = LinesBox()
            try await Commands.move(to: target, force: false, configuration: stack.configuration) { lines.append($0) }
            #expect(lines.all.contains { $0.hasPrefix("moved ") })
            #expect(!lines.all.contains { $0.contains("DIFFERENT") })
            var moved = stack.configuration
            moved.databaseURL = target
            let back = try await ProcessStack.makeDatabase(.sqlite)
            try await Commands.move(to: back, force: false, configuration: moved) { _ in }
            // A move into a database that has rows is refused.
            await #expect(throws: MoveError.self) {
                try await Commands.move(to: back, force: false, configuration: moved) { _ in }
            }

            let final = try await Self.checksums(back)
            #expect(final == original, "differing: \(original.keys.filter { original[$0] != final[$0] }.sorted())")
            #expect(original["bookings"]?.rows ?? 0 >= 4 && original["outbox"]?.rows ?? 0 > 0 && original["booking_history"]?.rows ?? 0 > 4)

            // The moved deployment serves: the booker sees the booking in My bookings and books again.
            let port = try ServeProcess.freePort()
            var environment = stack.environment
            environment["ZAPIS_DATABASE_URL"] = back
            environment["ZAPIS_PUBLIC_URL"] = "http://127.0.0.1:\(port)"
            let again = ServeProcess(environment: environment, port: port)
            try again.start()
            defer { again.kill() }
            try await again.waitUntilReady()
            try await stack.waitForWebhooks(port: port)
            let user = stack.sandbox.user(8001, firstName: "Анна", languageCode: "ru", bot: tenants[0].value)
            _ = try await user.send("🗂 Мои записи")
            let list = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Ваши предстоящие записи") == true }
            #expect(list.inlineButtons.filter { $0.callbackData?.hasPrefix("bc:") == true }.count == 1)
            try await CustomerJourney(user: user).bookFirstFreeSlot(minDaysAhead: 4)
        }
    }

    /// PostgreSQL numbers rows per tenant; two tenants with the same ids cannot move into SQLite. The move is refused
    /// part way, and what it wrote is removed again.
    @Test(arguments: ProcessStack.Database.available.filter { $0 == .postgres })
    func postgresTenantsWithSharedIdsAreRefusedBySQLiteAndNothingStays(database: ProcessStack.Database) async throws {
        let source = try await ProcessStack.makeDatabase(.postgres)
        let target = try await ProcessStack.makeDatabase(.sqlite)
        try await ImportSupport.withTarget(.sqlite) { dependencies in
            try await BackupTests.seed(dependencies)
            let archive = try await TenantBackup.snapshot(BackupTests.tenant, from: try #require(dependencies.portable), now: ImportSupport.now)
            try await PortableDatabase.with(source, logger: ImportSupport.logger) { store in
                try await TenantBackup.restore(archive, replace: false, into: store)
                try await TenantBackup.restore(archive, as: TenantID("nogotok_copy")!, replace: false, into: store)
            }
        }
        var configuration = AppConfiguration(environment: [:])
        configuration.databaseURL = source
        await #expect(throws: MoveError.self) { try await Commands.move(to: target, force: true, configuration: configuration) { _ in } }
        let left = try await PortableDatabase.with(target, logger: ImportSupport.logger) { store in
            try await store.withPortableWriter { try await $0.nonEmptyTables() }
        }
        #expect(left.isEmpty)
    }
}

/// Lines collected from a command's output.
final class LinesBox: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}
