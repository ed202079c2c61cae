import Foundation
import Logging
import StoragePostgres
import StorageSQLite

extension Commands {
    /// Some schemas could not be migrated; the others were.
    public struct MigrationFailed: Error, CustomStringConvertible {
        /// The schemas that failed, with reasons.
        public let failures: [SchemaMigrationResult]

        public init(failures: [SchemaMigrationResult]) { self.failures = failures }

        public var description: String {
            "\(failures.count) schema(s) failed to migrate: " + failures.map(\.schema).joined(separator: ", ")
        }
    }

    /// `zapis migrate`: on PostgreSQL brings the platform schema and every tenant schema up to date, printing
    /// `schema i/n` lines and a summary, and throws `MigrationFailed` when some schema failed (after migrating the
    /// rest). On SQLite it migrates the file. Needs no master key.
    public static func migrate(
        configuration: AppConfiguration, concurrency: Int = 4, output: @escaping @Sendable (String) -> Void = { print($0) }
    ) async throws {
        let logger = LiveDependencies.logger(configuration)
        guard configuration.usesPostgres else {
            let store = try await SQLiteStore.open(path: configuration.sqlitePath, logger: logger)  // opening migrates
            let applied = try await store.migrate()
            output("SQLite \(configuration.sqlitePath): up to date\(applied.isEmpty ? "" : " (applied \(applied))")")
            return
        }
        // With several servers each is a whole Zapis database: every one is migrated, the primary first.
        let servers = [(PostgresServer.primary, configuration.databaseURL)] + (try configuration.serverList.get()).map { ($0.name, $0.url) }
        var failures: [SchemaMigrationResult] = []
        for (name, url) in servers {
            let store = try await PostgresStore.open(url: url, poolSize: configuration.databasePoolSize, logger: logger)
            let started = ContinuousClock.now
            let label = servers.count > 1 ? "\(name): " : ""
            let report = try await store.whileRunning {
                try await store.migrateAll(concurrency: min(concurrency, configuration.databasePoolSize)) { progress in
                    output("\(label)schema \(progress.index)/\(progress.total) \(progress.result.schema): \(describe(progress.result.outcome))")
                }
            }
            let elapsed = ContinuousClock.now - started
            output(
                "\(label)migrated \(report.migrated.count), up to date \(report.upToDate.count), failed \(report.failures.count) "
                    + "of \(report.schemas.count) tenant schemas in \(elapsed.formatted(.units(allowed: [.seconds, .milliseconds])))"
                    + (report.platformApplied.isEmpty ? "" : "; platform schema zapis: applied \(report.platformApplied)"))
            for failure in report.failures { output("FAILED \(label)\(failure.schema): \(describe(failure.outcome))") }
            failures += report.failures
        }
        if !failures.isEmpty { throw MigrationFailed(failures: failures) }
    }

    static func describe(_ outcome: SchemaMigrationOutcome) -> String {
        switch outcome {
        case .applied(let versions): "applied \(versions.map(String.init).joined(separator: ", "))"
        case .upToDate: "up to date"
        case .failed(let reason): "failed: \(reason)"
        }
    }
}
