import BookingCore
import Foundation
import Storage
import Testing

/// A block is read and removed by id within its tenant only; a booking keeps the customer's comment (issue 18, items
/// 8 and 5), on every backend.
@Suite("Blocks by id and booking comments", .storeScope)
struct BlockCommentContractTests {
    @Test(arguments: StoreBackend.allCases)
    func aBlockIsReadAndRemovedOnlyInItsTenant(backend: StoreBackend) async throws {
        let (stores, master, service) = try await Fixtures.seeded(backend)
        let start = Fixtures.now.addingTimeInterval(86_400 + 12 * 3600)
        let block = try await stores.bookings.addBlock(
            Block(id: BlockID(0), masterID: master, range: start..<start.addingTimeInterval(7200), reason: "отпуск"), tenant: Fixtures.tenantA)
        #expect(try await stores.bookings.block(block.id, tenant: Fixtures.tenantA) == block)
        // Another tenant's id reads and removes nothing.
        #expect(try await stores.bookings.block(block.id, tenant: Fixtures.tenantB) == nil)
        #expect(try await stores.bookings.removeBlock(block.id, tenant: Fixtures.tenantB) == nil)
        #expect(try await stores.bookings.removeBlock(block.id, tenant: Fixtures.tenantA) == block)
        #expect(try await stores.bookings.removeBlock(block.id, tenant: Fixtures.tenantA) == nil)
        #expect(try await stores.bookings.removeBlock(BlockID(1 << 53), tenant: Fixtures.tenantA) == nil)
        // The time is free again.
        _ = try await stores.bookings.createBooking(
            Fixtures.request(service, master: master, hour: 13), tenant: Fixtures.tenantA, maxActivePerCustomer: 3, now: Fixtures.now)
    }

    @Test(arguments: StoreBackend.allCases)
    func aBookingKeepsItsCommentThroughAMove(backend: StoreBackend) async throws {
        let (stores, master, service) = try await Fixtures.seeded(backend)
        var request = Fixtures.request(service, master: master, hour: 10)
        let comment = "Аллергия на лак; ' \" -- \\ " + String(repeating: "я", count: 400)
        request.comment = comment
        let booking = try await stores.bookings.createBooking(request, tenant: Fixtures.tenantA, maxActivePerCustomer: 3, now: Fixtures.now)
        #expect(booking.comment == comment)
        #expect(try await stores.bookings.booking(booking.id, tenant: Fixtures.tenantA)?.comment == comment)
        var moved = request
        moved.start = request.start.addingTimeInterval(3 * 3600)
        _ = try await stores.bookings.rescheduleBooking(booking.id, to: moved, tenant: Fixtures.tenantA, maxActivePerCustomer: 3, now: Fixtures.now)
        #expect(try await stores.bookings.booking(booking.id, tenant: Fixtures.tenantA)?.comment == comment)
        let plain = try await stores.bookings.createBooking(
            Fixtures.request(service, master: master, customer: 301, hour: 16), tenant: Fixtures.tenantA, maxActivePerCustomer: 3, now: Fixtures.now)
        #expect(plain.comment == nil)
    }
}
