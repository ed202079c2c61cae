import App
import AsyncHTTPClient
import Foundation
import Testing

/// `ZAPIS_BACKUP_DIR`: `serve` backs every tenant up on a schedule, keeps N daily and M weekly runs, and shows the last
/// success on readiness and in `/metrics`.
@Suite("Scheduled backups")
struct ScheduledBackupTests {
    static func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func retentionKeepsTheNewestOfEachDayAndWeek() {
        // Two runs a day for 20 days, 2026-11-01 (a Sunday) … 2026-11-20.
        let runs = (0..<40).map { Self.utc("2026-11-01T03:00:00Z").addingTimeInterval(Double($0) * 43_200) }
        let kept = BackupRetention(daily: 3, weekly: 2).keep(runs)
        let names = Set(kept.map { ISO8601DateFormatter().string(from: $0) })
        // Daily: the later run of Nov 20, 19, 18; weekly: the newest of the week of Nov 16 (Nov 20) and of Nov 9 (Nov 15).
        #expect(names == ["2026-11-20T15:00:00Z", "2026-11-19T15:00:00Z", "2026-11-18T15:00:00Z", "2026-11-15T15:00:00Z"])
        #expect(BackupRetention(daily: 0, weekly: 0).keep(runs) == [runs.last!])
        #expect(BackupRetention(daily: 7, weekly: 4).keep([]).isEmpty)
    }

    @Test func serveBacksUpOnScheduleAndPrunes() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zapis-scheduled-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        // Old runs: one a day for the last 20 days, and a partial run a crash left.
        let now = Date()
        let old = (1...20).map { now.addingTimeInterval(-Double($0) * 86_400) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        for date in old {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent(formatter.string(from: date)), withIntermediateDirectories: true)
        }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent(".partial-20200101T000000Z"), withIntermediateDirectories: true)
        let environment = [
            "ZAPIS_BACKUP_DIR": directory.path, "ZAPIS_BACKUP_INTERVAL": "600", "ZAPIS_BACKUP_KEEP_DAILY": "3", "ZAPIS_BACKUP_KEEP_WEEKLY": "2",
        ]
        try await LocalStack.run(mode: .webhook, environment: environment) { stack in
            // The newest run on disk is a day old, older than the interval: a run starts at once.
            #expect(await stack.dependencies.backupStatus.waitForRuns(1, timeout: .seconds(60)))
            let lastSuccess = try #require(stack.dependencies.backupStatus.lastSuccess)
            #expect(abs(lastSuccess.timeIntervalSinceNow) < 60)

            let ready = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(stack.appPort)/health/ready"), timeout: .seconds(5))
            let body = try JSONSerialization.jsonObject(with: Data(buffer: try await ready.body.collect(upTo: 1 << 16))) as? [String: String]
            #expect(body?["status"] == "ready")
            #expect(body?["last_backup"] == ISO8601DateFormatter().string(from: lastSuccess))

            let metrics = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(stack.appPort)/metrics"), timeout: .seconds(5))
            let text = try PrometheusText(String(buffer: try await metrics.body.collect(upTo: 1 << 20)))
            #expect(abs(text.value("zapis_backup_last_success_timestamp_seconds") - lastSuccess.timeIntervalSince1970) < 1)
            #expect(text.value("zapis_backup_runs_total", ["outcome": "ok"]) == 1)

            // Retention: 3 days and 2 weeks of the old runs plus the new one; the partial run is gone.
            let names = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
            let expected = Set(BackupRetention(daily: 3, weekly: 2).keep(old + [lastSuccess]).map { formatter.string(from: $0) })
            #expect(names == expected)
            // The new run holds both tenants' archives, whole.
            let run = directory.appendingPathComponent(formatter.string(from: lastSuccess))
            let archives = try FileManager.default.contentsOfDirectory(atPath: run.path).sorted()
            #expect(archives == ["salon_alpha.zapis-archive", "salon_beta.zapis-archive"])
            for name in archives { _ = try TenantArchive.read(run.appendingPathComponent(name)) }
        }
    }
}
