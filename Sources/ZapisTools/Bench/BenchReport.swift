import App
import Foundation
import TelegramSandbox

/// The numbers of one bench run, as printed lines, and the checks that failed.
struct BenchReport {
    let options: BenchOptions
    let configuration: AppConfiguration
    let provisioning: Duration
    let serving: Duration
    let idle: (rss: Int, peak: Int)?
    /// Server CPU while idle with every tenant connected (cores).
    let idleCores: Double
    let afterLoad: (rss: Int, peak: Int)?
    let window: BenchWindow
    let final: SandboxProbeSnapshot
    let counters: BenchCounters.State
    let drained: (unanswered: Int, pending: Int, seconds: Double)
    let verification: BenchVerifier.Result
    let serverLog: [String: Int]
    /// Warnings and errors logged while the server stopped (reported, not counted as run errors).
    let shutdownLog: [String: Int]
    let gracefulStop: Duration?
    let logPath: String

    private var end: SandboxProbeSnapshot { window.endProbe ?? final }
    private var answered: Int { end.latencies.count }
    private var seconds: Double { max(window.seconds, 0.001) }
    private var lost: Int { drained.unanswered + drained.pending + final.superseded }
    private var botAPIErrors: [String: Int] { final.errors }
    private var serverCPU: Double { window.endCPU - window.startCPU }

    private func calls(_ snapshot: SandboxProbeSnapshot) -> Int {
        snapshot.requests.filter { $0.key != "getupdates" }.values.reduce(0, +)
    }

    var failures: [String] {
        var failures: [String] = []
        let customerErrors = counters.errors.values.reduce(0, +)
        if customerErrors > 0 { failures.append("\(customerErrors) customer errors") }
        if lost > 0 { failures.append("\(lost) lost updates") }
        if verification.doubleBookings > 0 { failures.append("\(verification.doubleBookings) double bookings") }
        if !botAPIErrors.isEmpty { failures.append("\(botAPIErrors.values.reduce(0, +)) failed Bot API calls") }
        if !serverLog.isEmpty { failures.append("\(serverLog.values.reduce(0, +)) warnings/errors in the server log") }
        if verification.bookings != counters.booked {
            failures.append("\(verification.bookings) bookings in the database but \(counters.booked) confirmations seen")
        }
        if answered == 0 { failures.append("no update was answered in the measured window") }
        return failures
    }

    var lines: [String] {
        let latencies = end.latencies.sorted()
        let webhooks = end.webhookLatencies.sorted()
        let roundTrips = (window.endCounters ?? counters).roundTrips.sorted()
        let startCalls = calls(window.startProbe)
        let endCalls = calls(end)
        let polls = (end.requests["getupdates"] ?? 0) - (window.startProbe.requests["getupdates"] ?? 0)
        let selfCPU = window.endSelfCPU - window.startSelfCPU
        let databaseCPU = window.endDatabaseCPU - window.startDatabaseCPU
        let machineTotal = window.endMachine.total - window.startMachine.total
        let machineBusy = machineTotal > 0 ? (window.endMachine.busy - window.startMachine.busy) / machineTotal : 0
        let p = { (sorted: [Duration], q: Double) in BenchMath.ms(BenchMath.percentile(sorted, q)) }
        var lines = [
            "",
            "== zapis bench results ==",
            "tenants \(options.tenants), customers \(options.customers), mode \(options.mode.rawValue), "
                + "database \(configuration.usesPostgres ? "PostgreSQL" : "SQLite"), measured \(BenchMath.fixed(seconds)) s "
                + "after \(BenchMath.fixed(options.warmup, 0)) s warm-up; navigation reads "
                + (options.serverEnvironment["ZAPIS_NAVIGATION_READS"] == "0" ? "off" : "on"),
            "provisioning: \(BenchMath.ms(BenchMath.milliseconds(provisioning))) for \(options.tenants) tenants",
            "start to serving all: \(BenchMath.ms(BenchMath.milliseconds(serving))) (process launch to the last bot's first "
                + "\(options.mode == .webhook ? "setWebhook" : "getUpdates"))",
            "RSS idle with \(options.tenants) tenants: \(BenchMath.mb(idle?.rss)); under load max \(BenchMath.mb(window.maxRSS)); "
                + "after load \(BenchMath.mb(afterLoad?.rss)); peak (VmHWM) \(BenchMath.mb(afterLoad?.peak))",
            "server CPU idle with \(options.tenants) tenants connected: \(BenchMath.fixed(idleCores * 100, 1))% of a core (5 s)",
            "updates answered: \(answered) in the window, \(BenchMath.fixed(Double(answered) / seconds)) updates/s",
            "server time per update (delivery to first answering call): p50 \(p(latencies, 50)), p95 \(p(latencies, 95)), "
                + "p99 \(p(latencies, 99)), max \(p(latencies, 100))",
            "webhook POST round trip (the update's processing and commit): p50 \(p(webhooks, 50)), p95 \(p(webhooks, 95)), "
                + "p99 \(p(webhooks, 99))",
            "customer round trip (action to awaited message): p50 \(p(roundTrips, 50)), p95 \(p(roundTrips, 95)), p99 \(p(roundTrips, 99))",
            "Bot API calls: \(BenchMath.fixed(Double(endCalls - startCalls) / seconds)) calls/s (getUpdates excluded; "
                + "\(BenchMath.fixed(Double(polls) / seconds)) getUpdates/s), of which "
                + "\(BenchMath.fixed(Double(end.webhookReplies - window.startProbe.webhookReplies) / seconds)) calls/s in webhook answers",
            "server CPU: \(BenchMath.fixed(serverCPU, 2)) s in the window = \(BenchMath.fixed(serverCPU / seconds, 2)) cores; "
                + "\(BenchMath.fixed(answered > 0 ? serverCPU / Double(answered) * 1_000_000 : 0, 0)) CPU-ms per 1,000 updates "
                + "(bench process with sandbox and customers: \(BenchMath.fixed(selfCPU / seconds, 2)) cores)",
            "PostgreSQL processes on this machine: \(BenchMath.fixed(databaseCPU / seconds, 2)) cores = "
                + "\(BenchMath.fixed(answered > 0 ? databaseCPU / Double(answered) * 1_000_000 : 0, 0)) CPU-ms per 1,000 updates",
            "machine CPU: \(BenchMath.fixed(machineBusy * 100, 0))% of \(ProcessInfo.processInfo.activeProcessorCount) cores busy in the window "
                + "(\(BenchMath.fixed(machineBusy * Double(ProcessInfo.processInfo.activeProcessorCount), 2)) cores: server, bench, database and "
                + "anything else running)",
            "429s: \(final.statuses[429] ?? 0); Bot API responses by status: "
                + final.statuses.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "),
            "bookings: \(counters.booked) confirmed to customers, \(counters.cancelled) cancelled; database: \(verification.bookings) "
                + "(\(verification.active) active, \(verification.cancelled) cancelled)",
            "outcomes: " + counters.outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "),
            "lost updates: \(lost) (unanswered \(drained.unanswered), undelivered \(drained.pending), superseded \(final.superseded); "
                + "drained in \(BenchMath.fixed(drained.seconds, 2)) s); webhook redeliveries \(final.redelivered)",
            "double bookings: \(verification.doubleBookings)",
            "errors: customers \(counters.errors.values.reduce(0, +)), Bot API \(botAPIErrors.values.reduce(0, +)), "
                + "server log \(serverLog.values.reduce(0, +))",
            "graceful stop of zapis serve: \(gracefulStop.map { BenchMath.ms(BenchMath.milliseconds($0)) } ?? "killed"), "
                + "\(shutdownLog.values.reduce(0, +)) warnings/errors logged while stopping",
        ]
        lines.append("server time by kind of update (count, p50 / p99):")
        for (kind, times) in end.latenciesByKind.sorted(by: { $0.value.count > $1.value.count }).prefix(12) {
            let sorted = times.sorted()
            lines.append("  \(kind): \(sorted.count), \(p(sorted, 50)) / \(p(sorted, 99))")
        }
        for (error, count) in counters.errors.sorted(by: { $0.value > $1.value }).prefix(10) { lines.append("  customer error ×\(count): \(error)") }
        for (error, count) in botAPIErrors.sorted(by: { $0.value > $1.value }).prefix(10) { lines.append("  Bot API error ×\(count): \(error)") }
        for sample in final.supersededSamples { lines.append("  superseded: \(sample)") }
        for sample in final.unansweredSamples { lines.append("  unanswered: \(sample)") }
        for (line, count) in serverLog.sorted(by: { $0.value > $1.value }).prefix(10) { lines.append("  server log ×\(count): \(line)") }
        for (line, count) in shutdownLog.sorted(by: { $0.value > $1.value }).prefix(5) {
            lines.append("  server log while stopping ×\(count): \(line)")
        }
        if options.keep { lines.append("server log: \(logPath)") }
        let failures = failures
        lines.append(failures.isEmpty ? "bench: PASS" : "bench: FAIL (\(failures.joined(separator: "; ")))")
        return lines
    }
}
