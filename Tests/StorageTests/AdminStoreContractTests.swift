import BookingCore
import Foundation
import Storage
import Testing

@Suite("Admin store contract", .storeScope)
struct AdminStoreContractTests {
    @Test(arguments: StoreBackend.allCases)
    func adminsAreSavedUpdatedAndRemovedPerTenant(backend: StoreBackend) async throws {
        let (stores, _, _) = try await Fixtures.seeded(backend)
        let owner = AdminMember(userID: UserID(42), role: .owner, name: "Olga", addedAt: Fixtures.now)
        var manager = AdminMember(userID: UserID(7), role: .manager, name: "Max", notify: false, addedAt: Fixtures.now)
        try await stores.admins.saveAdmin(owner, tenant: Fixtures.tenantA)
        try await stores.admins.saveAdmin(manager, tenant: Fixtures.tenantA)
        #expect(try await stores.admins.admins(Fixtures.tenantA) == [manager, owner])
        #expect(try await stores.admins.admins(Fixtures.tenantB).isEmpty)
        manager.role = .master
        try await stores.admins.saveAdmin(manager, tenant: Fixtures.tenantA)
        #expect(try await stores.admins.admins(Fixtures.tenantA).first?.role == .master)
        #expect(try await stores.admins.removeAdmin(UserID(7), tenant: Fixtures.tenantA))
        #expect(try await !stores.admins.removeAdmin(UserID(7), tenant: Fixtures.tenantA))
        #expect(try await stores.admins.admins(Fixtures.tenantA) == [owner])
    }

    @Test(arguments: StoreBackend.allCases)
    func anAdminsLanguageIsKeptUntilANewOneIsSaved(backend: StoreBackend) async throws {
        let (stores, _, _) = try await Fixtures.seeded(backend)
        var owner = AdminMember(userID: UserID(42), role: .owner, name: "Olga", addedAt: Fixtures.now, languageCode: "en")
        try await stores.admins.saveAdmin(owner, tenant: Fixtures.tenantA)
        #expect(try await stores.admins.admins(Fixtures.tenantA).first?.languageCode == "en")
        // A save that knows no language (a role change built from scratch) keeps the stored one.
        try await stores.admins.saveAdmin(AdminMember(userID: UserID(42), role: .manager, name: "Olga", addedAt: Fixtures.now), tenant: Fixtures.tenantA)
        #expect(try await stores.admins.admins(Fixtures.tenantA).first?.languageCode == "en")
        owner.languageCode = "ru"
        try await stores.admins.saveAdmin(owner, tenant: Fixtures.tenantA)
        #expect(try await stores.admins.admins(Fixtures.tenantA) == [owner])
    }

    @Test(arguments: StoreBackend.allCases)
    func auditLogIsAppendOnlyNewestFirstAndPaged(backend: StoreBackend) async throws {
        let (stores, _, _) = try await Fixtures.seeded(backend)
        var stored: [AuditEntry] = []
        for index in 0..<5 {
            stored.append(try await stores.audit.appendAudit(
                AuditEntry(
                    at: Fixtures.now.addingTimeInterval(Double(index)), actor: UserID(42), action: "booking.cancel", target: "booking:\(index)",
                    oldValue: index == 0 ? nil : "confirmed", newValue: "cancelled", outcome: index == 4 ? .refused : .done),
                tenant: Fixtures.tenantA))
        }
        #expect(Set(stored.map(\.id)).count == 5)
        let page = try await stores.audit.auditLog(Fixtures.tenantA, offset: 1, limit: 2)
        #expect(page == [stored[3], stored[2]])
        #expect(try await stores.audit.auditLog(Fixtures.tenantA, offset: 0, limit: 10).first?.outcome == .refused)
        #expect(try await stores.audit.auditLog(Fixtures.tenantB, offset: 0, limit: 10).isEmpty)
    }

    @Test(arguments: StoreBackend.allCases)
    func textOverridesSetReplaceAndReset(backend: StoreBackend) async throws {
        let (stores, _, _) = try await Fixtures.seeded(backend)
        try await stores.textOverrides.setTextOverride(key: "greeting", language: "ru", template: "Привет, {name}!", tenant: Fixtures.tenantA)
        try await stores.textOverrides.setTextOverride(key: "greeting", language: "ru", template: "Здравствуйте, {name}!", tenant: Fixtures.tenantA)
        try await stores.textOverrides.setTextOverride(key: "about", language: "en", template: "About us", tenant: Fixtures.tenantA)
        #expect(try await stores.textOverrides.textOverrides(Fixtures.tenantA) == [
            TextOverride(key: "about", language: "en", template: "About us"),
            TextOverride(key: "greeting", language: "ru", template: "Здравствуйте, {name}!"),
        ])
        #expect(try await stores.textOverrides.textOverrides(Fixtures.tenantB).isEmpty)
        try await stores.textOverrides.setTextOverride(key: "about", language: "en", template: nil, tenant: Fixtures.tenantA)
        #expect(try await stores.textOverrides.textOverrides(Fixtures.tenantA).map(\.key) == ["greeting"])
    }

    @Test(arguments: StoreBackend.allCases)
    func backOfficeReadsBookingsCustomersAndPolicies(backend: StoreBackend) async throws {
        let (stores, master, service) = try await Fixtures.seeded(backend)
        let profile = CustomerProfile(userID: UserID(100), chatID: ChatID(100), firstName: "Ann", username: "ann", languageCode: "en")
        _ = try await stores.customers.upsertCustomer(profile, tenant: Fixtures.tenantA, now: Fixtures.now)
        _ = try await stores.customers.upsertCustomer(profile, tenant: Fixtures.tenantA, now: Fixtures.now.addingTimeInterval(60))
        let record = try #require(try await stores.backOffice.customerRecord(UserID(100), tenant: Fixtures.tenantA))
        #expect(record.profile == profile && record.firstSeen == Fixtures.now)
        #expect(try await stores.backOffice.customerRecords(Fixtures.tenantA).map(\.profile) == [profile])
        #expect(try await stores.backOffice.customerRecords(Fixtures.tenantB).isEmpty)
        let a = try await stores.bookings.createBooking(
            Fixtures.request(service, master: master, hour: 10), tenant: Fixtures.tenantA, maxActivePerCustomer: 3, now: Fixtures.now)
        let b = try await stores.bookings.createBooking(
            Fixtures.request(service, master: master, hour: 12), tenant: Fixtures.tenantA, maxActivePerCustomer: 3, now: Fixtures.now)
        _ = try await stores.bookings.cancelBooking(b.id, tenant: Fixtures.tenantA, by: .admin, reason: nil, now: Fixtures.now)
        let all = try await stores.backOffice.bookings(startingIn: Fixtures.day, tenant: Fixtures.tenantA)
        #expect(all.map(\.id) == [a.id, b.id] && all[1].status == .cancelled(by: .admin, reason: nil))
        #expect(try await stores.backOffice.bookings(startingIn: Fixtures.day, tenant: Fixtures.tenantB).isEmpty)
        var policies = Policies()
        policies.cancelNoticeHours = 3
        try await stores.backOffice.updatePolicies(policies, of: Fixtures.tenantA)
        #expect(try await stores.tenants.tenant(Fixtures.tenantA)?.policies == policies)
        #expect(try await stores.tenants.tenant(Fixtures.tenantB)?.policies == Policies())
    }

    @Test(arguments: StoreBackend.allCases)
    func moveBookingsMovesAllOrNothing(backend: StoreBackend) async throws {
        let (stores, master, service) = try await Fixtures.seeded(backend)
        var placed: [Booking] = []
        for (customer, hour) in [(100, 10.0), (200, 11.0), (300, 13.0)] {
            placed.append(try await stores.bookings.createBooking(
                Fixtures.request(service, master: master, customer: Int64(customer), hour: hour), tenant: Fixtures.tenantA,
                maxActivePerCustomer: 3, now: Fixtures.now))
        }
        func shifted(_ booking: Booking, _ minutes: Double) -> BookingMove {
            BookingMove(id: booking.id, request: BookingRequest(
                customer: booking.customer, chat: booking.chat, service: service, masterID: master,
                start: booking.start.addingTimeInterval(minutes * 60)))
        }
        // 10:00 and 11:00 back to back move +60 together: each lands where the other was.
        let moved = try await stores.backOffice.moveBookings([shifted(placed[0], 60), shifted(placed[1], 60)], tenant: Fixtures.tenantA, now: Fixtures.now)
        #expect(Set(moved.map(\.start)) == [placed[0].start.addingTimeInterval(3600), placed[1].start.addingTimeInterval(3600)])
        // 13:00 → 14:00 fits and is moved first, but 11:00 → 12:00 is taken by a booking outside the batch: nothing changes.
        let current = try await stores.backOffice.bookings(startingIn: Fixtures.day, tenant: Fixtures.tenantA)
        #expect(current.count == 3)
        await #expect(throws: BookingError.slotTaken) {
            try await stores.backOffice.moveBookings([shifted(current[2], 60), shifted(current[0], 60)], tenant: Fixtures.tenantA, now: Fixtures.now)
        }
        #expect(try await stores.backOffice.bookings(startingIn: Fixtures.day, tenant: Fixtures.tenantA) == current)
    }
}
