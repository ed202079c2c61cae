import BookingCore
import Foundation
import Storage
import StoragePostgres
import StorageSQLite
import Testing

/// The pool's figures for `/metrics` come from our own leases: a caller stuck behind a held connection shows as
/// waiting, its wait is summed once it gets one, and everything settles back to zero.
@Suite("Database pool meter", .storeScope)
struct PoolMeterTests {
    static var backends: [StoreBackend] { StoreBackend.allCases.filter { $0 != .memory } }

    @Test(arguments: backends)
    func aCallerBehindAHeldConnectionWaitsAndIsCounted(backend: StoreBackend) async throws {
        let store = try await backend.makeStore(poolSize: 1)
        let meter = try #require((store as? SQLiteStore)?.meter ?? (store as? PostgresStore)?.meter)
        let unitOfWork = try #require(store as? any UnitOfWork)
        let stores = Stores(store)
        try await stores.tenants.insertTenant(Fixtures.tenant(Fixtures.tenantA))
        let before = meter.usage
        #expect(before.size == 1)
        #expect(before.inUse == 0 && before.waiting == 0)

        let (held, holding) = AsyncStream.makeStream(of: Void.self)
        let holder = Task {
            try await unitOfWork.inTransaction { tx in
                _ = try await tx.stores.tenants.tenant(Fixtures.tenantA)
                holding.yield()
                try await Task.sleep(for: .milliseconds(400))
            }
        }
        for await _ in held { break }
        let reader = Task { try await stores.tenants.tenant(Fixtures.tenantA) }
        // The reader queues behind the transaction: one connection held, one caller waiting.
        let deadline = ContinuousClock.now + .seconds(5)
        while meter.usage.waiting == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        let during = meter.usage
        #expect(during.inUse == 1)
        #expect(during.waiting == 1)
        try await holder.value
        #expect(try await reader.value != nil)

        let after = meter.usage
        #expect(after.inUse == 0 && after.waiting == 0)
        #expect(after.leases == before.leases + 2)
        #expect(after.waitSeconds - before.waitSeconds >= 0.2, "the reader waited for the transaction's connection")
        #expect(after.failures == before.failures)
    }
}
