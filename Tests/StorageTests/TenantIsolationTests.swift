import BookingCore
import Foundation
import Storage
@_spi(Testing) import StoragePostgres
import Testing

@Suite("Tenant isolation", .storeScope)
struct TenantIsolationTests {
    /// Tenant B's rows are invisible and untouchable through calls for tenant A, even where ids coincide
    /// (PostgreSQL numbers rows per tenant schema, so both tenants have booking 1, master 1, service 1).
    @Test(arguments: StoreBackend.allCases)
    func callsForOneTenantNeverReachAnother(backend: StoreBackend) async throws {
        let (stores, master, service) = try await Fixtures.seeded(backend)
        let a = Fixtures.tenantA
        let b = Fixtures.tenantB
        let theirs = try await stores.bookings.createBooking(
            Fixtures.request(service, master: master, customer: 777, hour: 10), tenant: b, maxActivePerCustomer: 3, now: Fixtures.now)
        #expect(try await stores.bookings.booking(theirs.id, tenant: a) == nil)
        #expect(try await stores.bookings.bookings(of: UserID(777), tenant: a).isEmpty)
        #expect(try await stores.bookings.history(of: theirs.id, tenant: a).isEmpty)
        await #expect(throws: BookingError.notFound) {
            try await stores.bookings.cancelBooking(theirs.id, tenant: a, by: .admin, reason: nil, now: Fixtures.now)
        }
        await #expect(throws: BookingError.notFound) {
            try await stores.bookings.rescheduleBooking(
                theirs.id, to: Fixtures.request(service, master: master, customer: 777, hour: 12), tenant: a, maxActivePerCustomer: 3,
                now: Fixtures.now)
        }
        // The same customer, master and time in A is free; on PostgreSQL it even gets the same booking id.
        let mine = try await stores.bookings.createBooking(
            Fixtures.request(service, master: master, customer: 777, hour: 10), tenant: a, maxActivePerCustomer: 1, now: Fixtures.now)
        if backend == .postgres { #expect(mine.id == theirs.id) }
        _ = try await stores.bookings.cancelBooking(mine.id, tenant: a, by: .customer, reason: nil, now: Fixtures.now)
        #expect(try await stores.bookings.booking(theirs.id, tenant: b) == theirs)
        #expect(try await stores.bookings.activeBookings(overlapping: Fixtures.day, tenant: b) == [theirs])
        #expect(try await stores.bookings.activeBookings(overlapping: Fixtures.day, tenant: a).isEmpty)

        let anna = CustomerProfile(userID: UserID(777), chatID: ChatID(777), firstName: "Anna", username: nil, languageCode: nil)
        #expect(try await stores.customers.upsertCustomer(anna, tenant: b, now: Fixtures.now))
        #expect(try await stores.customers.upsertCustomer(anna, tenant: a, now: Fixtures.now))
        var renamed = try #require(try await stores.catalog.masters(a).first)
        renamed.name = "Only in A"
        _ = try await stores.catalog.saveMaster(renamed, tenant: a)
        #expect(try await stores.catalog.masters(b).map(\.name) == ["Anna"])
    }

    /// Ids that could break out of a quoted identifier or name a system schema are refused before any SQL runs.
    @Test(arguments: StoreBackend.allCases)
    func hostileTenantIDsAreRefusedBeforeSQL(backend: StoreBackend) async throws {
        let stores = try await backend.make()
        let postgres = stores.tenants as? PostgresStore
        let before = try await postgres?.schemaNames()
        let hostile = [
            "a\"; drop schema x; --", "pg_catalog", "pg_toast", "pg_anything", "zapis", "public", "information_schema",
            "Client_001", "client-001", "1client", "ab", "", "client_001 ", "client\u{0}001", String(repeating: "a", count: 41),
        ]
        for raw in hostile {
            #expect(TenantID(raw) == nil, "\(raw.debugDescription) was accepted")
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(TenantID.self, from: JSONEncoder().encode(raw)) }
        }
        #expect(try await stores.tenants.allTenants().isEmpty)
        if let postgres {
            #expect(try await postgres.schemaNames() == before)
            #expect(before == ["public", "zapis"])
        }
    }

    /// Valid ids that are SQL keywords work, because schema names are always quoted.
    @Test(arguments: StoreBackend.allCases)
    func keywordTenantIDsWork(backend: StoreBackend) async throws {
        let stores = try await backend.make()
        for raw in ["select", "order", "user", "table"] {
            let id = try #require(TenantID(raw))
            try await stores.tenants.insertTenant(Fixtures.tenant(id))
            let master = try await stores.catalog.saveMaster(Master(id: MasterID(0), name: "Anna"), tenant: id).id
            let service = try await stores.catalog.saveService(Fixtures.service(), tenant: id)
            _ = try await stores.bookings.createBooking(
                Fixtures.request(service, master: master, hour: 10), tenant: id, maxActivePerCustomer: 3, now: Fixtures.now)
            #expect(try await stores.bookings.bookings(of: UserID(100), tenant: id).count == 1)
        }
    }
}
