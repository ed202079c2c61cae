import BookingCore
import Foundation
import Storage
import Testing

@Suite("Waitlist contract", .storeScope)
struct WaitlistContractTests {
    static let day = LocalDate(year: 2026, month: 12, day: 1)!

    func entry(_ customer: Int64, service: ServiceID, master: MasterID?, date: LocalDate = day) -> WaitlistEntry {
        WaitlistEntry(
            customer: UserID(customer), chat: ChatID(customer), languageCode: "en", serviceID: service, masterID: master, date: date,
            createdAt: Fixtures.now)
    }

    @Test(arguments: StoreBackend.allCases)
    func joiningKeepsOrderAndIsIdempotent(backend: StoreBackend) async throws {
        let (stores, master, service) = try await Fixtures.seeded(backend)
        let a = Fixtures.tenantA
        let (first, isNew) = try await stores.waitlist.joinWaitlist(entry(100, service: service.id, master: nil), tenant: a)
        #expect(isNew && first.status == .waiting && first.offer == nil && first.masterID == nil && first.languageCode == "en")
        #expect(first.date == Self.day && first.customer == UserID(100) && first.serviceID == service.id && first.createdAt == Fixtures.now)
        let (second, _) = try await stores.waitlist.joinWaitlist(entry(200, service: service.id, master: master), tenant: a)
        let (again, isNewAgain) = try await stores.waitlist.joinWaitlist(entry(100, service: service.id, master: nil), tenant: a)
        #expect(!isNewAgain && again == first)
        // Another day or another master choice is another entry; another tenant has its own line.
        _ = try await stores.waitlist.joinWaitlist(entry(100, service: service.id, master: master), tenant: a)
        _ = try await stores.waitlist.joinWaitlist(entry(100, service: service.id, master: nil, date: Self.day.adding(days: 1)), tenant: a)
        _ = try await stores.waitlist.joinWaitlist(entry(300, service: service.id, master: nil), tenant: Fixtures.tenantB)
        #expect(try await stores.waitlist.waitlist(on: Self.day, tenant: a).map(\.customer) == [UserID(100), UserID(200), UserID(100)])
        #expect(try await stores.waitlist.waitlist(on: Self.day, tenant: a).first == first)
        #expect(try await stores.waitlist.waitlist(of: UserID(100), tenant: a).count == 3)
        #expect(try await stores.waitlist.waitlistEntry(second.id, tenant: a) == second)
        #expect(try await stores.waitlist.waitlist(on: Self.day, tenant: Fixtures.tenantB).map(\.customer) == [UserID(300)])
    }

    @Test(arguments: StoreBackend.allCases)
    func offersAreCompareAndSet(backend: StoreBackend) async throws {
        let (stores, master, service) = try await Fixtures.seeded(backend)
        let a = Fixtures.tenantA
        let (entry, _) = try await stores.waitlist.joinWaitlist(entry(100, service: service.id, master: nil), tenant: a)
        let offer = WaitlistOffer(start: Fixtures.now.addingTimeInterval(86_400), masterID: master, until: Fixtures.now.addingTimeInterval(900))
        #expect(try await stores.waitlist.resolveWaitlistOffer(entry.id, as: .expired, tenant: a) == false)
        #expect(try await stores.waitlist.offerWaitlistSlot(entry.id, offer: offer, tenant: a, now: Fixtures.now))
        // A second offer to the same entry (a concurrent cancellation) is refused.
        #expect(try await stores.waitlist.offerWaitlistSlot(entry.id, offer: offer, tenant: a, now: Fixtures.now) == false)
        let offered = try #require(try await stores.waitlist.waitlistEntry(entry.id, tenant: a))
        #expect(offered.status == .offered && offered.offer == offer)
        // Back in line keeps the place; then expired leaves the line.
        #expect(try await stores.waitlist.resolveWaitlistOffer(entry.id, as: .waiting, tenant: a))
        #expect(try await stores.waitlist.waitlistEntry(entry.id, tenant: a)?.offer == nil)
        #expect(try await stores.waitlist.offerWaitlistSlot(entry.id, offer: offer, tenant: a, now: Fixtures.now))
        #expect(try await stores.waitlist.resolveWaitlistOffer(entry.id, as: .expired, tenant: a))
        #expect(try await stores.waitlist.resolveWaitlistOffer(entry.id, as: .booked, tenant: a) == false)
        #expect(try await stores.waitlist.waitlistEntry(entry.id, tenant: a)?.status == .expired)
        #expect(try await stores.waitlist.waitlist(on: Self.day, tenant: a).isEmpty)
        // Expired entries do not block joining again.
        #expect(try await stores.waitlist.joinWaitlist(self.entry(100, service: service.id, master: nil), tenant: a).isNew)
    }

    @Test(arguments: StoreBackend.allCases)
    func onlyTheCustomerLeaves(backend: StoreBackend) async throws {
        let (stores, _, service) = try await Fixtures.seeded(backend)
        let a = Fixtures.tenantA
        let (entry, _) = try await stores.waitlist.joinWaitlist(entry(100, service: service.id, master: nil), tenant: a)
        #expect(try await stores.waitlist.leaveWaitlist(entry.id, customer: UserID(200), tenant: a) == false)
        #expect(try await stores.waitlist.leaveWaitlist(entry.id, customer: UserID(100), tenant: Fixtures.tenantB) == false)
        #expect(try await stores.waitlist.leaveWaitlist(entry.id, customer: UserID(100), tenant: a))
        #expect(try await stores.waitlist.leaveWaitlist(entry.id, customer: UserID(100), tenant: a) == false)
        #expect(try await stores.waitlist.waitlistEntry(entry.id, tenant: a)?.status == .left)
        #expect(try await stores.waitlist.waitlist(of: UserID(100), tenant: a).isEmpty)
    }
}
