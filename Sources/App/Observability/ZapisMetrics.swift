import BookingCore
import Foundation
import Prometheus
import Synchronization

/// The service's metrics, on a Prometheus registry of their own (not the process-wide `MetricsSystem`): every
/// application built in one process (the tests build many) counts apart, and `/metrics` shows exactly its own.
///
/// Labels are closed sets (update kinds and outcomes, send outcomes, Bot API method names, HTTP statuses, tenant
/// statuses): never a tenant, user or chat id, nor a token. Every series that can be known up front is created here,
/// so recording on the hot path is an atomic add or a short lock, with no allocation.
public struct ZapisMetrics: Sendable {
    /// What kind of update came in.
    enum UpdateKind: Int, CaseIterable, Sendable {
        case message, callback, edited, other

        var label: String {
            switch self {
            case .message: "message"
            case .callback: "callback"
            case .edited: "edited"
            case .other: "other"
            }
        }
    }

    /// What became of an update.
    enum UpdateOutcome: Int, CaseIterable, Sendable {
        /// Its effects committed (flows ran).
        case handled
        /// Claimed before: nothing ran again.
        case duplicate
        /// Given up on (crashed the process or kept failing): stored for the operator, the user told politely.
        case deadLettered
        /// A store failure that passes (restart, lock timeout): answered 500, Telegram redelivers.
        case failedTransient
        /// Another failure, not yet given up on: answered 500, redelivered until the crash guard gives up.
        case failed
        /// Refused by the incoming rate limits before any flow ran.
        case rejected
        /// A navigation press handled by reading alone: no claim, transaction or outbox row.
        case navigated

        var label: String {
            switch self {
            case .handled: "handled"
            case .duplicate: "duplicate"
            case .deadLettered: "dead_lettered"
            case .failedTransient: "failed_transient"
            case .failed: "failed"
            case .rejected: "rejected"
            case .navigated: "navigated"
            }
        }
    }

    /// What became of one Bot API call from the outbox.
    enum SendOutcome: Int, CaseIterable, Sendable {
        /// Telegram accepted it.
        case ok
        /// A transport or server error: retried later.
        case retry
        /// Refused for good (400, 403 blocked, 404, 409) or given up after the last retry.
        case refused
        /// 429: retried after Telegram's `retry_after`.
        case rateLimited

        var label: String {
            switch self {
            case .ok: "ok"
            case .retry: "retry"
            case .refused: "refused"
            case .rateLimited: "rate_limited"
            }
        }
    }

    /// The registry `/metrics` shows.
    public let registry: PrometheusCollectorRegistry
    /// `zapis_updates_total{kind,outcome}`, indexed by kind, then outcome.
    let updates: [[Counter]]
    /// `zapis_update_duration_seconds`: from arrival at the processor to its answer.
    let updateDuration: DurationHistogram
    /// `zapis_outbox_due_rows`: unsent rows due now (sampled).
    let outboxDueRows: Gauge
    /// `zapis_outbox_oldest_due_age_seconds`: how long the oldest due row has waited (sampled).
    let outboxOldestDueAge: Gauge
    /// `zapis_telegram_sends_total{method,outcome}`.
    let sends: SendCounters
    /// `zapis_telegram_rate_limited_total`: 429 answers to outbox sends.
    let rateLimited: Counter
    /// `zapis_telegram_retry_after_seconds_total`: the waits those 429 answers asked for.
    let retryAfterSeconds: Counter
    /// `zapis_reminder_lateness_seconds`: from a reminder's due time to Telegram accepting it.
    let reminderLateness: ValueHistogram
    /// `zapis_webhook_responses_total{status}`.
    let webhookResponses: StatusCounters
    /// `zapis_redis_fallbacks_total`: calls the SQL/in-memory fallback served instead of Redis (sampled).
    let redisFallbacks: Counter
    /// `zapis_redis_failures_total`: Redis errors and timeouts (sampled).
    let redisFailures: Counter
    /// `zapis_redis_degraded`: 1 while calls go to the fallback (sampled).
    let redisDegraded: Gauge
    /// `zapis_tenants{status}`, per status (refreshed with the tenant directory).
    let tenants: [TenantStatus: Gauge]
    /// `zapis_tenants{status="token_invalid"}`: serving tenants whose token Telegram refuses (counted here instead of
    /// under their lifecycle status, so the series still add up to every tenant).
    let tenantsTokenInvalid: Gauge
    /// `zapis_db_pool_*` (sampled).
    let pool: PoolMetrics
    /// `zapis_backup_last_success_timestamp_seconds`: start of the last scheduled backup run that succeeded (0: none).
    let backupLastSuccess: Gauge
    /// `zapis_backup_runs_total{outcome}`: scheduled backup runs, `ok` or `failed`.
    let backupRuns: [Counter]

    /// Metrics on a fresh registry.
    public init() { self.init(registry: PrometheusCollectorRegistry()) }

    /// Metrics on `registry`.
    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
            MetricNameDescriptor(namespace: "zapis", metricName: metric, unitName: unit, helpText: help)
        }
        let updatesName = name("updates", "total", "Telegram updates processed, by kind and outcome.")
        updates = UpdateKind.allCases.map { kind in
            UpdateOutcome.allCases.map {
                registry.makeCounter(descriptor: updatesName, labels: [("kind", kind.label), ("outcome", $0.label)])
            }
        }
        updateDuration = registry.makeDurationHistogram(
            descriptor: name("update_duration", "seconds", "Time to process one update, from the processor to its answer."),
            buckets: [1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000].map { Duration.microseconds(Int64($0 * 1_000)) })
        outboxDueRows = registry.makeGauge(descriptor: name("outbox_due", "rows", "Outbox rows due now and not yet sent or given up."))
        outboxOldestDueAge = registry.makeGauge(
            descriptor: name("outbox_oldest_due_age", "seconds", "How long the oldest due outbox row has been waiting (0 when none)."))
        sends = SendCounters(
            registry: registry, descriptor: name("telegram_sends", "total", "Bot API calls from the outbox, by method and outcome."))
        rateLimited = registry.makeCounter(
            descriptor: name("telegram_rate_limited", "total", "Bot API calls answered 429 (flood control)."))
        retryAfterSeconds = registry.makeCounter(
            descriptor: name(
                "telegram_retry_after_seconds", "total", "Seconds of waiting asked for by Telegram's 429 answers (retry_after)."))
        reminderLateness = registry.makeValueHistogram(
            descriptor: name("reminder_lateness", "seconds", "Seconds from a reminder's due time to Telegram accepting it."),
            buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1_800, 3_600])
        webhookResponses = StatusCounters(
            registry: registry, descriptor: name("webhook_responses", "total", "Answers to Telegram's webhook requests, by HTTP status."))
        redisFallbacks = registry.makeCounter(
            descriptor: name("redis_fallbacks", "total", "Calls served by the SQL/in-memory fallback instead of Redis."))
        redisFailures = registry.makeCounter(descriptor: name("redis_failures", "total", "Redis errors and timeouts seen by the stores."))
        redisDegraded = registry.makeGauge(descriptor: name("redis_degraded", "", "1 while Redis is bypassed for its fallback, else 0."))
        let tenantsName = name("tenants", "", "Tenants by lifecycle status.")
        tenants = Dictionary(
            uniqueKeysWithValues: TenantStatus.allCases.map {
                ($0, registry.makeGauge(descriptor: tenantsName, labels: [("status", $0.rawValue)]))
            })
        tenantsTokenInvalid = registry.makeGauge(descriptor: tenantsName, labels: [("status", "token_invalid")])
        pool = PoolMetrics(registry: registry)
        backupLastSuccess = registry.makeGauge(
            descriptor: name("backup_last_success_timestamp", "seconds", "Unix time the last successful scheduled backup started (0: none)."))
        let backupRunsName = name("backup_runs", "total", "Scheduled backup runs, by outcome.")
        backupRuns = ["ok", "failed"].map { registry.makeCounter(descriptor: backupRunsName, labels: [("outcome", $0)]) }
    }

    /// Counts one processed update and its processing time.
    func updateProcessed(_ kind: UpdateKind, _ outcome: UpdateOutcome, duration: Duration) {
        updates[kind.rawValue][outcome.rawValue].increment()
        updateDuration.record(duration)
    }

    /// Counts one outbox send.
    func sent(_ method: String, _ outcome: SendOutcome) { sends.counter(method, outcome).increment() }

    /// Sets the tenant gauges from the directory's last read and the tenants whose token is refused (by the status
    /// they have).
    func setTenants(_ counts: [TenantStatus: Int], tokenInvalid: [TenantStatus: Int] = [:]) {
        var invalid = 0
        for (status, gauge) in tenants {
            let refused = min(counts[status] ?? 0, tokenInvalid[status] ?? 0)
            invalid += refused
            gauge.set(Double((counts[status] ?? 0) - refused))
        }
        tenantsTokenInvalid.set(Double(invalid))
    }

    /// Counts a successful backup run that started at `date` (`counted` false: a run found on disk at start).
    func backupSucceeded(at date: Date, counted: Bool = true) {
        backupLastSuccess.set(date.timeIntervalSince1970)
        if counted { backupRuns[0].increment() }
    }

    /// Counts a failed backup run.
    func backupFailed() { backupRuns[1].increment() }

    /// Sets the outbox gauges.
    func setBacklog(dueRows: Int, oldestAge: TimeInterval) {
        outboxDueRows.set(Double(dueRows))
        outboxOldestDueAge.set(max(0, oldestAge))
    }
}

/// `zapis_telegram_sends_total` series, made on first use of a method: method names are our own Bot API calls (a
/// closed set), so the cache stays small.
final class SendCounters: Sendable {
    private let registry: PrometheusCollectorRegistry
    private let name: (metric: String, unit: String, help: String)
    private let byMethod = Mutex<[String: [Counter]]>([:])

    init(registry: PrometheusCollectorRegistry, descriptor: MetricNameDescriptor) {
        self.registry = registry
        self.name = (descriptor.metricName, descriptor.unitName ?? "", descriptor.helpText ?? "")
    }

    private var descriptor: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "zapis", metricName: name.metric, unitName: name.unit, helpText: name.help)
    }

    func counter(_ method: String, _ outcome: ZapisMetrics.SendOutcome) -> Counter {
        if let counters = byMethod.withLock({ $0[method] }) { return counters[outcome.rawValue] }
        let made = ZapisMetrics.SendOutcome.allCases.map {
            registry.makeCounter(descriptor: descriptor, labels: [("method", method), ("outcome", $0.label)])
        }
        return byMethod.withLock { byMethod in
            if byMethod[method] == nil { byMethod[method] = made }
            return byMethod[method]![outcome.rawValue]
        }
    }
}

/// Counters by HTTP status, made on first use of a status (a closed set).
final class StatusCounters: Sendable {
    private let registry: PrometheusCollectorRegistry
    private let name: (metric: String, unit: String, help: String)
    private let byStatus = Mutex<[Int: Counter]>([:])

    init(registry: PrometheusCollectorRegistry, descriptor: MetricNameDescriptor) {
        self.registry = registry
        self.name = (descriptor.metricName, descriptor.unitName ?? "", descriptor.helpText ?? "")
    }

    private var descriptor: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "zapis", metricName: name.metric, unitName: name.unit, helpText: name.help)
    }

    func increment(_ status: Int) {
        let counter = byStatus.withLock { byStatus in
            if let counter = byStatus[status] { return counter }
            let counter = registry.makeCounter(descriptor: descriptor, labels: [("status", String(status))])
            byStatus[status] = counter
            return counter
        }
        counter.increment()
    }
}
