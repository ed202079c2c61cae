import BookingCore
import Foundation
import Storage
@_spi(Testing) import StoragePostgres
import Testing

/// Inside an update's transaction, a booking refused by the exclusion constraint (not by the friendly check before
/// it) must leave that transaction usable: the flow goes on to show the day, and the update still commits.
@Suite("Booking clash inside an update transaction", .storeScope)
struct NestedBookingTests {
    @Test(.enabled(if: StoreBackend.allCases.contains(.postgres))) func aClashCaughtAtInsertLeavesTheTransactionUsable() async throws {
        let store = try await TestPostgres.makeStore(poolSize: 4)
        let tenant = Fixtures.tenantA
        try await store.insertTenant(Fixtures.tenant(tenant))
        let master = try await store.saveMaster(Master(id: MasterID(0), name: "Anna"), tenant: tenant).id
        let service = try await store.saveService(Fixtures.service(), tenant: tenant)
        let (released, release) = AsyncStream.makeStream(of: Void.self)
        let (booked, bookedFirst) = AsyncStream.makeStream(of: Void.self)

        // B books 10:00 and keeps its transaction open, so A's check cannot see that booking yet.
        let first = Task {
            try await store.inTransaction { tx in
                _ = try await tx.stores.bookings.createBooking(
                    Fixtures.request(service, master: master, customer: 200, hour: 10), tenant: tenant, maxActivePerCustomer: 3,
                    now: Fixtures.now)
                bookedFirst.yield()
                for await _ in released { break }
            }
        }
        for await _ in booked { break }
        // A books 10:30: its check passes, its insert waits for B, and B's commit makes it a clash.
        let second = Task {
            try await store.inTransaction { tx -> (BookingError?, Int) in
                var refusal: BookingError?
                do {
                    _ = try await tx.stores.bookings.createBooking(
                        Fixtures.request(service, master: master, customer: 300, hour: 10.5), tenant: tenant, maxActivePerCustomer: 3,
                        now: Fixtures.now)
                } catch let error as BookingError {
                    refusal = error
                }
                // The transaction goes on after the refusal, as a flow showing the day again would.
                return (refusal, try await tx.stores.bookings.activeBookings(overlapping: Fixtures.day, tenant: tenant).count)
            }
        }
        // Until A's insert waits on B's lock (the database says so).
        let deadline = ContinuousClock.now + .seconds(10)
        while try await store.waitingLocks() == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        release.yield()
        try await first.value
        let (refusal, seen) = try await second.value
        #expect(refusal == .slotTaken)
        #expect(seen == 1)
        #expect(try await store.activeBookings(overlapping: Fixtures.day, tenant: tenant).map(\.customer) == [UserID(200)])
    }
}
