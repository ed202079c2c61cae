import BookingCore
import Foundation
import Storage
@_spi(Testing) import StoragePostgres
import Testing

@Suite("Tenant lifecycle store", .storeScope)
struct TenantLifecycleContractTests {
    static func audit(_ action: String, _ tenant: TenantID? = Fixtures.tenantA, at offset: TimeInterval = 0) -> OperatorAuditEntry {
        OperatorAuditEntry(at: Fixtures.now.addingTimeInterval(offset), actor: "cli:test", tenant: tenant, action: action)
    }

    /// A change and its audit entry (old → new, never the token) are stored together; id and creation time are fixed.
    @Test(arguments: StoreBackend.allCases)
    func aChangeIsStoredWithItsAuditEntry(backend: StoreBackend) async throws {
        let (stores, _, _) = try await Fixtures.seeded(backend)
        let a = Fixtures.tenantA
        let changedAt = Fixtures.now.addingTimeInterval(60)
        let record = try await stores.tenants.updateTenant(a, audit: Self.audit("tenant.suspend")) { record in
            record.profile.status = .suspended
            record.statusReason = "unpaid"
            record.statusChangedAt = changedAt
            record.encryptedToken = [9, 9, 9]
        }
        let stored = try #require(try await stores.tenants.tenant(a))
        #expect(stored == record)
        #expect(stored.profile.status == .suspended && stored.statusReason == "unpaid" && stored.encryptedToken == [9, 9, 9])
        #expect(abs(try #require(stored.statusChangedAt).timeIntervalSince(changedAt)) < 0.001)
        let entry = try #require(try await stores.tenants.operatorAudit(tenant: a, limit: 10).first)
        #expect(entry.action == "tenant.suspend" && entry.actor == "cli:test" && entry.tenant == a)
        #expect(entry.detail == #"status: "trial" → "suspended"; reason: "" → "unpaid"; token: replaced"#)
        #expect(try await stores.tenants.operatorAudit(tenant: Fixtures.tenantB, limit: 10).isEmpty)

        await #expect(throws: StorageError.self) {
            try await stores.tenants.updateTenant(a, audit: Self.audit("tenant.edit")) { $0.createdAt = Date() }
        }
        await #expect(throws: StorageError.notFound("client_404")) {
            try await stores.tenants.updateTenant(TenantID("client_404")!, audit: nil) { $0.profile.name = "x" }
        }
        // Refused changes wrote nothing.
        #expect(try await stores.tenants.operatorAudit(tenant: nil, limit: 10).count == 1)
        #expect(try await stores.tenants.tenant(a) == record)
    }

    /// Concurrent changes of one tenant are serialised: none is lost.
    @Test(arguments: StoreBackend.allCases)
    func concurrentChangesAreNotLost(backend: StoreBackend) async throws {
        let (stores, _, _) = try await Fixtures.seeded(backend, poolSize: 8)
        let a = Fixtures.tenantA
        try await withThrowingTaskGroup(of: Void.self) { group in
            for letter in "abcdefgh" {
                group.addTask { _ = try await stores.tenants.updateTenant(a, audit: nil) { $0.profile.contact += String(letter) } }
            }
            try await group.waitForAll()
        }
        #expect(try await stores.tenants.tenant(a)?.profile.contact.sorted() == Array("abcdefgh"))
    }

    /// A purge removes the tenant and every row it owns (its schema on PostgreSQL), records why, and touches no
    /// other tenant; the id can be used again afterwards.
    @Test(arguments: StoreBackend.allCases)
    func aPurgeRemovesEverythingOfOneTenant(backend: StoreBackend) async throws {
        let (stores, master, service) = try await Fixtures.seeded(backend)
        let (a, b) = (Fixtures.tenantA, Fixtures.tenantB)
        for tenant in [a, b] {
            _ = try await stores.bookings.createBooking(
                Fixtures.request(service, master: master, customer: 777, hour: 10), tenant: tenant, maxActivePerCustomer: 3, now: Fixtures.now)
            let anna = CustomerProfile(userID: UserID(777), chatID: ChatID(777), firstName: "Anna", username: nil, languageCode: nil)
            _ = try await stores.customers.upsertCustomer(anna, tenant: tenant, now: Fixtures.now)
            try await stores.admins.saveAdmin(AdminMember(userID: UserID(42), role: .owner, name: "Owner", addedAt: Fixtures.now), tenant: tenant)
        }
        try await stores.tenants.purgeTenant(a, audit: Self.audit("tenant.purge"))

        #expect(try await stores.tenants.tenant(a) == nil)
        #expect(try await stores.tenants.allTenants().map(\.id) == [b])
        #expect(try await stores.bookings.bookings(of: UserID(777), tenant: b).count == 1)
        #expect(try await stores.backOffice.customerRecords(b).count == 1)
        #expect(try await stores.admins.admins(b).count == 1)
        #expect(try await stores.tenants.operatorAudit(tenant: a, limit: 10).map(\.action) == ["tenant.purge"])
        if let postgres = stores.tenants as? PostgresStore {
            let schemas = try await postgres.schemaNames()
            #expect(!schemas.contains(a.rawValue) && schemas.contains(b.rawValue))
        }
        await #expect(throws: StorageError.notFound(a.rawValue)) { try await stores.tenants.purgeTenant(a, audit: Self.audit("tenant.purge")) }

        // The id is free again, and the new tenant starts empty.
        try await stores.tenants.insertTenant(Fixtures.tenant(a))
        #expect(try await stores.bookings.bookings(of: UserID(777), tenant: a).isEmpty)
        #expect(try await stores.backOffice.customerRecords(a).isEmpty)
        #expect(try await stores.admins.admins(a).isEmpty)
    }

    /// A created tenant and the audit entry of its creation are one transaction: a refused duplicate leaves no entry.
    @Test(arguments: StoreBackend.allCases)
    func aCreationIsStoredWithItsAuditEntry(backend: StoreBackend) async throws {
        let stores = try await backend.make()
        let a = Fixtures.tenantA
        try await stores.tenants.insertTenant(Fixtures.tenant(a), audit: Self.audit("tenant.create"))
        #expect(try await stores.tenants.tenant(a) != nil)
        #expect(try await stores.tenants.operatorAudit(tenant: a, limit: 10).map(\.action) == ["tenant.create"])
        await #expect(throws: StorageError.duplicate(a.rawValue)) {
            try await stores.tenants.insertTenant(Fixtures.tenant(a), audit: Self.audit("tenant.create", at: 60))
        }
        #expect(try await stores.tenants.operatorAudit(tenant: a, limit: 10).count == 1, "the refused creation wrote no entry")
    }
}
