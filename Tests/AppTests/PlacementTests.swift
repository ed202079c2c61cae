@testable import App
import BookingCore
import Foundation
import Logging
import Storage
import StoragePostgres
import Synchronization
import Testing

/// Placement without `zapis serve`: the server list, the dispatcher's reading of paths, the balance of new tenants, and
/// the refusals and undoing of moves. Three databases on the test server stand in for three servers.
@Suite("Placement")
struct PlacementTests {
    static var postgres: Bool { ProcessStack.Database.available.contains(.postgres) }

    @Test func serverListsAreCheckedBeforeUse() {
        let good = PostgresServer.parseList(" b=postgres://u@h:1/d , c2=postgresql://h/d ")
        #expect((try? good.get()) == [PostgresServer(name: "b", url: "postgres://u@h:1/d"), PostgresServer(name: "c2", url: "postgresql://h/d")])
        for hostile in [
            "b", "=postgres://h/d", "B=postgres://h/d", "primary=postgres://h/d", "b=mysql://h/d", "b=postgres://h/1,b=postgres://h/2",
            String(repeating: "a", count: 33) + "=postgres://h/d", "сервер=postgres://h/d", "1b=postgres://h/d", "b c=postgres://h/d",
        ] {
            guard case .failure(let error) = PostgresServer.parseList(hostile) else {
                Issue.record("accepted \(hostile.debugDescription)")
                continue
            }
            #expect(error.description.hasPrefix("postgres.servers: "))
        }
        var configuration = AppConfiguration(environment: ["ZAPIS_POSTGRES_SERVERS": "b=postgres://h/d"])
        #expect(configuration.problems.contains { $0.contains("servers need ZAPIS_DATABASE_URL on PostgreSQL") })
        configuration.databaseURL = "postgres://h/primary"
        configuration.masterKey = TokenVault.generateKey()
        #expect(configuration.problems == [ServerListError.needsWebhooks.description])
        configuration.publicURL = "https://zapis.example"
        #expect(configuration.problems.isEmpty, "\(configuration.problems)")
        #expect(configuration.describedLines.contains("postgres.servers = b"), "names only: URLs carry passwords")
    }

    @Test func theDispatcherReadsTheTenantFromThePath() {
        let tenant = TenantID("shop_001")
        for path in ["/telegram/shop_001", "/app/shop_001", "/app/shop_001/api/times", "/ical/shop_001/a.ics", "/api/v1/tenants/shop_001/stats"] {
            #expect(CellDispatcher.tenant(in: path) == tenant, "\(path)")
        }
        for path in [
            "/", "/metrics", "/health/ready", "/api/v1/tenants", "/api/v2/tenants/shop_001", "/telegram/", "/telegram/SHOP_001",
            "/telegram/../shop_001", "/pay/5/abc", "/yookassa/notifications", "/telegram/" + String(repeating: "a", count: 5_000),
        ] {
            #expect(CellDispatcher.tenant(in: path) == nil, "\(path.prefix(40))")
        }
    }

    @Test(.enabled(if: postgres, "needs PostgreSQL")) func newTenantsSpreadEvenlyEvenWhenCreatedTogether() async throws {
        try await Self.withServers { all in
            let placement = try #require(all.placement)
            try await withThrowingTaskGroup(of: String.self) { group in
                for n in 0..<30 { group.addTask { try await placement.place(TenantID(String(format: "new_%03d", n))!, now: Date()).server } }
                try await group.waitForAll()
            }
            #expect(try await placement.primary.placementCounts() == ["primary": 10, "b": 10, "c": 10])
            let first = placement.map.server(of: TenantID("new_000")!)
            #expect(try await placement.place(TenantID("new_000")!, now: Date()).server == first, "placed once")
            #expect(all.serving(TenantID("new_000")!).placement != nil)
        }
    }

    @Test(.enabled(if: postgres, "needs PostgreSQL")) func movesAreRefusedClearlyAndUndoneWhenTheTenantStaysBusy() async throws {
        try await Self.withServers { all in
            let placement = try #require(all.placement)
            let id = TenantID("busy_salon")!
            let cell = try await all.placingNew(id)
            let server = placement.map.server(of: id)
            try await Self.insertTenant(id, into: cell)
            var move = TenantMove(servers: placement, logger: Logger(label: "test"))
            move.settle = .milliseconds(10)
            move.busyLimit = .seconds(1)
            let other = placement.names.first { $0 != server }!
            await #expect(throws: PlacementError.unknownServer("nowhere")) { try await move.move(id, to: "nowhere") }
            await #expect(throws: PlacementError.alreadyThere(server)) { try await move.move(id, to: server) }
            let ghost = TenantID("ghost_salon")!
            _ = try await all.placingNew(ghost)
            let ghostServer = placement.map.server(of: ghost)
            await #expect(throws: PlacementError.unknownTenant("ghost_salon")) {
                try await move.move(ghost, to: placement.names.first { $0 != ghostServer }!)
            }
            try await placement.map.refresh(from: placement.primary)
            #expect(!placement.map.isMoving(ghost), "a refused move leaves no mark")

            // A transaction that claimed an update and does not end: the fence waits its limit, the move is undone.
            let claimed = AsyncStream<Void>.makeStream()
            let holder = Task {
                try await cell.unitOfWork.inTransaction { tx in
                    _ = try await tx.stores.updates.claimUpdate(1, tenant: id, now: Date())
                    claimed.continuation.yield()
                    try await Task.sleep(for: .seconds(3))
                }
            }
            for await _ in claimed.stream { break }
            await #expect(throws: PlacementError.self) { try await move.move(id, to: other) }
            _ = try await holder.value
            try await placement.map.refresh(from: placement.primary)
            #expect(placement.map.server(of: id) == server && !placement.map.isMoving(id), "resumed on its server")
            #expect(try await cell.stores.tenants.tenant(id) != nil)

            // A payment being paid keeps the tenant where it is (its number would change on the target).
            let pending = try await cell.stores.billing.createPayment(
                PaymentRecord(
                    id: PaymentID(0), tenant: id, plan: PlanCode("m3")!, amount: MoneyAmount(minor: 79_900), currency: "RUB", periodDays: 90,
                    provider: .yookassa, externalID: nil, reference: "yookassa", status: .pending, createdAt: Date()))
            try await cell.stores.billing.setExternalID("2f1c0000-000f-5000-9000-1b2c3d4e5f60", of: pending.id)
            await #expect(throws: PlacementError.self) { try await move.move(id, to: other) }
            #expect(try await cell.stores.billing.cancelPayment(pending.id))

            // Once idle, the same move goes through.
            let report = try await move.move(id, to: other)
            #expect(report.from == server && report.to == other && report.counts["tenants"] == 1)
            #expect(try await cell.stores.tenants.tenant(id) == nil)
            #expect(try await all.serving(id).stores.tenants.tenant(id) != nil)
        }
    }

    @Test(.enabled(if: postgres, "needs PostgreSQL")) func migrateBringsEveryServerUpToDate() async throws {
        let configuration = try await Self.configuration()
        let lines = Mutex<[String]>([])
        try await Commands.migrate(configuration: configuration) { line in lines.withLock { $0.append(line) } }
        let printed = lines.withLock { $0 }
        for server in ["b", "c"] {
            #expect(printed.contains { $0.hasPrefix("\(server): migrated 0, up to date 0, failed 0 of 0 tenant schemas") }, "\(printed)")
        }
        #expect(printed.contains { $0.hasPrefix("primary: migrated") })
    }

    /// `/metrics` and `/health/ready` look at every server: the outbox backlog is summed, a migration pending on any
    /// server makes the instance not ready.
    @Test(.enabled(if: postgres, "needs PostgreSQL")) func readinessAndBacklogCoverEveryServer() async throws {
        struct Ledger: MigrationLedger {
            let pending: [Int]
            func pendingMigrations() async throws -> [Int] { pending }
        }
        #expect(try await EveryServerLedger(ledgers: [Ledger(pending: []), Ledger(pending: [16, 3]), Ledger(pending: [3])]).pendingMigrations() == [3, 16])
        try await Self.withServers { all in
            #expect(try await all.readinessLedger?.pendingMigrations() == [])
            let at = Date()
            for (n, server) in all.everyServer.enumerated() {
                let entries = (0...n).map { _ in OutboxEntry(chatID: 1, payload: [1], dueAt: at.addingTimeInterval(-Double(n + 1))) }
                try await server.outbox.enqueue(entries, tenant: TenantID("backlog_\(n)")!, now: at)
            }
            let backlog = try await all.backlog(now: at)
            #expect(backlog.dueRows == 1 + 2 + 3)
            #expect(abs((backlog.oldestDue ?? at).timeIntervalSince(at) + 3) < 0.001, "the oldest of all (PostgreSQL keeps microseconds)")
        }
    }

    /// A move cut short leaves the tenant marked as moving; the same move run again completes it, from either point a
    /// crash can leave: the target's copy written but the source's not removed, or the source's removed but the
    /// placement not changed.
    @Test(.enabled(if: postgres, "needs PostgreSQL")) func aMoveCutShortIsCompletedByRunningItAgain() async throws {
        try await Self.withServers { all in
            let placement = try #require(all.placement)
            var move = TenantMove(servers: placement, logger: Logger(label: "test"))
            move.settle = .milliseconds(10)
            for (n, removedFromSource) in [false, true].enumerated() {
                let id = TenantID("cut_short_\(n)")!
                let source = try await all.placingNew(id)
                try await Self.insertTenant(id, into: source)
                let from = placement.map.server(of: id)
                let to = placement.names.first { $0 != from }!
                let target = try #require(placement.stores[to])
                // The crash's leftovers: marked as moving, the copy on the target, the source's maybe removed.
                #expect(try await placement.primary.beginMove(id, from: from, to: to, now: Date()))
                let archive = try await TenantBackup.snapshot(id, from: try #require(source.portable), now: Date())
                try await TenantBackup.restore(archive, replace: false, into: target)
                if removedFromSource { try await placement.stores[from]!.withPortableWriter { try await $0.removeTenant(id) } }
                await #expect(throws: PlacementError.moving(id.rawValue)) { try await move.move(id, to: placement.names.first { $0 != from && $0 != to }!) }

                let report = try await move.move(id, to: to)
                #expect(report.from == from && report.to == to)
                #expect(placement.map.server(of: id) == to && !placement.map.isMoving(id))
                #expect(try await placement.stores[from]!.tenant(id) == nil)
                #expect(try await target.tenant(id) != nil)
            }
        }
    }

    /// The source's copy is removed only when no update was claimed there after the copy was taken: an update that
    /// slipped past the pause is never dropped (the move is undone instead).
    @Test(.enabled(if: postgres, "needs PostgreSQL")) func theSourceIsKeptWhenAnUpdateArrivedDuringTheCopy() async throws {
        try await Self.withServers { all in
            let id = TenantID("late_update")!
            let home = try await all.placingNew(id)
            try await Self.insertTenant(id, into: home)
            let store = try #require(all.placement?.stores[all.placement!.map.server(of: id)])
            _ = try await home.stores.updates.claimUpdate(1, tenant: id, now: Date())
            #expect(try await !store.removeMovedTenant(id, copiedUpdates: 0, timeout: .seconds(1)))
            #expect(try await home.stores.tenants.tenant(id) != nil, "kept")
            #expect(try await store.removeMovedTenant(id, copiedUpdates: 1, timeout: .seconds(1)))
            #expect(try await home.stores.tenants.tenant(id) == nil)
        }
    }

    /// The operator's commands find each tenant on its server: billing, backups and restores, plans (kept on every
    /// server), the key rotation (every server's tokens).
    @Test(.enabled(if: postgres, "needs PostgreSQL")) func theCommandsFindEachTenantOnItsServer() async throws {
        var configuration = try await Self.configuration()
        let ids = (0..<3).map { TenantID("cmd_salon_\($0)")! }
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        try await LiveDependencies.withRunning(configuration, logger: logger) { all in
            for id in ids {
                let home = try await all.placingNew(id)
                try await Self.insertTenant(id, into: home, sealedToken: try all.vault.seal("1:token-\(id)"))
            }
            #expect(Set(ids.map { all.placement!.map.server(of: $0) }) == ["primary", "b", "c"])
        }
        for id in ids {
            let paid = try await Commands.recordManualPayment(id.rawValue, amount: "100", days: 30, reference: "cash", plan: nil, configuration: configuration)
            #expect(paid.contains("recorded"), "\(paid)")
            #expect(try await Commands.showBilling(id.rawValue, configuration: configuration).contains { $0.contains("cash") })
        }
        #expect(try await Commands.setPlan("m3", PlanEdit(price: "999.00"), configuration: configuration).contains("999"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("placed-\(UUID().uuidString)").path
        let lines = Mutex<[String]>([])
        try await Commands.backup(tenant: nil, directory: directory, configuration: configuration) { line in lines.withLock { $0.append(line) } }
        let last = lines.withLock { $0.last } ?? ""
        #expect(last.hasPrefix("backed up 3 tenant(s)"), "every server's tenants: \(last)")
        try await Commands.restore(
            file: directory + "/\(ids[2].rawValue).zapis-archive", as: "cmd_copy", replace: false, configuration: configuration) { _ in }
        let next = TokenVault.generateKey()
        configuration.masterKeyNext = next
        let rotated = try await Commands.rotateKey(newKeyFile: nil, configuration: configuration)
        #expect(rotated.first?.hasPrefix("re-sealed 4 tokens") == true, "\(rotated)")
        try await LiveDependencies.withRunning(configuration, logger: logger) { all in
            let vault = try TokenVault(base64Key: next)
            for id in ids + [TenantID("cmd_copy")!] {
                let home = all.serving(id)
                let record = try #require(try await home.stores.tenants.tenant(id), "\(id) on its server")
                #expect((try? vault.open(record.encryptedToken)) != nil)
                #expect(try await home.stores.billing.plans().first { $0.code == PlanCode("m3") }?.priceMinor == 99_900)
            }
        }
    }

    /// Stores a tenant row for `id` on `server` (its schema created and migrated), with `sealedToken` as its token.
    static func insertTenant(_ id: TenantID, into server: AppDependencies, sealedToken: [UInt8] = [1]) async throws {
        try await server.stores.tenants.insertTenant(
            TenantRecord(
                profile: TenantProfile(id: id, name: "Salon \(id)"), encryptedToken: sealedToken, botID: 7_000_000_001,
                botUsername: "\(id)_bot", ownerID: UserID(42), createdAt: Date()),
            audit: nil)
    }

    /// Runs `body` over three new databases on the test server (the first as the primary), their pools running.
    static func withServers(_ body: @Sendable (AppDependencies) async throws -> Void) async throws {
        let configuration = try await configuration()
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        try await LiveDependencies.withRunning(configuration, logger: logger) { try await body($0) }
    }

    /// Three new databases on the test server, the first as the primary.
    static func configuration() async throws -> AppConfiguration {
        var configuration = AppConfiguration(environment: [:])
        configuration.masterKey = TokenVault.generateKey()
        configuration.databaseURL = try await ProcessStack.makeDatabase(.postgres)
        let b = try await ProcessStack.makeDatabase(.postgres)
        let c = try await ProcessStack.makeDatabase(.postgres)
        configuration.postgresServers = "b=\(b),c=\(c)"
        configuration.databasePoolSize = 4
        return configuration
    }
}
