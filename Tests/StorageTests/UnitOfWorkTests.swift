import BookingCore
import Foundation
import Storage
import Testing

@Suite("Unit of work", .storeScope)
struct UnitOfWorkTests {
    static var backends: [StoreBackend] { StoreBackend.allCases.filter { $0 != .memory } }

    /// Tenant A with one master, one service and a booking at 10:00.
    static func salonWithABooking(_ backend: StoreBackend) async throws
        -> (stores: Stores, unitOfWork: any UnitOfWork, master: MasterID, service: Service, booking: Booking)
    {
        let store = try await backend.makeStore()
        let unitOfWork = try #require(store as? any UnitOfWork)
        let stores = Stores(store)
        let a = Fixtures.tenantA
        try await stores.tenants.insertTenant(Fixtures.tenant(a))
        let master = try await stores.catalog.saveMaster(Master(id: MasterID(0), name: "Anna"), tenant: a).id
        let service = try await stores.catalog.saveService(Fixtures.service(), tenant: a)
        let booking = try await stores.bookings.createBooking(
            Fixtures.request(service, master: master, hour: 10), tenant: a, maxActivePerCustomer: 3, now: Fixtures.now)
        return (stores, unitOfWork, master, service, booking)
    }

    /// A refused booking inside a unit of work rolls back only itself (a savepoint); the rest commits together.
    @Test(arguments: backends)
    func aRefusedBookingInsideATransactionKeepsTheRest(backend: StoreBackend) async throws {
        let (stores, unitOfWork, master, service, first) = try await Self.salonWithABooking(backend)
        let a = Fixtures.tenantA
        let outcome = try await unitOfWork.inTransaction { tx -> BookingError? in
            #expect(try await tx.stores.updates.claimUpdate(1, tenant: a, now: Fixtures.now))
            do {
                _ = try await tx.stores.bookings.createBooking(
                    Fixtures.request(service, master: master, customer: 200, hour: 10.5), tenant: a, maxActivePerCustomer: 3,
                    now: Fixtures.now)
                return nil
            } catch let error as BookingError {
                try await tx.outbox.enqueue([OutboxEntry(chatID: 200, payload: [7], dueAt: Fixtures.now)], tenant: a, now: Fixtures.now)
                return error
            }
        }
        #expect(outcome == .slotTaken)
        #expect(try await !stores.updates.claimUpdate(1, tenant: a, now: Fixtures.now))
        #expect(try await stores.bookings.activeBookings(overlapping: Fixtures.day, tenant: a) == [first])
        let outbox = try #require(unitOfWork as? any OutboxStore)
        #expect(try await outbox.dueMessages(now: Fixtures.now, limit: 10).map(\.payload) == [[7]])
    }

    /// Stores handed out for reading see committed data (the catalog included, through the cache) and refuse every
    /// write, leaving nothing behind: the navigation path falls back to a transaction on that refusal.
    @Test(arguments: backends)
    func readingSeesCommittedDataAndRefusesWrites(backend: StoreBackend) async throws {
        let (stores, unitOfWork, master, service, booking) = try await Self.salonWithABooking(backend)
        let a = Fixtures.tenantA
        for round in 0..<2 {
            // The second round reads the catalog from the cache at the version the read saw first.
            let seen = try await unitOfWork.reading(tenant: a) { stores in
                (try await stores.catalog.services(a).map(\.id), try await stores.bookings.activeBookings(overlapping: Fixtures.day, tenant: a))
            }
            #expect(seen.0.contains(service.id), "round \(round)")
            #expect(seen.1 == [booking])
        }
        let renamed = try await stores.catalog.saveMaster(Master(id: master, name: "Anna K."), tenant: a)
        #expect(try await unitOfWork.reading(tenant: a) { try await $0.catalog.masters(a).map(\.name) } == [renamed.name])
        let profile = CustomerProfile(userID: UserID(31), chatID: ChatID(31), firstName: "Eve", username: nil, languageCode: "ru")
        await #expect(throws: StoreReadOnly.self) {
            try await unitOfWork.reading(tenant: a) { try await $0.customers.upsertCustomer(profile, tenant: a, now: Fixtures.now) }
        }
        await #expect(throws: StoreReadOnly.self) {
            try await unitOfWork.reading(tenant: a) { stores in
                try await stores.bookings.createBooking(
                    Fixtures.request(service, master: master, customer: 31, hour: 12), tenant: a, maxActivePerCustomer: 3, now: Fixtures.now)
            }
        }
        await #expect(throws: StoreReadOnly.self) {
            try await unitOfWork.reading(tenant: a) { try await $0.updates.claimUpdate(99, tenant: a, now: Fixtures.now) }
        }
        // Nothing of the refused writes is left: the customer is new, the booking alone, the update unclaimed.
        #expect(try await stores.customers.upsertCustomer(profile, tenant: a, now: Fixtures.now))
        #expect(try await stores.bookings.activeBookings(overlapping: Fixtures.day, tenant: a) == [booking])
        #expect(try await stores.updates.claimUpdate(99, tenant: a, now: Fixtures.now))
    }
}
