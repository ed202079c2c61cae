import BookingCore
import Foundation
import Storage

extension Commands {
    /// `zapis backup`: one archive per tenant (`tenant`, or every tenant) in `directory`, each from its own snapshot
    /// of the configured database; the service may keep running.
    public static func backup(
        tenant: String?, directory: String, configuration: AppConfiguration, output: @escaping @Sendable (String) -> Void = { print($0) }
    ) async throws {
        let ids = try tenant.map { raw -> [TenantID] in
            guard let id = TenantID(raw) else { throw PortableDatabase.Refused(description: "not a tenant id: \(raw.prefix(60))") }
            return [id]
        }
        let logger = LiveDependencies.logger(configuration)
        let started = ContinuousClock.now
        let into = URL(fileURLWithPath: directory)
        let report: @Sendable (TenantBackup.Written) -> Void = { done in
            output("\(done.tenant)\t\(done.file.path)\t\(done.bytes) bytes\t\(Self.describe(done.counts))")
        }
        let written: [TenantBackup.Written]
        if try configuration.serverList.get().isEmpty {
            written = try await PortableDatabase.with(configuration.databaseURL, logger: logger) { store in
                try await TenantBackup.backup(ids, from: store, into: into, now: Date(), progress: report)
            }
        } else {
            // Several servers: each tenant from the server holding it; every server's tenants for `--all`.
            written = try await LiveDependencies.withRunning(configuration, logger: logger) { all in
                var written: [TenantBackup.Written] = []
                let sources: [(AppDependencies, [TenantID]?)] = ids.map { $0.map { (all.serving($0), [$0]) } } ?? all.everyServer.map { ($0, nil) }
                for (server, tenants) in sources {
                    guard let store = server.portable else { continue }
                    written += try await TenantBackup.backup(tenants, from: store, into: into, now: Date(), progress: report)
                }
                return written
            }
        }
        let elapsed = ContinuousClock.now - started
        output("backed up \(written.count) tenant(s) in \(elapsed.formatted(.units(allowed: [.seconds, .milliseconds])))")
    }

    /// `zapis restore`: checks the archive whole, then writes it in one transaction (as `newID` when given; an
    /// existing tenant only with `replace`) and reads it back against the archive.
    public static func restore(
        file: String, as newID: String?, replace: Bool, configuration: AppConfiguration,
        output: @escaping @Sendable (String) -> Void = { print($0) }
    ) async throws {
        let target = try newID.map { raw -> TenantID in
            guard let id = TenantID(raw) else { throw PortableDatabase.Refused(description: "not a tenant id: \(raw.prefix(60))") }
            return id
        }
        let archive = try TenantArchive.read(URL(fileURLWithPath: file))
        let id = target ?? archive.tenant
        let logger = LiveDependencies.logger(configuration)
        if try configuration.serverList.get().isEmpty {
            try await PortableDatabase.with(configuration.databaseURL, logger: logger) { store in
                try await TenantBackup.restore(archive, as: id, replace: replace, into: store)
            }
        } else {
            // Several servers: into the server holding the tenant, or the one a new tenant goes to.
            try await LiveDependencies.withRunning(configuration, logger: logger) { all in
                let here = all.serving(id)
                let home = try await here.stores.tenants.tenant(id) == nil ? try await all.placingNew(id) : here
                guard let store = home.portable else { throw PlacementError.notConfigured }
                try await TenantBackup.restore(archive, as: id, replace: replace, into: store)
            }
        }
        output("restored \(id) from \(file) (taken \(ISO8601DateFormatter().string(from: archive.createdAt)) on \(archive.source)): \(describe(archive.counts))")
        // The token stays sealed with the key that sealed it; say so when this deployment's key cannot open it.
        if let tenants = PortableSchema.tenantArchiveTables.first, let index = tenants.index(of: "encrypted_token"),
            case .blob(let bytes)? = archive.rows["tenants"]?.first?[index], let vault = existingVault(configuration),
            (try? vault.open(bytes)) == nil
        {
            output("warning: this deployment's master key cannot open \(id)'s bot token; use the key it was sealed with, or `zapis tenant set-token \(id)`")
        }
    }

    /// The configured vault when its key exists (never creates a key file).
    static func existingVault(_ configuration: AppConfiguration) -> TokenVault? {
        let source = configuration.keySource
        guard source.configured != nil || source.keyFile.map({ FileManager.default.fileExists(atPath: $0) }) == true else { return nil }
        return try? source.load()
    }

    static func describe(_ counts: [String: Int]) -> String {
        counts.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }
}

extension Commands {
    /// `zapis move --to URL`: the whole configured database into the empty one at `target` (SQLite ↔ PostgreSQL), every
    /// table of every tenant, compared table by table at the end. The service must be stopped (checked unless `force`).
    public static func move(
        to target: String, force: Bool, configuration: AppConfiguration, output: @escaping @Sendable (String) -> Void = { print($0) }
    ) async throws {
        let source = configuration.databaseURL
        let same = PortableDatabase.isPostgres(source) == PortableDatabase.isPostgres(target)
            && (PortableDatabase.isPostgres(source) ? source == target
                : URL(fileURLWithPath: PortableDatabase.sqlitePath(source)).standardizedFileURL
                    == URL(fileURLWithPath: PortableDatabase.sqlitePath(target)).standardizedFileURL)
        if same { throw MoveError.sameDatabase }
        let logger = LiveDependencies.logger(configuration)
        if !force { try await DatabaseMove.ensureIdle(source, logger: logger) }
        let started = ContinuousClock.now
        let reports = try await DatabaseMove.run(from: source, to: target, logger: logger, progress: output)
        let elapsed = ContinuousClock.now - started
        output("table\tsource rows\ttarget rows\tchecksum")
        for report in reports {
            output("\(report.table)\t\(report.sourceRows)\t\(report.targetRows)\t\(report.sourceChecksum.prefix(16)) \(report.equal ? "equal" : "DIFFERENT")")
        }
        output("moved \(reports.reduce(0) { $0 + $1.sourceRows }) rows of \(reports.count) tables in "
            + "\(elapsed.formatted(.units(allowed: [.seconds, .milliseconds]))); every table equal. Point ZAPIS_DATABASE_URL at the target and start the service.")
    }
}
