import Foundation
import Logging
import ServiceLifecycle
import Storage

/// Backs every tenant up every `interval` into `directory/<UTC start, yyyyMMddTHHmmssZ>/` (built under a `.partial`
/// name and renamed when whole), then deletes the runs `retention` does not keep. The first run starts at once when
/// the newest run on disk is older than `interval` (or there is none), else when it comes due.
struct ScheduledBackups: ServiceLifecycle.Service {
    let store: any PortableStore
    let directory: URL
    let retention: BackupRetention
    let interval: Duration
    let now: @Sendable () -> Date
    let clock: any ServiceClock
    let status: BackupStatus
    let metrics: ZapisMetrics
    let logger: Logger

    static let partialPrefix = ".partial-"

    /// A run's directory name for its start time.
    static func name(_ date: Date) -> String { formatter().string(from: date) }

    /// The start time a run's directory name stands for.
    static func date(_ name: String) -> Date? { name.count == 16 ? formatter().date(from: name) : nil }

    private static func formatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter
    }

    /// The complete runs on disk, by start time.
    func runs() -> [Date: URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return Dictionary(names.compactMap { name in Self.date(name).map { ($0, directory.appendingPathComponent(name)) } }) { a, _ in a }
    }

    func run() async throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if let newest = runs().keys.max() {
            status.found(newest)
            metrics.backupSucceeded(at: newest, counted: false)
        }
        await cancelWhenGracefulShutdown {
            let seconds = Double(interval.components.seconds)
            let age = runs().keys.max().map { now().timeIntervalSince($0) } ?? .infinity
            var wait = Duration.seconds(max(0, min(seconds, seconds - age)))
            while !Task.isCancelled {
                do { try await clock.sleep(for: wait) } catch { return }
                await runOnce()
                wait = interval
            }
        }
    }

    /// One run: every tenant, then the pruning. Never throws: a failure is logged, counted and shown on readiness.
    func runOnce() async {
        let started = now()
        let name = Self.name(started)
        let partial = directory.appendingPathComponent(Self.partialPrefix + name)
        var failure: String?
        do {
            let written = try await TenantBackup.backup(nil, from: store, into: partial, now: started)
            let final = directory.appendingPathComponent(name)
            try? FileManager.default.removeItem(at: final)
            try FileManager.default.moveItem(at: partial, to: final)
            metrics.backupSucceeded(at: started)
            logger.info("backup done", metadata: ["run": "\(name)", "tenants": "\(written.count)"])
        } catch {
            try? FileManager.default.removeItem(at: partial)
            failure = "\(error)"
            metrics.backupFailed()
            logger.error("backup failed", metadata: ["run": "\(name)", "error": "\(error)"])
        }
        prune()
        status.finished(success: failure == nil ? started : nil, failure: failure)
    }

    /// Deletes the runs the retention does not keep, and partial runs left by a crash.
    func prune() {
        let all = runs()
        let kept = retention.keep(Array(all.keys))
        for (date, url) in all where !kept.contains(date) { try? FileManager.default.removeItem(at: url) }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where name.hasPrefix(Self.partialPrefix) {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }
}
