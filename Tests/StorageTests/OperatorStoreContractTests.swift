import BookingCore
import Foundation
import Storage
@_spi(Testing) import StoragePostgres
import Testing

@Suite("Operator tokens and tenant stats", .storeScope)
struct OperatorStoreContractTests {
    static func audit(_ action: String) -> OperatorAuditEntry {
        OperatorAuditEntry(at: Fixtures.now, actor: "cli:test", tenant: nil, action: action, detail: "ci")
    }

    /// Tokens are stored by name with their hash; a valid name cannot be taken twice, a revoked one can; each change
    /// writes its audit entry and a refused one writes nothing.
    @Test(arguments: StoreBackend.allCases)
    func tokensAreCreatedRevokedAndListed(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        let first = OperatorToken(name: "ci", hash: Array(repeating: 1, count: 32), createdAt: Fixtures.now)
        try await store.insertOperatorToken(first, audit: Self.audit("operator.token.create"))
        try await store.insertOperatorToken(
            OperatorToken(name: "grafana", hash: Array(repeating: 2, count: 32), createdAt: Fixtures.now),
            audit: Self.audit("operator.token.create"))
        await #expect(throws: StorageError.duplicate("ci")) {
            try await store.insertOperatorToken(
                OperatorToken(name: "ci", hash: Array(repeating: 3, count: 32), createdAt: Fixtures.now),
                audit: Self.audit("operator.token.create"))
        }
        #expect(try await store.operatorTokens().map(\.name) == ["ci", "grafana"])
        #expect(try await store.operatorTokens().first?.hash == first.hash)

        let revokedAt = Fixtures.now.addingTimeInterval(60)
        #expect(try await store.revokeOperatorToken(named: "ci", at: revokedAt, audit: Self.audit("operator.token.revoke")))
        #expect(try await !store.revokeOperatorToken(named: "ci", at: revokedAt, audit: Self.audit("operator.token.revoke")))
        #expect(try await !store.revokeOperatorToken(named: "nobody", at: revokedAt, audit: Self.audit("operator.token.revoke")))
        let revoked = try #require(try await store.operatorTokens().first)
        #expect(abs(try #require(revoked.revokedAt).timeIntervalSince(revokedAt)) < 0.001)

        // The revoked name is reused by a new secret.
        try await store.insertOperatorToken(
            OperatorToken(name: "ci", hash: Array(repeating: 4, count: 32), createdAt: revokedAt),
            audit: Self.audit("operator.token.create"))
        let renewed = try #require(try await store.operatorTokens().first)
        #expect(renewed.hash == Array(repeating: 4, count: 32) && renewed.revokedAt == nil)
        #expect(
            try await store.operatorAudit(tenant: nil, limit: 10).map(\.action) == [
                "operator.token.create", "operator.token.revoke", "operator.token.create", "operator.token.create",
            ])
    }

    /// Stats count one tenant's customers and bookings by status and tell its latest processed update; another
    /// tenant's rows never count.
    @Test(arguments: StoreBackend.allCases)
    func statsCountOneTenant(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        let stores = Stores(store)
        var master = MasterID(0)
        var service = Fixtures.service()
        for id in [Fixtures.tenantB, Fixtures.tenantA] {
            try await stores.tenants.insertTenant(Fixtures.tenant(id))
            master = try await stores.catalog.saveMaster(Master(id: MasterID(0), name: "Anna"), tenant: id).id
            service = try await stores.catalog.saveService(Fixtures.service(), tenant: id)
        }
        let a = Fixtures.tenantA
        #expect(try await store.tenantStats(a) == TenantStats(customers: 0, bookingsByStatus: [:], lastUpdateAt: nil))
        for user in [100, 101] as [Int64] {
            _ = try await stores.customers.upsertCustomer(
                CustomerProfile(userID: UserID(user), chatID: ChatID(user), firstName: "U", username: nil, languageCode: nil), tenant: a,
                now: Fixtures.now)
        }
        let kept = try await stores.bookings.createBooking(
            Fixtures.request(service, master: master, customer: 100, hour: 10), tenant: a, maxActivePerCustomer: 3, now: Fixtures.now)
        let cancelled = try await stores.bookings.createBooking(
            Fixtures.request(service, master: master, customer: 101, hour: 12), tenant: a, maxActivePerCustomer: 3, now: Fixtures.now)
        _ = try await stores.bookings.cancelBooking(cancelled.id, tenant: a, by: .customer, reason: nil, now: Fixtures.now)
        _ = try await stores.updates.claimUpdate(5, tenant: a, now: Fixtures.now)
        _ = try await stores.updates.claimUpdate(9, tenant: a, now: Fixtures.now.addingTimeInterval(30))
        _ = try await stores.updates.claimUpdate(1, tenant: Fixtures.tenantB, now: Fixtures.now.addingTimeInterval(90))

        let stats = try await store.tenantStats(a)
        #expect(stats.customers == 2)
        #expect(stats.bookingsByStatus == ["confirmed": 1, "cancelled": 1])
        #expect(abs(try #require(stats.lastUpdateAt).timeIntervalSince(Fixtures.now.addingTimeInterval(30))) < 0.001)
        #expect(kept.status == .confirmed)
        #expect(try await store.tenantStats(Fixtures.tenantB).customers == 0)
    }
}
