import Foundation
import Storage
import StorageRedis
import Synchronization

/// Reads, when `/metrics` is scraped, what is sampled rather than counted: the outbox backlog (one indexed aggregate),
/// the tenants by status (kept by the directory from its periodic reload, no query), the Redis circuit's counters and
/// the database pool's (`PoolMeter`).
/// Scrapes closer together than `minimumInterval` reuse the last backlog, so a flood of scrapes is not a flood of
/// queries.
final class MetricsSampler: Sendable {
    let metrics: ZapisMetrics
    /// The backlog of the outbox (of every server's, with several).
    let backlog: @Sendable (Date) async throws -> OutboxBacklog
    let directory: TenantDirectory
    let circuit: FallbackCircuit?
    let health: BotHealth
    let pool: PoolMeter?
    let now: @Sendable () -> Date
    /// Shortest time between two backlog queries.
    static let minimumInterval: Duration = .seconds(1)

    private struct State {
        var lastBacklog: ContinuousClock.Instant?
        var fallbacks = 0
        var failures = 0
    }

    private let state = Mutex(State())

    init(
        metrics: ZapisMetrics, backlog: @escaping @Sendable (Date) async throws -> OutboxBacklog, directory: TenantDirectory, circuit: FallbackCircuit?, health: BotHealth,
        pool: PoolMeter? = nil, now: @escaping @Sendable () -> Date
    ) {
        self.pool = pool
        self.health = health
        self.metrics = metrics
        self.backlog = backlog
        self.directory = directory
        self.circuit = circuit
        self.now = now
    }

    /// Brings the sampled metrics up to date. A failing backlog query leaves the last values (and is not retried
    /// within the interval): a metrics scrape never fails because the database does.
    func sample() async {
        metrics.setTenants(await directory.statusCounts, tokenInvalid: health.rejectedByStatus)
        if let pool { metrics.pool.update(pool.usage) }
        if let circuit {
            let (fallbacks, failures) = (circuit.fallbackCount, circuit.failureCount)
            let (newFallbacks, newFailures) = state.withLock { state in
                defer { (state.fallbacks, state.failures) = (fallbacks, failures) }
                return (fallbacks - state.fallbacks, failures - state.failures)
            }
            if newFallbacks > 0 { metrics.redisFallbacks.increment(by: Int64(newFallbacks)) }
            if newFailures > 0 { metrics.redisFailures.increment(by: Int64(newFailures)) }
            metrics.redisDegraded.set(to: circuit.isDegraded ? 1.0 : 0.0)
        }
        let due = state.withLock { state in
            let clock = ContinuousClock.now
            guard state.lastBacklog.map({ clock - $0 >= Self.minimumInterval }) ?? true else { return false }
            state.lastBacklog = clock
            return true
        }
        guard due else { return }
        let at = now()
        if let backlog = try? await backlog(at) {
            metrics.setBacklog(dueRows: backlog.dueRows, oldestAge: backlog.oldestDue.map { at.timeIntervalSince($0) } ?? 0)
        }
    }
}
