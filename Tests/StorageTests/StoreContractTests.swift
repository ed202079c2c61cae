import BookingCore
import Foundation
import Storage
import Testing

@Suite("Store contract", .storeScope)
struct StoreContractTests {
    @Test(arguments: StoreBackend.allCases)
    func tenantsRoundTripAndRefuseDuplicates(backend: StoreBackend) async throws {
        let stores = try await backend.make()
        let record = Fixtures.tenant(Fixtures.tenantA)
        try await stores.tenants.insertTenant(record)
        #expect(try await stores.tenants.tenant(Fixtures.tenantA) == record)
        await #expect(throws: StorageError.duplicate("client_001")) { try await stores.tenants.insertTenant(record) }
        try await stores.tenants.setStatus(.suspended, of: Fixtures.tenantA)
        #expect(try await stores.tenants.tenant(Fixtures.tenantA)?.profile.status == .suspended)
        #expect(try await stores.tenants.allTenants().map(\.id) == [Fixtures.tenantA])
        #expect(try await stores.tenants.tenant(Fixtures.tenantB) == nil)
    }

    @Test(arguments: StoreBackend.allCases)
    func catalogSavesAndUpdates(backend: StoreBackend) async throws {
        let (stores, master, service) = try await Fixtures.seeded(backend)
        var changed = service
        changed.name = "Стрижка"
        changed.bufferAfterMinutes = 15
        changed.masterIDs = [master]
        _ = try await stores.catalog.saveService(changed, tenant: Fixtures.tenantA)
        #expect(try await stores.catalog.services(Fixtures.tenantA) == [changed])
        #expect(try await stores.catalog.services(Fixtures.tenantB).map(\.name) == ["Haircut"])
        var anna = try #require(try await stores.catalog.masters(Fixtures.tenantA).first)
        anna.exceptions = [PlanException(date: LocalDate(year: 2026, month: 12, day: 31)!, intervals: [])]
        _ = try await stores.catalog.saveMaster(anna, tenant: Fixtures.tenantA)
        #expect(try await stores.catalog.masters(Fixtures.tenantA) == [anna])
    }

    @Test(arguments: StoreBackend.allCases)
    func overlappingBookingsAreRefusedBuffersIncluded(backend: StoreBackend) async throws {
        let (stores, master, service) = try await Fixtures.seeded(backend, service: Fixtures.service(minutes: 60, after: 15))
        let first = try await stores.bookings.createBooking(
            Fixtures.request(service, master: master, hour: 10), tenant: Fixtures.tenantA, maxActivePerCustomer: 3, now: Fixtures.now)
        #expect(first.status == .confirmed)
        // 11:00 starts inside the 15-minute buffer after the 10:00 booking.
        await #expect(throws: BookingError.slotTaken) {
            try await stores.bookings.createBooking(
                Fixtures.request(service, master: master, customer: 200, hour: 11), tenant: Fixtures.tenantA,
                maxActivePerCustomer: 3, now: Fixtures.now)
        }
        // 11:15 is free; the same time in another tenant is free too.
        _ = try await stores.bookings.createBooking(
            Fixtures.request(service, master: master, customer: 200, hour: 11.25), tenant: Fixtures.tenantA, maxActivePerCustomer: 3, now: Fixtures.now)
        _ = try await stores.bookings.createBooking(
            Fixtures.request(service, master: master, hour: 10), tenant: Fixtures.tenantB, maxActivePerCustomer: 3, now: Fixtures.now)
        // After a cancel the time is free again.
        _ = try await stores.bookings.cancelBooking(first.id, tenant: Fixtures.tenantA, by: .customer, reason: nil, now: Fixtures.now)
        await #expect(throws: BookingError.notActive) {
            try await stores.bookings.cancelBooking(first.id, tenant: Fixtures.tenantA, by: .customer, reason: nil, now: Fixtures.now)
        }
        _ = try await stores.bookings.createBooking(
            Fixtures.request(service, master: master, customer: 300, hour: 9.75), tenant: Fixtures.tenantA, maxActivePerCustomer: 3, now: Fixtures.now)
    }

    @Test(arguments: StoreBackend.allCases)
    func blocksStopBookings(backend: StoreBackend) async throws {
        let (stores, master, service) = try await Fixtures.seeded(backend)
        let start = Fixtures.now.addingTimeInterval(86_400 + 12 * 3600)
        _ = try await stores.bookings.addBlock(
            Block(id: BlockID(0), masterID: nil, range: start..<start.addingTimeInterval(7200), reason: "lunch"), tenant: Fixtures.tenantA)
        await #expect(throws: BookingError.slotTaken) {
            try await stores.bookings.createBooking(
                Fixtures.request(service, master: master, hour: 13), tenant: Fixtures.tenantA, maxActivePerCustomer: 3, now: Fixtures.now)
        }
        #expect(try await stores.bookings.blocks(overlapping: start..<start.addingTimeInterval(60), tenant: Fixtures.tenantA).count == 1)
        #expect(try await stores.bookings.blocks(overlapping: start..<start.addingTimeInterval(60), tenant: Fixtures.tenantB).isEmpty)
    }

    @Test(arguments: StoreBackend.allCases)
    func customerCapAndOwnership(backend: StoreBackend) async throws {
        let (stores, master, service) = try await Fixtures.seeded(backend)
        for hour in [9.0, 10, 11] {
            _ = try await stores.bookings.createBooking(
                Fixtures.request(service, master: master, hour: hour), tenant: Fixtures.tenantA, maxActivePerCustomer: 3, now: Fixtures.now)
        }
        await #expect(throws: BookingError.customerLimitReached(3)) {
            try await stores.bookings.createBooking(
                Fixtures.request(service, master: master, hour: 12), tenant: Fixtures.tenantA, maxActivePerCustomer: 3, now: Fixtures.now)
        }
        #expect(try await stores.bookings.bookings(of: UserID(100), tenant: Fixtures.tenantA).count == 3)
        #expect(try await stores.bookings.bookings(of: UserID(100), tenant: Fixtures.tenantB).isEmpty)
        #expect(try await stores.bookings.bookings(of: UserID(999), tenant: Fixtures.tenantA).isEmpty)
        let day = Fixtures.now.addingTimeInterval(86_400)..<Fixtures.now.addingTimeInterval(2 * 86_400)
        #expect(try await stores.bookings.activeBookings(overlapping: day, tenant: Fixtures.tenantA).count == 3)
    }

    @Test(arguments: StoreBackend.allCases)
    func conversationStateIsPerTenantChatAndUser(backend: StoreBackend) async throws {
        let (stores, _, _) = try await Fixtures.seeded(backend)
        let a = ConversationKey(tenant: Fixtures.tenantA, chat: ChatID(1), user: UserID(1))
        let b = ConversationKey(tenant: Fixtures.tenantB, chat: ChatID(1), user: UserID(1))
        try await stores.conversations.saveState([1, 2], for: a, now: Fixtures.now)
        try await stores.conversations.saveState([3], for: a, now: Fixtures.now)
        #expect(try await stores.conversations.loadState(a) == [3])
        #expect(try await stores.conversations.loadState(b) == nil)
        try await stores.conversations.clearState(a)
        #expect(try await stores.conversations.loadState(a) == nil)
    }

    @Test(arguments: StoreBackend.allCases)
    func updatesAreClaimedOncePerTenant(backend: StoreBackend) async throws {
        let (stores, _, _) = try await Fixtures.seeded(backend)
        #expect(try await stores.updates.claimUpdate(7, tenant: Fixtures.tenantA, now: Fixtures.now))
        #expect(try await !stores.updates.claimUpdate(7, tenant: Fixtures.tenantA, now: Fixtures.now))
        #expect(try await stores.updates.claimUpdate(7, tenant: Fixtures.tenantB, now: Fixtures.now))
        try await stores.updates.releaseUpdate(7, tenant: Fixtures.tenantA)
        #expect(try await stores.updates.claimUpdate(7, tenant: Fixtures.tenantA, now: Fixtures.now))
    }

    @Test(arguments: StoreBackend.allCases)
    func customersAreNewOnlyOnce(backend: StoreBackend) async throws {
        let (stores, _, _) = try await Fixtures.seeded(backend)
        let anna = CustomerProfile(userID: UserID(5), chatID: ChatID(5), firstName: "Анна", username: nil, languageCode: "ru")
        #expect(try await stores.customers.upsertCustomer(anna, tenant: Fixtures.tenantA, now: Fixtures.now))
        #expect(try await !stores.customers.upsertCustomer(anna, tenant: Fixtures.tenantA, now: Fixtures.now.addingTimeInterval(5)))
        #expect(try await stores.customers.upsertCustomer(anna, tenant: Fixtures.tenantB, now: Fixtures.now))
    }
}
