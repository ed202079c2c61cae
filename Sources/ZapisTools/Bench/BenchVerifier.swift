import App
import BookingCore
import Foundation
import Logging
import Storage

/// End-of-run checks on the database the server used (after it stopped).
struct BenchVerifier {
    let configuration: AppConfiguration
    let tenants: Int
    let customers: Int
    let logger: Logger

    /// What the database holds.
    struct Result: Sendable {
        /// Active bookings of one master that overlap another active booking of the same master.
        var doubleBookings = 0
        /// Every booking of the bench customers, active or not.
        var bookings = 0
        /// Of those, still active.
        var active = 0
        /// Of those, cancelled.
        var cancelled = 0
    }

    func verify() async throws -> Result {
        try await LiveDependencies.withRunning(configuration, logger: logger) { dependencies in
            let bookings = dependencies.stores.bookings
            var result = Result()
            let now = Date()
            let range = now.addingTimeInterval(-86_400)..<now.addingTimeInterval(400 * 86_400)
            for index in 1...max(1, tenants) {
                guard let tenant = TenantID(BenchRun.tenantID(index)) else { continue }
                let active = try await bookings.activeBookings(overlapping: range, tenant: tenant)
                for (_, ofMaster) in Dictionary(grouping: active, by: \.masterID) {
                    let sorted = ofMaster.sorted { $0.start < $1.start }
                    for (earlier, later) in zip(sorted, sorted.dropFirst()) where later.start < earlier.end {
                        result.doubleBookings += 1
                    }
                }
            }
            for index in 0..<customers {
                guard let tenant = TenantID(BenchRun.tenantID(index % max(1, tenants) + 1)) else { continue }
                for booking in try await bookings.bookings(of: UserID(1_000_000 + Int64(index)), tenant: tenant) {
                    result.bookings += 1
                    switch booking.status {
                    case .confirmed, .held: result.active += 1
                    case .cancelled: result.cancelled += 1
                    case .completed, .noShow: break
                    }
                }
            }
            return result
        }
    }
}
