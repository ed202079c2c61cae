import BookingCore
import Foundation
import Storage
import Testing

@Suite("Reschedule contract", .storeScope)
struct RescheduleContractTests {
    @Test(arguments: StoreBackend.allCases)
    func movesInPlaceFreesTheOldTimeAndRecordsHistory(backend: StoreBackend) async throws {
        let (stores, master, service) = try await Fixtures.seeded(backend, service: Fixtures.service(minutes: 60, after: 15))
        let booking = try await stores.bookings.createBooking(
            Fixtures.request(service, master: master, hour: 10), tenant: Fixtures.tenantA, maxActivePerCustomer: 3, now: Fixtures.now)
        let later = Fixtures.now.addingTimeInterval(60)
        let moved = try await stores.bookings.rescheduleBooking(
            booking.id, to: Fixtures.request(service, master: master, hour: 12), tenant: Fixtures.tenantA, maxActivePerCustomer: 3,
            now: later)
        #expect(moved.id == booking.id)
        #expect(moved.start == Fixtures.request(service, master: master, hour: 12).start)
        #expect(moved.end == moved.start.addingTimeInterval(3600))
        #expect(moved.bufferAfterMinutes == 15 && moved.status == .confirmed && moved.createdAt == booking.createdAt)
        #expect(try await stores.bookings.booking(booking.id, tenant: Fixtures.tenantA) == moved)
        // The old time is free again.
        _ = try await stores.bookings.createBooking(
            Fixtures.request(service, master: master, customer: 200, hour: 10), tenant: Fixtures.tenantA, maxActivePerCustomer: 3,
            now: Fixtures.now)
        let history = try await stores.bookings.history(of: booking.id, tenant: Fixtures.tenantA)
        #expect(history.count == 2)
        #expect(history.first?.newStatus == "confirmed" && history.first?.oldStatus == nil)
        #expect(
            history.last
                == BookingHistoryEntry(
                    at: later, actor: "customer:100", oldStatus: "confirmed", newStatus: "confirmed", from: BookingPlacement(booking),
                    to: BookingPlacement(moved)))
        // An admin's move is recorded as theirs.
        _ = try await stores.bookings.rescheduleBooking(
            booking.id, to: Fixtures.request(service, master: master, hour: 14), tenant: Fixtures.tenantA, maxActivePerCustomer: 3,
            now: later, actor: "admin")
        #expect(try await stores.bookings.history(of: booking.id, tenant: Fixtures.tenantA).last?.actor == "admin")
    }

    @Test(arguments: StoreBackend.allCases)
    func aTakenOrBlockedTargetChangesNothing(backend: StoreBackend) async throws {
        let (stores, master, service) = try await Fixtures.seeded(backend, service: Fixtures.service(minutes: 60, before: 10))
        let mine = try await stores.bookings.createBooking(
            Fixtures.request(service, master: master, hour: 10), tenant: Fixtures.tenantA, maxActivePerCustomer: 3, now: Fixtures.now)
        _ = try await stores.bookings.createBooking(
            Fixtures.request(service, master: master, customer: 200, hour: 14), tenant: Fixtures.tenantA, maxActivePerCustomer: 3,
            now: Fixtures.now)
        // 15:05 would need the master from 14:55 (10-minute buffer before), inside the 14:00–15:00 booking.
        await #expect(throws: BookingError.slotTaken) {
            try await stores.bookings.rescheduleBooking(
                mine.id, to: Fixtures.request(service, master: master, hour: 15 + 5.0 / 60), tenant: Fixtures.tenantA,
                maxActivePerCustomer: 3, now: Fixtures.now)
        }
        let lunch = Fixtures.request(service, master: master, hour: 12).start
        _ = try await stores.bookings.addBlock(
            Block(id: BlockID(0), masterID: master, range: lunch..<lunch.addingTimeInterval(3600), reason: "lunch"),
            tenant: Fixtures.tenantA)
        await #expect(throws: BookingError.slotTaken) {
            try await stores.bookings.rescheduleBooking(
                mine.id, to: Fixtures.request(service, master: master, hour: 12.5), tenant: Fixtures.tenantA, maxActivePerCustomer: 3,
                now: Fixtures.now)
        }
        #expect(try await stores.bookings.booking(mine.id, tenant: Fixtures.tenantA) == mine)
        #expect(try await stores.bookings.history(of: mine.id, tenant: Fixtures.tenantA).count == 1)
    }

    @Test(arguments: StoreBackend.allCases)
    func overlappingItsOwnOldTimeAndAnotherMasterAreFine(backend: StoreBackend) async throws {
        let (stores, master, service) = try await Fixtures.seeded(backend)
        let other = try await stores.catalog.saveMaster(Master(id: MasterID(0), name: "Boris"), tenant: Fixtures.tenantA).id
        let booking = try await stores.bookings.createBooking(
            Fixtures.request(service, master: master, hour: 10), tenant: Fixtures.tenantA, maxActivePerCustomer: 3, now: Fixtures.now)
        let shifted = try await stores.bookings.rescheduleBooking(
            booking.id, to: Fixtures.request(service, master: master, hour: 10.5), tenant: Fixtures.tenantA, maxActivePerCustomer: 3,
            now: Fixtures.now)
        #expect(shifted.start == Fixtures.request(service, master: master, hour: 10.5).start)
        let toBoris = try await stores.bookings.rescheduleBooking(
            booking.id, to: Fixtures.request(service, master: other, hour: 10.5), tenant: Fixtures.tenantA, maxActivePerCustomer: 3,
            now: Fixtures.now)
        #expect(toBoris.masterID == other)
        // Anna's 10:30 is free again.
        _ = try await stores.bookings.createBooking(
            Fixtures.request(service, master: master, customer: 300, hour: 10.5), tenant: Fixtures.tenantA, maxActivePerCustomer: 3,
            now: Fixtures.now)
    }

    @Test(arguments: StoreBackend.allCases)
    func onlyTheOwnersActiveBookingMovesAndTheCapCountsOthers(backend: StoreBackend) async throws {
        let (stores, master, service) = try await Fixtures.seeded(backend)
        var held: [Booking] = []
        for hour in [9.0, 10, 11] {
            held.append(
                try await stores.bookings.createBooking(
                    Fixtures.request(service, master: master, hour: hour), tenant: Fixtures.tenantA, maxActivePerCustomer: 3,
                    now: Fixtures.now))
        }
        // At the cap, moving one of the three is still allowed: the moved booking is not counted.
        _ = try await stores.bookings.rescheduleBooking(
            held[0].id, to: Fixtures.request(service, master: master, hour: 15), tenant: Fixtures.tenantA, maxActivePerCustomer: 3,
            now: Fixtures.now)
        await #expect(throws: BookingError.customerLimitReached(2)) {
            try await stores.bookings.rescheduleBooking(
                held[1].id, to: Fixtures.request(service, master: master, hour: 16), tenant: Fixtures.tenantA, maxActivePerCustomer: 2,
                now: Fixtures.now)
        }
        await #expect(throws: BookingError.notFound) {
            try await stores.bookings.rescheduleBooking(
                held[1].id, to: Fixtures.request(service, master: master, customer: 999, hour: 16), tenant: Fixtures.tenantA,
                maxActivePerCustomer: 3, now: Fixtures.now)
        }
        await #expect(throws: BookingError.notFound) {
            try await stores.bookings.rescheduleBooking(
                BookingID(987_654), to: Fixtures.request(service, master: master, hour: 16), tenant: Fixtures.tenantA,
                maxActivePerCustomer: 3, now: Fixtures.now)
        }
        _ = try await stores.bookings.cancelBooking(held[2].id, tenant: Fixtures.tenantA, by: .customer, reason: "ill", now: Fixtures.now)
        await #expect(throws: BookingError.notActive) {
            try await stores.bookings.rescheduleBooking(
                held[2].id, to: Fixtures.request(service, master: master, hour: 16), tenant: Fixtures.tenantA, maxActivePerCustomer: 3,
                now: Fixtures.now)
        }
        let history = try await stores.bookings.history(of: held[2].id, tenant: Fixtures.tenantA)
        #expect(history.map(\.newStatus) == ["confirmed", "cancelled"])
        #expect(history.last?.actor == "customer" && history.last?.note == "ill")
        #expect(try await stores.bookings.booking(held[1].id, tenant: Fixtures.tenantA) == held[1])
    }
}
