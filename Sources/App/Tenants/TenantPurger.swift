import Foundation
import Logging
import ServiceLifecycle

/// Purges, every `interval`, the tenants deleted longer ago than the grace period (`ZAPIS_DELETE_GRACE_DAYS`).
/// Several instances may run it: a tenant another one purged first is skipped.
struct TenantPurger: ServiceLifecycle.Service {
    let lifecycle: TenantLifecycle
    let grace: TimeInterval
    let interval: Duration
    let clock: any ServiceClock
    let logger: Logger

    func run() async throws {
        await clock.repeatUntilShutdown(every: interval) {
            do {
                let purged = try await lifecycle.purgeExpired(grace: grace)
                if !purged.isEmpty { logger.notice("purged deleted tenants", metadata: ["tenants": "\(purged.map(\.rawValue))"]) }
            } catch {
                logger.warning("cannot purge deleted tenants now", metadata: ["error": "\(error)"])
            }
        }
    }
}
