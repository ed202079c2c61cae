import App
import BookingCore
import Foundation
import Logging
import Storage
import StoragePostgres
import TelegramSandbox
import Testing
import ZapisTools

/// Tenants across three PostgreSQL servers on loopback (`scripts/test` starts two more clusters): 300 new tenants
/// spread evenly, `zapis serve` routing each tenant's requests to its server, and `zapis tenant move` moving a tenant
/// with bookings and reminders while customers of other tenants on every server book.
@Suite("Tenants across PostgreSQL servers", .serialized)
struct PlacementServeTests {
    static let servers = (ProcessInfo.processInfo.environment["ZAPIS_TEST_POSTGRES_SERVERS"] ?? "").split(separator: ",").map(String.init)
    static var enabled: Bool { ProcessInfo.processInfo.environment["CI"] == "true" || (servers.count >= 2 && ProcessStack.Database.available.contains(.postgres)) }

    @Test(.enabled(if: enabled, "needs three PostgreSQL servers (scripts/test starts them)"), .timeLimit(.minutes(8)))
    func threeHundredTenantsSpreadAndAMoveWhileOthersBook() async throws {
        try #require(Self.servers.count >= 2, "CI needs ZAPIS_TEST_POSTGRES_SERVERS")
        try await Self.withThreeServers { sandbox, configuration, logger in
            // 300 tenants, one after another: 100 on each server, exactly.
            let ids = (0..<300).map { TenantID(String(format: "shop_%03d", $0))! }
            let tokens = try await Self.provision(ids, sandbox: sandbox, configuration: configuration, logger: logger)
            let placement = try await LiveDependencies.withRunning(configuration, logger: logger) { all in
                let placement = try #require(all.placement)
                var onServer: [String: Int] = [:]
                for (name, dependencies) in zip(placement.names, all.everyServer) {
                    onServer[name] = try await dependencies.stores.tenants.allTenants().count
                }
                return (counts: try await placement.primary.placementCounts(), rows: onServer)
            }
            #expect(placement.counts == ["primary": 100, "b": 100, "c": 100])
            #expect(placement.rows == ["primary": 100, "b": 100, "c": 100], "each server holds the tenant rows of its own tenants")

            let port = try ServeProcess.freePort()
            let environment = Self.serveEnvironment(configuration, port: port, ["ZAPIS_DATABASE_POOL_SIZE": "6", "ZAPIS_RATE_LIMITS": "0"])
            let serve = ServeProcess(environment: environment, port: port)
            try serve.start()
            defer { serve.kill() }
            try await serve.waitUntilReady()

            // The tenant to move (on b) books twice first: bookings with reminders to carry over.
            let moved = try #require(try await Self.tenant(on: "b", configuration: configuration, logger: logger, among: ids))
            let before = await LoadCustomer(
                user: sandbox.user(70_001, firstName: "Ирина", languageCode: "ru", bot: tokens[moved]!), tenant: moved
            ).run(attempts: 2)
            try #require(before.confirmed.count == 2 && before.timeouts == 0, "\(before)")
            let movedRows = try await Self.rows(of: moved, configuration: configuration, logger: logger)
            #expect(movedRows.bookings == 2 && movedRows.reminders >= 2, "\(movedRows)")

            // Customers of two tenants on each server book while the move runs (3 times each: the demo salons' cap of active
            // bookings), and so does one of the moved tenant's: its updates wait (503) and are delivered again after the move.
            let others = try await Self.others(configuration: configuration, logger: logger, among: ids, except: moved)
            let load = Task {
                await withTaskGroup(of: (TenantID, LoadCustomer.Outcome).self) { group in
                    for (n, tenant) in (others + [moved]).enumerated() {
                        let user = sandbox.user(80_000 + Int64(n), firstName: "Клиент", languageCode: "ru", bot: tokens[tenant]!)
                        group.addTask { (tenant, await LoadCustomer(user: user, tenant: tenant).run(attempts: 3)) }
                    }
                    return await group.reduce(into: []) { $0.append($1) }
                }
            }
            try await Task.sleep(for: .milliseconds(500))
            let output = try Self.zapis(["tenant", "move", "--id", moved.rawValue, "--to-server", "c"], environment: environment)
            #expect(output.status == 0, "\(output.text)")
            let moveEnded = Date().formatted(.iso8601.time(includingFractionalSeconds: true))
            #expect(output.text.contains("moved \(moved.rawValue) from b to c"), "\(output.text)")
            let paused = output.text.split(separator: " ").firstIndex(of: "paused").flatMap { index in
                Double(output.text.split(separator: " ")[index + 1])
            }
            #expect(paused.map { $0 < 10 } == true, "a brief pause: \(output.text)")
            let results = await load.value
            let outcomes = results.map(\.1)
            #expect(outcomes.allSatisfy { $0.timeouts == 0 }, "move ended \(moveEnded): \(outcomes.map(\.stalls))")
            let confirmed = outcomes.map(\.confirmed.count).reduce(0, +)
            let refused = outcomes.map(\.refused).reduce(0, +)
            #expect(confirmed + refused == (others.count + 1) * 3)

            // Nothing lost: every confirmation the customers saw is a booking on its tenant's server; the moved tenant's
            // bookings and reminders are on c, none left on b; and its bot serves from c.
            let check = try await LiveDependencies.withRunning(configuration, logger: logger) { all in
                var stored = 0
                for tenant in others + [moved] {
                    let bookings = try await all.serving(tenant).stores.backOffice.bookings(
                        startingIn: Date.distantPast..<Date.distantFuture, tenant: tenant)
                    stored += bookings.filter { $0.status == .confirmed }.count
                }
                let placement = try #require(all.placement)
                return (stored, placement.map.server(of: moved), try await all.cells["b"]!.stores.tenants.tenant(moved) == nil)
            }
            #expect(check.0 == confirmed + before.confirmed.count, "every confirmation seen is a booking stored, nothing more")
            #expect(check.1 == "c" && check.2)
            let after = try await Self.rows(of: moved, configuration: configuration, logger: logger)
            #expect(
                Set(movedRows.bookingRows).isSubset(of: after.bookingRows) && Set(movedRows.pending).isSubset(of: after.pending),
                "the moved tenant's bookings and reminders, as they were: \(movedRows) → \(after)")
            let movedCustomer = try #require(results.first { $0.0 == moved }?.1)
            #expect(movedCustomer.confirmed.count == 3 && after.bookings == 2 + 3, "\(movedCustomer)")
            let again = await LoadCustomer(
                user: sandbox.user(70_002, firstName: "Ольга", languageCode: "ru", bot: tokens[moved]!), tenant: moved
            ).run(attempts: 1)
            #expect(again.confirmed.count == 1, "the moved tenant books on its new server: \(again)")
        }
    }
}
