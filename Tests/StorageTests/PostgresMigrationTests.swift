import BookingCore
import Foundation
import Storage
@_spi(Testing) import StoragePostgres
import Synchronization
import Testing

/// Migrations of the PostgreSQL backend (the other backends have one schema and migrate on open).
@Suite("PostgreSQL migrations", .storeScope, .enabled(if: StoreBackend.allCases.contains(.postgres)))
struct PostgresMigrationTests {
    static let ids = ["client_001", "client_002", "client_003"].compactMap(TenantID.init)
    /// Tenant schema versions (bookings, admin, feedback and waitlist, import ledger, admin language).
    static let latest = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    /// Platform schema versions (tenants, outbox claims, outbox tags, outbox expiry, catalog version).
    static let platformLatest = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]

    func storeWithTenants(url: String? = nil) async throws -> PostgresStore {
        let database = if let url { url } else { try await TestPostgres.makeDatabase() }
        let store = try await TestPostgres.openStore(url: database)
        for id in Self.ids { try await store.insertTenant(Fixtures.tenant(id)) }
        return store
    }

    @Test func insertingATenantMigratesItsSchemaAndMigratingTwiceChangesNothing() async throws {
        let store = try await storeWithTenants()
        for id in Self.ids { #expect(try await store.migrationVersions(of: id) == Self.latest) }
        #expect(try await store.migrationVersions(of: nil) == Self.platformLatest)
        let seen = Mutex<[MigrationProgress]>([])
        for _ in 0..<2 {
            seen.withLock { $0 = [] }
            let report = try await store.migrateAll { progress in seen.withLock { $0.append(progress) } }
            #expect(report.platformApplied.isEmpty)
            #expect(report.upToDate.map(\.schema) == Self.ids.map(\.rawValue))
            #expect(report.migrated.isEmpty && report.failures.isEmpty)
            #expect(seen.withLock { $0.map(\.index) } == [1, 2, 3])
            #expect(seen.withLock { Set($0.map(\.total)) } == [3])
        }
        #expect(try await store.schemaNames() == ["client_001", "client_002", "client_003", "public", "zapis"])
    }

    @Test func aSchemaLeftBehindByACrashIsCompleted() async throws {
        let store = try await storeWithTenants()
        // client_001 crashed right after CREATE SCHEMA; client_003's schema was never created.
        try await store.executeUnsafe("DROP SCHEMA \"client_001\" CASCADE")
        try await store.executeUnsafe("CREATE SCHEMA \"client_001\"")
        try await store.executeUnsafe("DROP SCHEMA \"client_003\" CASCADE")
        #expect(try await store.migrationVersions(of: Self.ids[0]) == [])
        let report = try await store.migrateAll(concurrency: 2)
        #expect(report.migrated.map(\.schema) == ["client_001", "client_003"])
        #expect(report.migrated.map(\.outcome) == [.applied(Self.latest), .applied(Self.latest)])
        #expect(report.upToDate.map(\.schema) == ["client_002"])
        let stores = Stores(store)
        for id in [Self.ids[0], Self.ids[2]] {
            let master = try await stores.catalog.saveMaster(Master(id: MasterID(0), name: "Anna"), tenant: id).id
            let service = try await stores.catalog.saveService(Fixtures.service(), tenant: id)
            _ = try await stores.bookings.createBooking(
                Fixtures.request(service, master: master, hour: 10), tenant: id, maxActivePerCustomer: 3, now: Fixtures.now)
        }
    }

    @Test func aBrokenSchemaIsReportedWhileTheOthersMigrate() async throws {
        let store = try await storeWithTenants()
        try await store.executeUnsafe("DROP SCHEMA \"client_001\" CASCADE")
        try await store.executeUnsafe("DROP TABLE \"client_002\".blocks")
        try await store.executeUnsafe("DROP SCHEMA \"client_003\" CASCADE")
        for _ in 0..<2 {
            let report = try await store.migrateAll()
            #expect(report.failures.map(\.schema) == ["client_002"])
            guard case .failed(let reason) = report.failures.first?.outcome else { continue }
            #expect(reason.contains("blocks"))
        }
        #expect(try await store.migrationVersions(of: Self.ids[0]) == Self.latest)
        #expect(try await store.migrationVersions(of: Self.ids[2]) == Self.latest)
    }

    /// Two processes migrating at once: the per-schema advisory lock lets each version apply exactly once.
    @Test func concurrentMigrationsApplyEachVersionOnce() async throws {
        let url = try await TestPostgres.makeDatabase()
        let first = try await storeWithTenants(url: url)
        let second = try await TestPostgres.openStore(url: url)
        for id in Self.ids { try await first.executeUnsafe("DROP SCHEMA \"\(id.rawValue)\" CASCADE") }
        async let a = first.migrateAll()
        async let b = second.migrateAll()
        let reports = try await [a, b]
        #expect(reports.flatMap(\.migrated).map(\.schema).sorted() == Self.ids.map(\.rawValue))
        #expect(reports.flatMap(\.failures).isEmpty)
        for id in Self.ids { #expect(try await second.migrationVersions(of: id) == Self.latest) }
    }
}
