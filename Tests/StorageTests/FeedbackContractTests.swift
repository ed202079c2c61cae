import BookingCore
import Foundation
import Storage
import Testing

@Suite("Feedback contract", .storeScope)
struct FeedbackContractTests {
    /// Two bookings of tenant A (customers 100 and 200), one of tenant B.
    func bookings(_ backend: StoreBackend) async throws -> (Stores, Booking, Booking, Booking) {
        let (stores, master, service) = try await Fixtures.seeded(backend)
        func book(_ tenant: TenantID, customer: Int64, hour: Double) async throws -> Booking {
            try await stores.bookings.createBooking(
                Fixtures.request(service, master: master, customer: customer, hour: hour), tenant: tenant, maxActivePerCustomer: 3,
                now: Fixtures.now)
        }
        return (stores, try await book(Fixtures.tenantA, customer: 100, hour: 10), try await book(Fixtures.tenantA, customer: 200, hour: 12),
                try await book(Fixtures.tenantB, customer: 100, hour: 10))
    }

    func feedback(_ booking: Booking, rating: Int, at offset: TimeInterval) -> Feedback {
        Feedback(
            bookingID: booking.id, customer: booking.customer, masterID: booking.masterID, serviceID: booking.serviceID, rating: rating,
            ratedAt: Fixtures.now.addingTimeInterval(offset))
    }

    @Test(arguments: StoreBackend.allCases)
    func aBookingIsRatedOnceAndCommentedOnceByItsCustomer(backend: StoreBackend) async throws {
        let (stores, first, _, _) = try await bookings(backend)
        let a = Fixtures.tenantA
        #expect(try await stores.feedback.feedback(for: first.id, tenant: a) == nil)
        #expect(try await stores.feedback.rate(feedback(first, rating: 4, at: 100), tenant: a))
        // A second rating changes nothing.
        #expect(try await stores.feedback.rate(feedback(first, rating: 1, at: 200), tenant: a) == false)
        #expect(try await stores.feedback.feedback(for: first.id, tenant: a) == feedback(first, rating: 4, at: 100))
        // Only its customer comments, and only once.
        #expect(try await stores.feedback.addComment("чужой", booking: first.id, customer: UserID(200), tenant: a) == false)
        #expect(try await stores.feedback.addComment("Отлично, спасибо!", booking: first.id, customer: UserID(100), tenant: a))
        #expect(try await stores.feedback.addComment("again", booking: first.id, customer: UserID(100), tenant: a) == false)
        #expect(try await stores.feedback.feedback(for: first.id, tenant: a)?.comment == "Отлично, спасибо!")
    }

    @Test(arguments: StoreBackend.allCases)
    func rangesMastersAndTenantsAreKeptApart(backend: StoreBackend) async throws {
        let (stores, first, second, other) = try await bookings(backend)
        let a = Fixtures.tenantA
        #expect(try await stores.feedback.rate(feedback(first, rating: 5, at: 100), tenant: a))
        #expect(try await stores.feedback.rate(feedback(second, rating: 2, at: 7200), tenant: a))
        #expect(try await stores.feedback.rate(feedback(other, rating: 1, at: 100), tenant: Fixtures.tenantB))
        let day = Fixtures.now..<Fixtures.now.addingTimeInterval(86_400)
        #expect(try await stores.feedback.feedback(ratedIn: day, master: nil, tenant: a).map(\.bookingID) == [second.id, first.id])
        let firstHour = Fixtures.now..<Fixtures.now.addingTimeInterval(3600)
        #expect(try await stores.feedback.feedback(ratedIn: firstHour, master: nil, tenant: a).map(\.rating) == [5])
        #expect(try await stores.feedback.ratingSummary(ratedIn: day, tenant: a) == RatingSummary(count: 2, average: 3.5))
        #expect(try await stores.feedback.ratingSummary(ratedIn: day, master: first.masterID, tenant: a).count == 2)
        #expect(try await stores.feedback.ratingSummary(ratedIn: day, master: MasterID(999_999), tenant: a) == RatingSummary(count: 0, average: nil))
        #expect(try await stores.feedback.ratingSummary(ratedIn: day, tenant: Fixtures.tenantB) == RatingSummary(count: 1, average: 1))
    }
}
