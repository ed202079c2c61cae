import Prometheus
import Storage
import Synchronization

/// `zapis_db_pool_*` (size, in use, waiting, leases, wait seconds, failures): the database connections as `PoolMeter` counts them (the PostgreSQL pool, or SQLite's one
/// writer), sampled when `/metrics` is scraped. The mean wait for a connection is
/// `rate(zapis_db_pool_wait_seconds_total) / rate(zapis_db_pool_leases_total)`.
final class PoolMetrics: Sendable {
    let size: Gauge
    let inUse: Gauge
    let waiting: Gauge
    let leases: Counter
    let waitSeconds: Counter
    let failures: Counter
    /// The totals already added to the counters (the meter keeps totals; counters only move forward).
    private let reported = Mutex(PoolMeter.Usage(size: 1))

    init(registry: PrometheusCollectorRegistry) {
        func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
            MetricNameDescriptor(namespace: "zapis", metricName: metric, unitName: unit, helpText: help)
        }
        size = registry.makeGauge(descriptor: name("db_pool_size", "connections", "Most database connections at once."))
        inUse = registry.makeGauge(descriptor: name("db_pool_in_use", "connections", "Database connections held now."))
        waiting = registry.makeGauge(descriptor: name("db_pool_waiting", "callers", "Callers waiting for a database connection now."))
        leases = registry.makeCounter(descriptor: name("db_pool_leases", "total", "Database connections handed out."))
        waitSeconds = registry.makeCounter(
            descriptor: name("db_pool_wait_seconds", "total", "Seconds spent waiting for a database connection, summed."))
        failures = registry.makeCounter(
            descriptor: name("db_pool_failures", "total", "Waits for a database connection that ended without one."))
    }

    /// Brings the series up to `usage`.
    func update(_ usage: PoolMeter.Usage) {
        size.set(Double(usage.size))
        inUse.set(Double(max(0, usage.inUse)))
        waiting.set(Double(max(0, usage.waiting)))
        // Deltas taken under the lock and the totals only raised, so concurrent scrapes never count a lease twice.
        let (newLeases, newWait, newFailures) = reported.withLock { reported in
            defer {
                reported.leases = max(reported.leases, usage.leases)
                reported.waitSeconds = max(reported.waitSeconds, usage.waitSeconds)
                reported.failures = max(reported.failures, usage.failures)
            }
            return (usage.leases - reported.leases, usage.waitSeconds - reported.waitSeconds, usage.failures - reported.failures)
        }
        if newLeases > 0 { leases.increment(by: newLeases) }
        if newWait > 0 { waitSeconds.increment(by: newWait) }
        if newFailures > 0 { failures.increment(by: newFailures) }
    }
}
