import BookingCore
import Foundation
import PostgresNIO
import Storage

/// How one schema's migration ended.
public enum SchemaMigrationOutcome: Hashable, Sendable {
    /// These versions were applied now.
    case applied([Int])
    /// Nothing to do.
    case upToDate
    /// The schema could not be migrated (rolled back); the message says why.
    case failed(String)
}

/// One schema's line in a migration report.
public struct SchemaMigrationResult: Hashable, Sendable {
    /// The schema (a tenant id).
    public var schema: String
    /// What happened to it.
    public var outcome: SchemaMigrationOutcome
}

/// Reported by `migrateAll` after each tenant schema finishes.
public struct MigrationProgress: Hashable, Sendable {
    /// Finished schemas so far, counting this one (1-based).
    public var index: Int
    /// Tenant schemas in this run.
    public var total: Int
    /// The schema that just finished.
    public var result: SchemaMigrationResult
}

/// What `migrateAll` did.
public struct MigrationReport: Hashable, Sendable {
    /// Versions applied to the platform schema `zapis`.
    public var platformApplied: [Int]
    /// Every tenant schema, by name.
    public var schemas: [SchemaMigrationResult]

    /// Schemas that had versions applied.
    public var migrated: [SchemaMigrationResult] { schemas.filter { if case .applied = $0.outcome { true } else { false } } }
    /// Schemas that were already current.
    public var upToDate: [SchemaMigrationResult] { schemas.filter { $0.outcome == .upToDate } }
    /// Schemas that failed, with the reason.
    public var failures: [SchemaMigrationResult] { schemas.filter { if case .failed = $0.outcome { true } else { false } } }
}

extension PostgresStore {
    /// Migrates the platform schema, then every tenant's schema, each in its own transaction under a per-schema
    /// advisory lock, so it is idempotent, safe to run from two processes, and resumable after a crash (a schema
    /// is either fully at a version or untouched). A failing schema is rolled back and reported; the others go on.
    /// `concurrency` schemas migrate at once (bounded by the pool).
    public func migrateAll(concurrency: Int = 4, progress: @escaping @Sendable (MigrationProgress) -> Void = { _ in }) async throws
        -> MigrationReport
    {
        let logger = logger
        let platformApplied = try await transaction { try await PostgresMigrator.migrate(.platform, on: $0, logger: logger) }
        let names = try await query("SELECT id FROM zapis.tenants ORDER BY id").map { try $0.first(as: String.self) }
        var results: [SchemaMigrationResult] = []
        results.reserveCapacity(names.count)
        await withTaskGroup(of: SchemaMigrationResult.self) { group in
            var pending = names.makeIterator()
            func startNext() {
                guard let name = pending.next() else { return }
                group.addTask { await self.migrateTenantSchema(name) }
            }
            for _ in 0..<max(1, concurrency) { startNext() }
            for await result in group {
                results.append(result)
                progress(MigrationProgress(index: results.count, total: names.count, result: result))
                startNext()
            }
        }
        return MigrationReport(platformApplied: platformApplied, schemas: results.sorted { $0.schema < $1.schema })
    }

    private func migrateTenantSchema(_ name: String) async -> SchemaMigrationResult {
        guard let tenant = TenantID(name) else {
            return SchemaMigrationResult(schema: name, outcome: .failed("not a valid tenant id; skipped"))
        }
        do {
            let logger = logger
            let applied = try await transaction { try await PostgresMigrator.migrate(SchemaName(tenant), on: $0, logger: logger) }
            return SchemaMigrationResult(schema: name, outcome: applied.isEmpty ? .upToDate : .applied(applied))
        } catch {
            return SchemaMigrationResult(schema: name, outcome: .failed(Self.describe(error)))
        }
    }

    /// The versions recorded in a schema's ledger (`nil`: the platform schema), oldest first; empty when absent.
    public func migrationVersions(of tenant: TenantID?) async throws -> [Int] {
        let schema = tenant.map(SchemaName.init) ?? .platform
        let exists = try await query("SELECT to_regclass(format('%I.schema_migrations', \(schema.rawValue)::text)) IS NOT NULL")
        guard try exists.first?.first(as: Bool.self) == true else { return [] }
        return try await query("SELECT version FROM \(unescaped: schema.quoted).schema_migrations ORDER BY version")
            .map { try $0.first(as: Int.self) }
    }

    /// Names of every schema in the database except PostgreSQL's own, sorted.
    public func schemaNames() async throws -> [String] {
        try await query(
            """
            SELECT nspname::text FROM pg_namespace
            WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY nspname
            """
        ).map { try $0.first(as: String.self) }
    }
}

extension PostgresStore: MigrationLedger {
    /// The platform schema's missing versions (readiness). Tenant schemas are migrated when a tenant is added and by
    /// `zapis migrate`, which reports the ones that failed; checking each of thousands here would cost a query apiece.
    public func pendingMigrations() async throws -> [Int] {
        let done = Set(try await migrationVersions(of: nil))
        return PostgresMigrations.all(.platform).map(\.version).filter { !done.contains($0) }
    }
}
