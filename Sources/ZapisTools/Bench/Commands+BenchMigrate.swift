import App
import BookingCore
import Foundation
import Logging
import Storage
import StoragePostgres

extension Commands {
    /// `zapis bench-migrate`: provisions `tenants` tenants (row + schema + migrations, the path of `tenant add`)
    /// on the configured PostgreSQL database, then runs `migrateAll` over every schema, and prints the time per
    /// tenant and the total of both phases. Use an empty database: the tenants are left in place.
    public static func benchMigrate(
        configuration: AppConfiguration, tenants: Int, prefix: String = "bench", concurrency: Int = 1,
        output: @escaping @Sendable (String) -> Void = { print($0) }
    ) async throws {
        guard configuration.usesPostgres else { throw BenchFailure("bench-migrate needs ZAPIS_DATABASE_URL=postgres://…") }
        let ids = try (1...max(1, tenants)).map { index in
            guard let id = TenantID(String(format: "%@_%05d", prefix, index)) else { throw BenchFailure("invalid --prefix \(prefix)") }
            return id
        }
        let logger = LiveDependencies.logger(configuration)
        let store = try await PostgresStore.open(url: configuration.databaseURL, poolSize: configuration.databasePoolSize, logger: logger)
        output(
            "PostgreSQL \(redacted(configuration.databaseURL)), \(ids.count) tenants, \(concurrency) at a time, pool \(configuration.databasePoolSize)"
        )
        try await store.whileRunning {
            let clock = ContinuousClock()
            var latencies: [Duration] = []
            let provisioning = try await clock.measure {
                latencies = try await provision(ids, store: store, concurrency: max(1, concurrency), clock: clock)
            }
            output(line("provision (insertTenant: row + schema + migrations)", total: provisioning, count: ids.count, latencies: latencies))
            var report: MigrationReport?
            let migrating = try await clock.measure { report = try await store.migrateAll(concurrency: max(1, concurrency)) }
            output(line("migrate (migrateAll over every schema)", total: migrating, count: report?.schemas.count ?? 0, latencies: []))
            if let report, !report.failures.isEmpty { throw MigrationFailed(failures: report.failures) }
        }
    }

    private static func provision(_ ids: [TenantID], store: PostgresStore, concurrency: Int, clock: ContinuousClock) async throws
        -> [Duration]
    {
        let created = Date()
        return try await withThrowingTaskGroup(of: Duration.self) { group in
            var pending = ids.makeIterator()
            func startNext() {
                guard let id = pending.next() else { return }
                group.addTask {
                    let record = TenantRecord(
                        profile: TenantProfile(id: id, name: "Bench \(id)"), encryptedToken: Array(repeating: 7, count: 60),
                        botID: 7_000_000_000, botUsername: "\(id)_bot", ownerID: UserID(1), createdAt: created)
                    return try await clock.measure { try await store.insertTenant(record) }
                }
            }
            for _ in 0..<concurrency { startNext() }
            var latencies: [Duration] = []
            for try await latency in group {
                latencies.append(latency)
                startNext()
            }
            return latencies
        }
    }

    private static func line(_ phase: String, total: Duration, count: Int, latencies: [Duration]) -> String {
        let ms = { (d: Duration) in String(format: "%.1f ms", Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
        }
        var text = "\(phase): total \(ms(total)), \(ms(total / max(1, count))) per tenant (\(count) schemas)"
        if !latencies.isEmpty {
            let sorted = latencies.sorted()
            text += ", latency p50 \(ms(sorted[sorted.count / 2])), p99 \(ms(sorted[min(sorted.count - 1, sorted.count * 99 / 100)]))"
            text += ", max \(ms(sorted[sorted.count - 1]))"
        }
        return text
    }

    private static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return "(url)" }
        if components.password != nil { components.password = "***" }
        return components.string ?? "(url)"
    }

    /// A bench run that cannot start.
    struct BenchFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
