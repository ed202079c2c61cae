import BookingCore
import Foundation
import Storage
import Testing

@Suite("Import store contract", .storeScope)
struct ImportStoreContractTests {
    func booking(_ master: MasterID, _ service: Service, customer: Int64, hour: Double, status: BookingStatus) -> Booking {
        let start = Fixtures.now.addingTimeInterval(86_400 + hour * 3600)
        return Booking(
            id: BookingID(0), customer: UserID(customer), chat: ChatID(customer), serviceID: service.id, masterID: master, start: start,
            end: start.addingTimeInterval(3600), status: status, createdAt: Fixtures.now.addingTimeInterval(-86_400))
    }

    @Test(arguments: StoreBackend.allCases)
    func bookingsKeepTheirStatusCreationAndHistory(backend: StoreBackend) async throws {
        let (stores, master, service) = try await Fixtures.seeded(backend)
        let a = Fixtures.tenantA
        let moved = BookingHistoryEntry(
            at: Fixtures.now, actor: "customer:100", oldStatus: "confirmed", newStatus: "confirmed",
            from: BookingPlacement(
                start: Fixtures.now, end: Fixtures.now.addingTimeInterval(3600), masterID: master, serviceID: service.id),
            to: BookingPlacement(
                start: Fixtures.now.addingTimeInterval(7200), end: Fixtures.now.addingTimeInterval(10_800), masterID: master,
                serviceID: service.id))
        let history = [
            BookingHistoryEntry(at: Fixtures.now.addingTimeInterval(-86_400), actor: "import", oldStatus: nil, newStatus: "confirmed"),
            moved,
        ]
        let cancelled = try await stores.imports.importBooking(
            booking(master, service, customer: 100, hour: 10, status: .cancelled(by: .admin, reason: "sick")), history: history, tenant: a)
        #expect(cancelled.id.rawValue > 0)
        #expect(cancelled.status == .cancelled(by: .admin, reason: "sick"))
        #expect(cancelled.createdAt == Fixtures.now.addingTimeInterval(-86_400))
        #expect(try await stores.bookings.history(of: cancelled.id, tenant: a) == history)
        // A cancelled or completed booking occupies nothing; a confirmed one does.
        let completed = try await stores.imports.importBooking(
            booking(master, service, customer: 200, hour: 10, status: .completed), history: [], tenant: a)
        #expect(try await stores.bookings.booking(completed.id, tenant: a)?.status == .completed)
        _ = try await stores.imports.importBooking(
            booking(master, service, customer: 300, hour: 10, status: .confirmed), history: [], tenant: a)
        await #expect(throws: BookingError.slotTaken) {
            try await stores.imports.importBooking(
                booking(master, service, customer: 400, hour: 10.5, status: .confirmed), history: [], tenant: a)
        }
        #expect(try await stores.bookings.bookings(of: UserID(400), tenant: a).isEmpty)
    }

    @Test(arguments: StoreBackend.allCases)
    func theLedgerIsPerTenantAndSourceAndReplacesByKey(backend: StoreBackend) async throws {
        let (stores, _, _) = try await Fixtures.seeded(backend)
        let (a, b) = (Fixtures.tenantA, Fixtures.tenantB)
        let first = ImportLedgerEntry(source: "postgres:client_001", kind: "booking", originalKey: "7", ourID: 12, fingerprint: "f1")
        let other = ImportLedgerEntry(source: "sqlite:x.db", kind: "booking", originalKey: "7", ourID: 13, fingerprint: "f2")
        try await stores.imports.recordImported([first, other], tenant: a)
        #expect(try await stores.imports.importLedger(source: "postgres:client_001", tenant: a) == [first])
        #expect(try await stores.imports.importLedger(source: "postgres:client_001", tenant: b).isEmpty)
        var changed = first
        changed.fingerprint = "f3"
        try await stores.imports.recordImported([changed], tenant: a)
        #expect(try await stores.imports.importLedger(source: "postgres:client_001", tenant: a) == [changed])
    }
}
