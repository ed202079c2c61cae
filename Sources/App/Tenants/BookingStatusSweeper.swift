import BookingCore
import Foundation
import Logging
import ServiceLifecycle
import Storage

/// Marks ended bookings completed, every `interval` (`ZAPIS_STATUS_SWEEP_INTERVAL`), for every tenant that is not
/// deleted. The sweep reads the database, so it is durable: after a stop it catches up on its first round, and
/// several instances running it at once change each booking once (the update matches only confirmed rows).
struct BookingStatusSweeper: ServiceLifecycle.Service {
    let tenants: any TenantStore
    let backOffice: any BackOfficeStore
    let interval: Duration
    let now: @Sendable () -> Date
    let clock: any ServiceClock
    let logger: Logger

    func run() async throws {
        await clock.repeatUntilShutdown(every: interval) {
            await sweep()
        }
    }

    /// One round over every tenant; returns how many bookings it completed. A tenant that fails is retried next round.
    @discardableResult
    func sweep() async -> Int {
        let records: [TenantRecord]
        do {
            records = try await tenants.allTenants()
        } catch {
            logger.warning("cannot list tenants to complete bookings now", metadata: ["error": "\(error)"])
            return 0
        }
        var completed = 0
        for record in records where record.profile.status != .deleted {
            do {
                completed += try await backOffice.completeEndedBookings(tenant: record.profile.id, now: now())
            } catch {
                logger.warning("cannot complete ended bookings now", metadata: ["tenant": "\(record.profile.id)", "error": "\(error)"])
            }
        }
        return completed
    }
}
