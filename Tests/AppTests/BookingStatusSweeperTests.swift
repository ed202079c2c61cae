import BookingCore
import Foundation
import Logging
import Storage
import StorageSQLite
import Testing

@testable import App

/// The sweep `serve` runs: ended bookings of every tenant that is not deleted become completed, on SQLite, and a
/// second round (or a second instance) changes nothing (issue 17, item 8).
@Suite("Booking status sweeper")
struct BookingStatusSweeperTests {
    static let now = Date(timeIntervalSince1970: 1_796_000_000)

    @Test func endedBookingsOfLiveTenantsBecomeCompleted() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try await SQLiteStore.open(path: path)
        var ended: [TenantID: Booking] = [:]
        for (name, status) in [("salon_live", TenantStatus.active), ("salon_trial", .trial), ("salon_gone", .deleted)] {
            let id = TenantID(name)!
            try await store.insertTenant(
                TenantRecord(
                    profile: TenantProfile(id: id, name: name, status: status), encryptedToken: [1], botID: 1, botUsername: "\(name)_bot",
                    ownerID: UserID(1), createdAt: Self.now))
            let master = try await store.saveMaster(Master(id: MasterID(0), name: "Anna"), tenant: id)
            let service = try await store.saveService(Service(id: ServiceID(0), name: "Cut", durationMinutes: 60, price: .free), tenant: id)
            for hours in [-3.0, 2] {
                let booking = try await store.createBooking(
                    BookingRequest(customer: UserID(7), chat: ChatID(7), service: service, masterID: master.id, start: Self.now.addingTimeInterval(hours * 3600)),
                    tenant: id, maxActivePerCustomer: 5, now: Self.now.addingTimeInterval(-86_400))
                if hours < 0 { ended[id] = booking }
            }
        }
        let sweeper = BookingStatusSweeper(
            tenants: store, backOffice: store, interval: .seconds(60), now: { Self.now }, clock: SystemClock(), logger: Logger(label: "test"))
        #expect(await sweeper.sweep() == 2)
        #expect(await sweeper.sweep() == 0)
        for (id, booking) in ended {
            let expected: BookingStatus = id.rawValue == "salon_gone" ? .confirmed : .completed
            #expect(try await store.booking(booking.id, tenant: id)?.status == expected, "\(id)")
        }
    }

    @Test func theSweepIntervalIsConfiguredAndBounded() throws {
        #expect(AppConfiguration().statusSweepSeconds == 60)
        #expect(AppConfiguration().describedLines.contains("status.sweep.interval = 60"))
    }
}
