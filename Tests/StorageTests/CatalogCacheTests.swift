import BookingCore
import Foundation
import Storage
@testable import StoragePostgres
import Testing

/// The version rules of the catalog cache itself, without a database.
@Suite("Catalog cache versions")
struct CatalogCacheVersionTests {
    let a = Fixtures.tenantA
    let b = Fixtures.tenantB
    let haircut = Fixtures.service()
    let anna = Master(id: MasterID(1), name: "Anna")

    @Test func aPartIsServedOnlyAtExactlyItsVersion() {
        let cache = CatalogCache()
        #expect(cache.lookup(\.services, tenant: a, version: 1) == nil)
        cache.store([haircut], as: \.services, tenant: a, version: 1)
        #expect(cache.lookup(\.services, tenant: a, version: 1) == [haircut])
        #expect(cache.lookup(\.services, tenant: a, version: 2) == nil)
        #expect(cache.lookup(\.services, tenant: a, version: 0) == nil)
        #expect(cache.lookup(\.masters, tenant: a, version: 1) == nil)
        #expect(cache.lookup(\.services, tenant: b, version: 1) == nil)
        #expect(cache.hits == 1)
    }

    @Test func anOlderVersionNeverReplacesANewerOne() {
        let cache = CatalogCache()
        cache.store([haircut], as: \.services, tenant: a, version: 5)
        cache.store([], as: \.services, tenant: a, version: 4)
        cache.store([anna], as: \.masters, tenant: a, version: 4)
        #expect(cache.lookup(\.services, tenant: a, version: 5) == [haircut])
        #expect(cache.lookup(\.masters, tenant: a, version: 5) == nil)
        #expect(cache.lookup(\.services, tenant: a, version: 4) == nil)
    }

    @Test func aNewerVersionReplacesTheEntryAndDropsItsOtherParts() {
        let cache = CatalogCache()
        cache.store([haircut], as: \.services, tenant: a, version: 1)
        cache.store([anna], as: \.masters, tenant: a, version: 1)
        let override = TextOverride(key: "greeting", language: "en", template: "Hi")
        cache.store([override], as: \.overrides, tenant: a, version: 1)
        #expect(cache.lookup(\.masters, tenant: a, version: 1) == [anna])
        cache.store([], as: \.services, tenant: a, version: 2)
        #expect(cache.lookup(\.services, tenant: a, version: 2) == [])
        #expect(cache.lookup(\.masters, tenant: a, version: 2) == nil)
        #expect(cache.lookup(\.overrides, tenant: a, version: 2) == nil)
        #expect(cache.lookup(\.masters, tenant: a, version: 1) == nil)
    }

    @Test func invalidateForgetsOneTenantOnly() {
        let cache = CatalogCache()
        cache.store([haircut], as: \.services, tenant: a, version: 3)
        cache.store([haircut], as: \.services, tenant: b, version: 3)
        cache.invalidate(a)
        #expect(cache.lookup(\.services, tenant: a, version: 3) == nil)
        #expect(cache.lookup(\.services, tenant: b, version: 3) == [haircut])
        cache.store([], as: \.services, tenant: a, version: 0)  // after invalidation any version may be stored
        #expect(cache.lookup(\.services, tenant: a, version: 0) == [])
    }

    @Test func aTransactionThatWroteATenantsCatalogStopsUsingTheCacheForIt() {
        let transaction = CatalogTransaction()
        #expect(transaction.cacheVersion(a) == nil)
        transaction.record(7, tenant: a)
        transaction.record(2, tenant: b)
        #expect(transaction.cacheVersion(a) == 7)
        transaction.wrote(a)
        #expect(transaction.cacheVersion(a) == nil)
        transaction.record(8, tenant: a)
        #expect(transaction.cacheVersion(a) == nil)
        #expect(transaction.cacheVersion(b) == 2)
    }
}

/// The catalog cache of `PostgresStore` on a real database, with two instances sharing it.
@Suite("Catalog cache on PostgreSQL", .storeScope, .enabled(if: StoreBackend.allCases.contains(.postgres)))
struct CatalogCacheTests {
    let a = Fixtures.tenantA

    /// What one update reads of the catalog.
    struct Read: Equatable {
        var services: [Service]
        var masters: [Master]
        var overrides: [TextOverride]
    }

    /// Runs `body` as one update would: in a transaction on `store` that first claims `update`.
    func update<T: Sendable>(_ store: PostgresStore, _ update: Int64, _ body: @Sendable (Stores) async throws -> T)
        async throws -> T
    {
        let tenant = a
        return try await store.inTransaction { tx in
            #expect(try await tx.stores.updates.claimUpdate(update, tenant: tenant, now: Fixtures.now))
            return try await body(tx.stores)
        }
    }

    /// The whole catalog as one update reads it.
    func read(_ store: PostgresStore, update id: Int64) async throws -> Read {
        let tenant = a
        return try await update(store, id) { stores in
            Read(
                services: try await stores.catalog.services(tenant), masters: try await stores.catalog.masters(tenant),
                overrides: try await stores.textOverrides.textOverrides(tenant))
        }
    }

    /// A tenant with one master, one service and one text override, on a new database.
    func seeded(url: String) async throws -> (PostgresStore, Read) {
        let store = try await TestPostgres.openStore(url: url)
        try await store.insertTenant(Fixtures.tenant(a))
        let master = try await store.saveMaster(Master(id: MasterID(0), name: "Anna"), tenant: a)
        let service = try await store.saveService(Fixtures.service(), tenant: a)
        try await store.setTextOverride(key: "greeting", language: "en", template: "Hi", tenant: a)
        return (store, Read(services: [service], masters: [master], overrides: [TextOverride(key: "greeting", language: "en", template: "Hi")]))
    }

    @Test func repeatedUpdatesAreServedFromTheCache() async throws {
        let (store, seed) = try await seeded(url: try await TestPostgres.makeDatabase())
        #expect(try await read(store, update: 1) == seed)
        let hits = store.catalogCache.hits
        #expect(try await read(store, update: 2) == seed)
        #expect(store.catalogCache.hits == hits + 3)
        // Reads without a claimed update (outside a transaction, or in one that claimed nothing) bypass the cache.
        #expect(try await store.services(a) == seed.services)
        #expect(try await store.inTransaction { tx in try await tx.stores.catalog.masters(Fixtures.tenantA) } == seed.masters)
        #expect(store.catalogCache.hits == hits + 3)
    }

    @Test func anotherInstancesChangesReachTheNextUpdate() async throws {
        let url = try await TestPostgres.makeDatabase()
        let (first, seed) = try await seeded(url: url)
        let second = try await TestPostgres.openStore(url: url)
        #expect(try await read(first, update: 1) == seed)
        var expected = seed
        expected.services[0].name = "Beard trim"
        _ = try await second.saveService(expected.services[0], tenant: a)
        #expect(try await read(first, update: 2) == expected)
        expected.services.append(try await second.saveService(Fixtures.service(minutes: 30), tenant: a))
        expected.services.sort { ($0.displayOrder, $0.id.rawValue) < ($1.displayOrder, $1.id.rawValue) }
        #expect(try await read(first, update: 3) == expected)
        expected.masters[0].name = "Olga"
        _ = try await second.saveMaster(expected.masters[0], tenant: a)
        #expect(try await read(first, update: 4) == expected)
        try await second.setTextOverride(key: "greeting", language: "en", template: nil, tenant: a)
        expected.overrides = []
        #expect(try await read(first, update: 5) == expected)
        let tenant = a
        try await second.inTransaction { tx in
            try await tx.stores.textOverrides.setTextOverride(key: "greeting", language: "ru", template: "Привет", tenant: tenant)
        }
        expected.overrides = [TextOverride(key: "greeting", language: "ru", template: "Привет")]
        #expect(try await read(first, update: 6) == expected)
        let hits = first.catalogCache.hits
        #expect(try await read(first, update: 7) == expected)
        #expect(first.catalogCache.hits == hits + 3)
    }

    /// A reader that learned version `v` and then reads data committed later labels newer data with `v`: a later
    /// update (which reads the newer version) misses and gets the new data, never an old one.
    @Test func aChangeCommittedBetweenClaimAndReadIsNeverServedStale() async throws {
        let url = try await TestPostgres.makeDatabase()
        let (first, seed) = try await seeded(url: url)
        let second = try await TestPostgres.openStore(url: url)
        var trimmed = seed.services[0]
        trimmed.name = "Beard trim"
        var shaved = trimmed
        shaved.name = "Shave"
        let (tenant, newer, newest) = (a, trimmed, shaved)
        let during = try await update(first, 1) { stores in
            _ = try await second.saveService(newer, tenant: tenant)
            return try await stores.catalog.services(tenant)
        }
        #expect(during == [trimmed])
        #expect(try await read(first, update: 2).services == [trimmed])
        let before = try await update(first, 3) { stores in
            let before = try await stores.catalog.services(tenant)
            _ = try await second.saveService(newest, tenant: tenant)
            return before
        }
        #expect(before == [trimmed])
        #expect(try await read(first, update: 4).services == [shaved])
    }

    @Test func aTransactionReadsItsOwnCatalogWrites() async throws {
        let (store, seed) = try await seeded(url: try await TestPostgres.makeDatabase())
        #expect(try await read(store, update: 1) == seed)
        let tenant = a
        let (written, seen) = try await update(store, 2) { stores in
            #expect(try await stores.catalog.services(tenant) == seed.services)  // a hit, before writing
            var service = seed.services[0]
            service.name = "Beard trim"
            var master = seed.masters[0]
            master.isActive = false
            let written = Read(
                services: [try await stores.catalog.saveService(service, tenant: tenant)],
                masters: [try await stores.catalog.saveMaster(master, tenant: tenant)], overrides: [])
            try await stores.textOverrides.setTextOverride(key: "greeting", language: "en", template: nil, tenant: tenant)
            let seen = Read(
                services: try await stores.catalog.services(tenant), masters: try await stores.catalog.masters(tenant),
                overrides: try await stores.textOverrides.textOverrides(tenant))
            return (written, seen)
        }
        #expect(seen == written)
        #expect(try await read(store, update: 3) == written)
    }

    @Test func aRolledBackWriteLeavesTheVersionAndTheCachedCatalog() async throws {
        let (store, seed) = try await seeded(url: try await TestPostgres.makeDatabase())
        #expect(try await read(store, update: 1) == seed)
        let version = try #require(try await store.catalogVersion(a))
        struct Rollback: Error {}
        let tenant = a
        await #expect(throws: Rollback.self) {
            try await update(store, 2) { stores in
                var service = seed.services[0]
                service.name = "Beard trim"
                _ = try await stores.catalog.saveService(service, tenant: tenant)
                _ = try await stores.catalog.saveMaster(Master(id: MasterID(0), name: "Olga"), tenant: tenant)
                try await stores.textOverrides.setTextOverride(key: "greeting", language: "en", template: "Yo", tenant: tenant)
                #expect(try await stores.catalog.services(tenant) == [service])
                throw Rollback()
            }
        }
        #expect(try await store.catalogVersion(a) == version)
        #expect(try await read(store, update: 3) == seed)
        let hits = store.catalogCache.hits
        #expect(try await read(store, update: 4) == seed)
        #expect(store.catalogCache.hits == hits + 3)
    }

    @Test func everyCatalogWriteBumpsTheVersionOnce() async throws {
        let (store, seed) = try await seeded(url: try await TestPostgres.makeDatabase())
        let start = try #require(try await store.catalogVersion(a))
        #expect(start == 3)
        _ = try await store.saveService(seed.services[0], tenant: a)
        _ = try await store.saveMaster(seed.masters[0], tenant: a)
        try await store.setTextOverride(key: "greeting", language: "en", template: nil, tenant: a)
        _ = try await store.bookings(startingIn: Fixtures.day, tenant: a)
        #expect(try await store.catalogVersion(a) == start + 3)
        #expect(try await store.catalogVersion(Fixtures.tenantB) == nil)
    }
}
