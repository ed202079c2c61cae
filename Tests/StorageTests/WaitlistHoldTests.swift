import BookingCore
import Foundation
import Storage
import Testing

/// A waitlist offer is a reservation the store enforces like a booking: nobody but the offered customer can book
/// or move onto the held time until the hold runs out or ends (issue 17, item 4).
@Suite("Waitlist holds", .storeScope)
struct WaitlistHoldTests {
    static let rounds = 10

    /// Customer 100 waits; a 10:00–11:00 hold (with the service's buffers) for them, live for 15 minutes.
    static func hold(_ stores: Stores, _ master: MasterID, _ service: Service, hour: Double = 10) async throws -> (WaitlistEntry, WaitlistOffer) {
        let request = Fixtures.request(service, master: master, customer: 100, hour: hour)
        let (entry, _) = try await stores.waitlist.joinWaitlist(
            WaitlistEntry(
                customer: UserID(100), chat: ChatID(100), languageCode: "en", serviceID: service.id, masterID: nil,
                date: LocalDate(year: 2026, month: 12, day: 1)!, createdAt: Fixtures.now),
            tenant: Fixtures.tenantA)
        let offer = WaitlistOffer(start: request.start, masterID: master, until: Fixtures.now.addingTimeInterval(900), held: request.occupied)
        return (entry, offer)
    }

    @Test(arguments: StoreBackend.allCases)
    func aHeldTimeIsBookableOnlyByItsCustomerUntilTheHoldEnds(backend: StoreBackend) async throws {
        let (stores, master, service) = try await Fixtures.seeded(backend, service: Fixtures.service(minutes: 60, after: 15))
        let a = Fixtures.tenantA
        let (entry, offer) = try await Self.hold(stores, master, service)
        #expect(try await stores.waitlist.offerWaitlistSlot(entry.id, offer: offer, tenant: a, now: Fixtures.now))
        #expect(try await stores.waitlist.waitlistEntry(entry.id, tenant: a)?.offer == offer)
        #expect(try await stores.bookings.holds(overlapping: Fixtures.day, tenant: a, now: Fixtures.now).map(\.customer) == [UserID(100)])
        // Anyone else: taken, at the held start, overlapping it, or in its buffer; a move onto it too.
        for hour in [10, 9.5, 10.75, 11] {
            await #expect(throws: BookingError.slotTaken) {
                try await stores.bookings.createBooking(
                    Fixtures.request(service, master: master, customer: 200, hour: hour), tenant: a, maxActivePerCustomer: 3, now: Fixtures.now)
            }
        }
        let other = try await stores.bookings.createBooking(
            Fixtures.request(service, master: master, customer: 200, hour: 14), tenant: a, maxActivePerCustomer: 3, now: Fixtures.now)
        await #expect(throws: BookingError.slotTaken) {
            try await stores.bookings.rescheduleBooking(
                other.id, to: Fixtures.request(service, master: master, customer: 200, hour: 10), tenant: a, maxActivePerCustomer: 3,
                now: Fixtures.now)
        }
        // A mass shift (the admin's batch write) onto it too, and nothing of the batch moves.
        let early = try await stores.bookings.createBooking(
            Fixtures.request(service, master: master, customer: 201, hour: 7.5), tenant: a, maxActivePerCustomer: 3, now: Fixtures.now)
        await #expect(throws: BookingError.slotTaken) {
            try await stores.backOffice.moveBookings(
                [
                    BookingMove(id: early.id, request: Fixtures.request(service, master: master, customer: 201, hour: 8.5)),
                    BookingMove(id: other.id, request: Fixtures.request(service, master: master, customer: 200, hour: 11)),
                ], tenant: a, now: Fixtures.now)
        }
        #expect(try await stores.bookings.booking(early.id, tenant: a)?.start == early.start)
        // Another tenant's time is its own.
        _ = try await stores.bookings.createBooking(
            Fixtures.request(service, master: master, customer: 200, hour: 10), tenant: Fixtures.tenantB, maxActivePerCustomer: 3, now: Fixtures.now)
        // After the hold's end (even before any timer resolves it) the time is free again.
        let later = Fixtures.now.addingTimeInterval(901)
        #expect(try await stores.bookings.holds(overlapping: Fixtures.day, tenant: a, now: later).isEmpty)
        let freed = try await stores.bookings.createBooking(
            Fixtures.request(service, master: master, customer: 300, hour: 10), tenant: a, maxActivePerCustomer: 3, now: later)
        #expect(freed.customer == UserID(300))
    }

    @Test(arguments: StoreBackend.allCases)
    func theHolderBooksTheHeldTimeAndADeclinedHoldFreesIt(backend: StoreBackend) async throws {
        let (stores, master, service) = try await Fixtures.seeded(backend)
        let a = Fixtures.tenantA
        let (entry, offer) = try await Self.hold(stores, master, service)
        #expect(try await stores.waitlist.offerWaitlistSlot(entry.id, offer: offer, tenant: a, now: Fixtures.now))
        // A second hold of the same time (another entry) is refused while the first is live.
        let (second, _) = try await stores.waitlist.joinWaitlist(
            WaitlistEntry(
                customer: UserID(200), chat: ChatID(200), languageCode: "en", serviceID: service.id, masterID: nil,
                date: LocalDate(year: 2026, month: 12, day: 1)!, createdAt: Fixtures.now), tenant: a)
        #expect(try await stores.waitlist.offerWaitlistSlot(second.id, offer: offer, tenant: a, now: Fixtures.now) == false)
        #expect(try await stores.waitlist.waitlistEntry(second.id, tenant: a)?.status == .waiting)
        // Declined: free for the next one.
        #expect(try await stores.waitlist.resolveWaitlistOffer(entry.id, as: .expired, tenant: a))
        #expect(try await stores.waitlist.offerWaitlistSlot(second.id, offer: offer, tenant: a, now: Fixtures.now))
        // The holder books it; the hold does not stand in their way.
        let booked = try await stores.bookings.createBooking(
            Fixtures.request(service, master: master, customer: 200, hour: 10), tenant: a, maxActivePerCustomer: 3, now: Fixtures.now)
        #expect(booked.customer == UserID(200))
        #expect(try await stores.waitlist.resolveWaitlistOffer(second.id, as: .booked, tenant: a))
        // A hold is never placed over a booking or a block.
        let (third, _) = try await stores.waitlist.joinWaitlist(
            WaitlistEntry(
                customer: UserID(300), chat: ChatID(300), languageCode: "en", serviceID: service.id, masterID: nil,
                date: LocalDate(year: 2026, month: 12, day: 1)!, createdAt: Fixtures.now), tenant: a)
        #expect(try await stores.waitlist.offerWaitlistSlot(third.id, offer: offer, tenant: a, now: Fixtures.now) == false)
        let blocked = Fixtures.request(service, master: master, hour: 15)
        _ = try await stores.bookings.addBlock(Block(id: BlockID(0), masterID: nil, range: blocked.occupied, reason: ""), tenant: a)
        let overBlock = WaitlistOffer(start: blocked.start, masterID: master, until: offer.until, held: blocked.occupied)
        #expect(try await stores.waitlist.offerWaitlistSlot(third.id, offer: overBlock, tenant: a, now: Fixtures.now) == false)
    }

    /// An offer and 20 other customers' bookings of the same time at once: exactly one of them gets it, every round.
    @Test(arguments: StoreBackend.allCases)
    func anOfferAndBookingsRacingForOneTimeNeverBothWin(backend: StoreBackend) async throws {
        for round in 0..<Self.rounds {
            let (offered, booked) = try await StoreScope.run {
                let (stores, master, service) = try await Fixtures.seeded(backend, poolSize: 10)
                let (entry, offer) = try await Self.hold(stores, master, service)
                return try await withThrowingTaskGroup(of: (Bool, Bool).self) { group in
                    group.addTask {
                        (try await stores.waitlist.offerWaitlistSlot(entry.id, offer: offer, tenant: Fixtures.tenantA, now: Fixtures.now), false)
                    }
                    for attempt in 0..<20 {
                        group.addTask {
                            let request = Fixtures.request(service, master: master, customer: Int64(1000 + attempt), hour: 10 + Double(attempt % 4) / 4)
                            let made = try? await stores.bookings.createBooking(
                                request, tenant: Fixtures.tenantA, maxActivePerCustomer: 3, now: Fixtures.now)
                            return (false, made != nil)
                        }
                    }
                    return try await group.reduce(into: (0, 0)) { sum, outcome in
                        sum.0 += outcome.0 ? 1 : 0
                        sum.1 += outcome.1 ? 1 : 0
                    }
                }
            }
            #expect(offered + booked == 1, "round \(round): \(offered) offers, \(booked) bookings")
        }
    }
}
