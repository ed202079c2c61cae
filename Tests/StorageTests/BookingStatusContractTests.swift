import BookingCore
import Foundation
import Storage
import Testing

/// Statuses the dashboard, cards and exports count are written: ended bookings become completed, admins mark
/// no-shows and undo them, and a booking keeps the price it was made at (issue 17, item 8).
@Suite("Booking statuses", .storeScope)
struct BookingStatusContractTests {
    /// Bookings tomorrow at 09:00 (ends 10:00), 11:00 and 14:00 (one hour each), the 11:00 one cancelled.
    static func three(_ stores: Stores, _ master: MasterID, _ service: Service) async throws -> [Booking] {
        var made: [Booking] = []
        for (n, hour) in [9.0, 11, 14].enumerated() {
            made.append(
                try await stores.bookings.createBooking(
                    Fixtures.request(service, master: master, customer: Int64(100 + n), hour: hour), tenant: Fixtures.tenantA,
                    maxActivePerCustomer: 3, now: Fixtures.now))
        }
        _ = try await stores.bookings.cancelBooking(made[1].id, tenant: Fixtures.tenantA, by: .customer, reason: nil, now: Fixtures.now)
        return made
    }

    static func at(_ hour: Double) -> Date { Fixtures.now.addingTimeInterval(86_400 + hour * 3600) }

    @Test(arguments: StoreBackend.allCases)
    func endedBookingsBecomeCompletedOnceAndNothingElseChanges(backend: StoreBackend) async throws {
        let (stores, master, service) = try await Fixtures.seeded(backend)
        let a = Fixtures.tenantA
        let made = try await Self.three(stores, master, service)
        // Another tenant's ended booking is its own business.
        let other = try await stores.bookings.createBooking(
            Fixtures.request(service, master: master, hour: 9), tenant: Fixtures.tenantB, maxActivePerCustomer: 3, now: Fixtures.now)
        #expect(try await stores.backOffice.completeEndedBookings(tenant: a, now: Self.at(9.5)) == 0)
        #expect(try await stores.backOffice.completeEndedBookings(tenant: a, now: Self.at(12)) == 1)
        #expect(try await stores.backOffice.completeEndedBookings(tenant: a, now: Self.at(12)) == 0)
        #expect(try await stores.bookings.booking(made[0].id, tenant: a)?.status == .completed)
        #expect(try await stores.bookings.booking(made[1].id, tenant: a)?.status == .cancelled(by: .customer, reason: nil))
        #expect(try await stores.bookings.booking(made[2].id, tenant: a)?.status == .confirmed)
        #expect(try await stores.bookings.booking(other.id, tenant: Fixtures.tenantB)?.status == .confirmed)
        let history = try await stores.bookings.history(of: made[0].id, tenant: a)
        #expect(history.last?.actor == "system" && history.last?.oldStatus == "confirmed" && history.last?.newStatus == "completed")
        // A completed booking no longer occupies time (it has ended anyway) and stays completed.
        #expect(try await stores.bookings.activeBookings(overlapping: Fixtures.day, tenant: a).map(\.id) == [made[2].id])
    }

    @Test(arguments: StoreBackend.allCases)
    func noShowsAreMarkedAfterTheStartAndUndoneToCompleted(backend: StoreBackend) async throws {
        let (stores, master, service) = try await Fixtures.seeded(backend)
        let a = Fixtures.tenantA
        let made = try await Self.three(stores, master, service)
        let office = stores.backOffice
        await #expect(throws: BookingError.tooSoon) { try await office.setNoShow(made[2].id, true, tenant: a, now: Self.at(13.9), actor: "admin:1") }
        await #expect(throws: BookingError.notActive) { try await office.setNoShow(made[1].id, true, tenant: a, now: Self.at(15), actor: "admin:1") }
        await #expect(throws: BookingError.notFound) { try await office.setNoShow(BookingID(999_999), true, tenant: a, now: Self.at(15), actor: "admin:1") }
        // In progress: confirmed → no-show, which the sweep then leaves alone.
        #expect(try await office.setNoShow(made[2].id, true, tenant: a, now: Self.at(14.2), actor: "admin:1").status == .noShow)
        await #expect(throws: BookingError.notActive) { try await office.setNoShow(made[2].id, true, tenant: a, now: Self.at(14.3), actor: "admin:1") }
        #expect(try await office.completeEndedBookings(tenant: a, now: Self.at(20)) == 1)
        #expect(try await stores.bookings.booking(made[2].id, tenant: a)?.status == .noShow)
        // Undo: the visit took place after all.
        #expect(try await office.setNoShow(made[2].id, false, tenant: a, now: Self.at(20), actor: "admin:1").status == .completed)
        await #expect(throws: BookingError.notActive) { try await office.setNoShow(made[2].id, false, tenant: a, now: Self.at(20), actor: "admin:1") }
        // A completed visit can still be marked.
        #expect(try await office.setNoShow(made[0].id, true, tenant: a, now: Self.at(20), actor: "admin:2").status == .noShow)
        let history = try await stores.bookings.history(of: made[2].id, tenant: a).suffix(2)
        #expect(history.map(\.actor) == ["admin:1", "admin:1"])
        #expect(history.map(\.newStatus) == ["no_show", "completed"])
    }

    @Test(arguments: StoreBackend.allCases)
    func aBookingKeepsThePriceItWasMadeAt(backend: StoreBackend) async throws {
        let (stores, master, service) = try await Fixtures.seeded(backend)
        let a = Fixtures.tenantA
        let made = try await stores.bookings.createBooking(
            Fixtures.request(service, master: master, hour: 9), tenant: a, maxActivePerCustomer: 3, now: Fixtures.now)
        #expect(made.price == .fixed(minorUnits: 150_000, currency: "RUB"))
        var dearer = service
        dearer.price = .fixed(minorUnits: 300_000, currency: "RUB")
        _ = try await stores.catalog.saveService(dearer, tenant: a)
        let moved = try await stores.bookings.rescheduleBooking(
            made.id, to: Fixtures.request(dearer, master: master, hour: 12), tenant: a, maxActivePerCustomer: 3, now: Fixtures.now)
        #expect(moved.price == .fixed(minorUnits: 150_000, currency: "RUB"))
        #expect(try await stores.bookings.booking(made.id, tenant: a)?.price == .fixed(minorUnits: 150_000, currency: "RUB"))
        #expect(try await stores.bookings.bookings(of: UserID(100), tenant: a).map(\.price) == [.fixed(minorUnits: 150_000, currency: "RUB")])
    }
}
