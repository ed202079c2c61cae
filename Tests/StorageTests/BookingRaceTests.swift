import BookingCore
import Foundation
import Storage
import Testing

@Suite("Booking races")
struct BookingRaceTests {
    /// 200 customers try overlapping times of one master at once: exactly one wins, every round.
    @Test(arguments: StoreBackend.allCases)
    func onlyOneOfManyOverlappingAttemptsSucceeds(backend: StoreBackend) async throws {
        for round in 0..<5 {
            let (stores, master, service) = try await Fixtures.seeded(backend)
            let successes = await withTaskGroup(of: Bool.self) { group in
                for attempt in 0..<200 {
                    group.addTask {
                        // Starts spread over 10:00–10:50: all overlap a 60-minute booking started at any of them.
                        let request = Fixtures.request(service, master: master, customer: Int64(1000 + attempt), hour: 10 + Double(attempt % 6) / 6)
                        return (try? await stores.bookings.createBooking(request, tenant: Fixtures.tenantA, maxActivePerCustomer: 3, now: Fixtures.now)) != nil
                    }
                }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(successes == 1, "round \(round)")
        }
    }

    /// One customer books 50 different free times at once: never more than the cap.
    @Test(arguments: StoreBackend.allCases)
    func customerCapHoldsUnderConcurrency(backend: StoreBackend) async throws {
        let (stores, master, service) = try await Fixtures.seeded(backend, service: Fixtures.service(minutes: 10))
        await withTaskGroup(of: Void.self) { group in
            for attempt in 0..<50 {
                group.addTask {
                    let request = Fixtures.request(service, master: master, hour: Double(attempt) / 4)
                    _ = try? await stores.bookings.createBooking(request, tenant: Fixtures.tenantA, maxActivePerCustomer: 3, now: Fixtures.now)
                }
            }
        }
        #expect(try await stores.bookings.bookings(of: UserID(100), tenant: Fixtures.tenantA).count == 3)
    }
}
