import BookingCore
import Foundation
import Logging
import ServiceLifecycle
import Storage
import Synchronization

/// This instance's share of the long-polled bots. Telegram serves one `getUpdates` per bot at a time, so with several
/// instances each bot is polled by its leaseholder only. Every `interval` the keeper renews this instance's leases
/// and takes every expired one in one statement; an instance that dies stops renewing, and its bots are polled
/// elsewhere within `ttl` + `interval` (+ the poll loop's check). A graceful stop gives the leases up at once.
///
/// A lease counts as held only until the `until` of the last renewal that succeeded, less a second: when the
/// database cannot be reached, this instance stops polling before another one may start.
final class PollLeases: ServiceLifecycle.Service, Sendable {
    let store: any PollLeaseStore
    let owner: String
    let ttl: TimeInterval
    let interval: Duration
    let now: @Sendable () -> Date
    let clock: any ServiceClock
    let logger: Logger

    private struct State {
        var held: Set<TenantID> = []
        var validUntil = Date.distantPast
    }

    private let state = Mutex(State())

    init(
        store: any PollLeaseStore, owner: String, ttl: TimeInterval = 6, interval: Duration = .seconds(2), now: @escaping @Sendable () -> Date,
        clock: any ServiceClock, logger: Logger
    ) {
        self.store = store
        self.owner = owner
        self.ttl = ttl
        self.interval = interval
        self.now = now
        self.clock = clock
        self.logger = logger
    }

    /// True while this instance may poll `tenant`.
    func holds(_ tenant: TenantID) -> Bool {
        let at = now()
        return state.withLock { $0.held.contains(tenant) && at < $0.validUntil }
    }

    /// Adds lease rows for tenants about to be polled, and renews at once so a lone instance starts without waiting.
    func register(_ tenants: [TenantID]) async {
        do {
            try await store.registerPollLeases(tenants)
        } catch {
            logger.warning("cannot register poll leases", metadata: ["error": "\(error)"])
        }
        await renew()
    }

    func run() async throws {
        await self.clock.repeatUntilShutdown(every: self.interval) {
            await self.renew()
        }
        // Stopping: hand the bots over now rather than after the leases run out.
        state.withLock { $0 = State() }
        do {
            try await store.releasePollLeases(owner: owner)
        } catch {
            logger.warning("cannot release poll leases; they run out by themselves", metadata: ["error": "\(error)"])
        }
    }

    private func renew() async {
        let at = now()
        let until = at.addingTimeInterval(ttl)
        do {
            let held = try await store.renewPollLeases(owner: owner, until: until, now: at)
            let gained = state.withLock { state in
                defer { (state.held, state.validUntil) = (held, until.addingTimeInterval(-1)) }
                return held.subtracting(state.held)
            }
            if !gained.isEmpty, gained.count < 20 {
                logger.info("polling bots", metadata: ["tenants": "\(gained.map(\.rawValue).sorted())"])
            } else if !gained.isEmpty {
                logger.info("polling bots", metadata: ["count": "\(gained.count)"])
            }
        } catch {
            logger.warning("cannot renew poll leases", metadata: ["error": "\(error)"])
        }
    }
}
