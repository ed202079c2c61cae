import App
import BookingCore
import Foundation
import Logging
import Storage
import StoragePostgres
import StorageSQLite

extension Commands {
    /// Where `zapis fuzz` runs its updates.
    public enum FuzzBackend: String, Sendable, CaseIterable {
        /// The in-memory stores (fastest).
        case memory
        /// A fresh SQLite file in the temporary folder.
        case sqlite
        /// A fresh database on the PostgreSQL server named by `--postgres-url`.
        case postgres
    }

    /// `zapis fuzz`: `count` fuzzed updates through the real processor on a fresh store; returns the report. Progress
    /// goes to `print` every 10,000 updates.
    public static func fuzz(
        backend: FuzzBackend, count: Int, seed: UInt64, postgresURL: String?, print: @escaping @Sendable (String) -> Void
    ) async throws -> FuzzRun.Report {
        let key = TokenVault.generateKey()
        let vault = try TokenVault(base64Key: key)
        let tenant = TenantID("fuzz_salon")!
        let progress: @Sendable (FuzzRun.Report) -> Void = { print("  \($0)") }
        switch backend {
        case .memory:
            let store = InMemoryStore()
            let active = try await FuzzRun.provision(Stores(store), tenant: tenant, ownerID: 1, vault: vault, now: Date())
            return await FuzzRun.run(
                unitOfWork: InMemoryUnitOfWork(stores: Stores(store), outbox: store.outbox), stores: Stores(store), tenant: active,
                count: count,
                seed: seed, progress: progress)
        case .sqlite, .postgres:
            var configuration = AppConfiguration(environment: [:])
            configuration.masterKey = key
            if backend == .postgres {
                guard let postgresURL else { throw FuzzFailure.postgresURLRequired }
                configuration.databaseURL = try await PostgresAdmin.createDatabase(
                    "zapis_fuzz_" + UUID().uuidString.prefix(8).lowercased(), serverURL: postgresURL)
            } else {
                configuration.databaseURL =
                    FileManager.default.temporaryDirectory.appendingPathComponent("zapis-fuzz-\(UUID().uuidString).sqlite").path
            }
            print("store: \(backend == .sqlite ? configuration.databaseURL : "a fresh PostgreSQL database")")
            var logger = Logger(label: "zapis.fuzz")
            logger.logLevel = .error
            return try await LiveDependencies.withRunning(configuration, logger: logger) { dependencies in
                let active = try await FuzzRun.provision(
                    dependencies.stores, tenant: tenant, ownerID: 1, vault: dependencies.vault, now: Date())
                return await FuzzRun.run(
                    unitOfWork: dependencies.unitOfWork, stores: dependencies.stores, tenant: active, count: count, seed: seed,
                    progress: progress)
            }
        }
    }

    /// Why a fuzz run cannot start.
    public enum FuzzFailure: Error, CustomStringConvertible {
        /// `--backend postgres` without a server.
        case postgresURLRequired

        public var description: String { "--backend postgres needs --postgres-url postgres://user@host:port/database" }
    }
}
