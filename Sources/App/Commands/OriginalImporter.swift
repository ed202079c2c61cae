import BookingCore
import BotFlows
import Foundation
import Import
import Storage

/// What `zapis import` was asked to do.
public struct ImportOptions: Sendable {
    /// `postgres://…` or `sqlite:PATH`.
    public var from: String
    /// One schema of the PostgreSQL source.
    public var schema: String?
    /// Every client schema of the PostgreSQL source, each mapped to a tenant through `master_bot.clients`.
    public var allSchemas = false
    /// The tenant to import into (default: the schema's name); required for a SQLite source.
    public var tenantID: String?
    /// The zone the original's wall-clock texts are read in.
    public var timeZone = "Europe/Moscow"
    /// Report only; write nothing.
    public var dryRun = false
    /// For a tenant the source has no `master_bot` row for: its name, owner and token.
    public var name: String?
    /// Owner's Telegram id (default: the source's super admin).
    public var ownerID: Int64?
    /// Bot token (read from a file or variable by the command, never argv).
    public var token: String?
    /// The operator, for the operator audit.
    public var actor = "cli"

    /// Creates options.
    public init(from: String) { self.from = from }
}

/// Why an import stopped.
public enum ImportFailure: Error, CustomStringConvertible {
    /// Bad options.
    case usage(String)
    /// Some tenant's rows conflict with what an earlier import wrote (nothing of that tenant was written).
    case refused(tenants: [String])

    public var description: String {
        switch self {
        case .usage(let why): why
        case .refused(let tenants):
            "import refused for \(tenants.joined(separator: ", ")): see the conflicts above; nothing of them was written"
        }
    }
}

/// `zapis import`: reads the original bot (Import), creates each tenant through the provisioner (without getMe), writes
/// its rows through the store protocols, and schedules future bookings' reminders with the flows' own code.
public struct OriginalImporter: Sendable {
    let dependencies: AppDependencies

    /// Creates an importer on the service's dependencies.
    public init(dependencies: AppDependencies) { self.dependencies = dependencies }

    /// Runs the import; one report per tenant, in order, each also handed to `finished` as soon as its tenant is done.
    /// Progress lines go to `progress`.
    public func run(
        _ options: ImportOptions, progress: @escaping @Sendable (String) -> Void = { _ in },
        finished: @escaping @Sendable (ImportReport) -> Void = { _ in }
    ) async throws -> [ImportReport] {
        guard let calendar = ZonedCalendar(identifier: options.timeZone) else {
            throw ImportFailure.usage("unknown time zone \"\(options.timeZone)\"")
        }
        if options.from.hasPrefix("sqlite:") {
            guard let raw = options.tenantID else { throw ImportFailure.usage("--tenant-id is required with a SQLite source") }
            let data = try await OriginalSQLiteReader.read(
                path: String(options.from.dropFirst("sqlite:".count)), logger: dependencies.logger)
            let report = try await importTenant(data, id: try tenantID(raw), calendar: calendar, options: options, progress: progress)
            finished(report)
            return [report]
        }
        guard options.allSchemas != (options.schema != nil) else { throw ImportFailure.usage("name one --schema, or --all-schemas") }
        if options.allSchemas, options.tenantID != nil {
            throw ImportFailure.usage("--tenant-id names one tenant; with --all-schemas each schema is its own")
        }
        return try await OriginalPostgresReader.withReader(url: options.from, logger: dependencies.logger) { reader in
            let schemas: [String]
            if let schema = options.schema {
                schemas = [schema]
            } else {
                guard try await reader.hasPlatformSchema() else { throw OriginalReadError.noPlatformSchema }
                schemas = try await reader.clientSchemas()
            }
            var reports: [ImportReport] = []
            for (index, schema) in schemas.enumerated() {
                progress("schema \(index + 1)/\(schemas.count) \(schema)")
                let data = try await reader.read(schema: schema)
                if options.allSchemas, data.client == nil {
                    var report = ImportReport(tenant: schema, source: data.source)
                    report.conflicts.append(
                        "no master_bot.clients row has this schema's super admin as admin_telegram_id; import it with --schema and --tenant-id"
                    )
                    reports.append(report)
                    finished(report)
                    continue
                }
                let report = try await importTenant(
                    data, id: try tenantID(options.tenantID ?? schema), calendar: calendar, options: options, progress: progress)
                reports.append(report)
                finished(report)
            }
            return reports
        }
    }

    private func tenantID(_ raw: String) throws -> TenantID {
        guard let id = TenantID(raw) else { throw ImportFailure.usage(ProvisioningError.invalidID(raw).description) }
        return id
    }

    /// With several servers: the dependencies of the server holding `id`, or (when it is new and will be created)
    /// of the server a new tenant goes to.
    private func home(of id: TenantID, creating: Bool) async throws -> AppDependencies {
        let here = dependencies.serving(id)
        guard creating, dependencies.placement != nil, try await here.stores.tenants.tenant(id) == nil else { return here }
        return try await dependencies.placingNew(id)
    }

    private func importTenant(
        _ data: OriginalTenantData, id: TenantID, calendar: ZonedCalendar, options: ImportOptions,
        progress: @escaping @Sendable (String) -> Void
    ) async throws -> ImportReport {
        let dependencies = try await home(of: id, creating: !options.dryRun)
        let stores = dependencies.stores
        let now = dependencies.now()
        var existing = try await stores.tenants.tenant(id)
        var tenantNotes: [String] = []
        var created: TenantImport?
        if existing == nil {
            let new = try TenantImport(data: data, id: id, options: options, now: now)
            tenantNotes = new.notes
            if !options.dryRun {
                let provisioner = TenantProvisioner(
                    stores: stores, botAPI: dependencies.botAPI, vault: dependencies.vault, now: dependencies.now)
                existing = try await provisioner.addImported(
                    new.request, botUsername: new.botUsername, status: new.status, statusReason: new.statusReason)
            }
            created = new
        }
        let name = existing?.profile.name ?? created?.request.name ?? id.rawValue
        let texts = Texts.standard
        let mapper = ImportMapper(
            tenant: id, masterName: name, calendar: calendar, currency: existing?.profile.currency ?? "RUB",
            language: existing?.profile.defaultLanguage ?? "ru", now: now,
            checkTemplate: { key, template in TextKey(rawValue: key).flatMap { texts.validate(template, for: $0) }.map { "\($0)" } })
        let plan = mapper.map(data)
        var report: ImportReport
        if existing == nil {
            // A dry run of a tenant that does not exist yet: everything would be new.
            report = plan.report
            report.dryRun = true
            report.written =
                1 + plan.services.count + plan.customers.count + plan.bookings.count + plan.feedback.count + plan.admins.count
                + plan.blocks.count + plan.texts.count + plan.audit.count
        } else {
            let writer = ImportWriter(stores: stores, unitOfWork: dependencies.unitOfWork) { booking, service, masterName, context in
                guard let record = try await context.stores.tenants.tenant(id) else { return 0 }
                let texts = Texts.standard.applying(try await context.stores.textOverrides.textOverrides(id))
                let result = ImportedBookingMessages.result(
                    for: booking, service: service, masterName: masterName, tenant: TenantContext(record: record), texts: texts, now: now)
                try await context.record(result, tenant: id, at: now)
                return result.scheduled.count
            }
            report = try await writer.write(plan, tenant: id, masterName: name, dryRun: options.dryRun, progress: progress)
        }
        report.notes = tenantNotes + report.notes
        if created != nil {
            report.notes.insert(
                options.dryRun ? "tenant \(id) would be created" : "tenant \(id) created (token sealed, not checked with Telegram)", at: 0)
        }
        if !report.dryRun, report.written > 0 {
            try await stores.tenants.appendOperatorAudit(
                OperatorAuditEntry(
                    at: now, actor: options.actor, tenant: id, action: "tenant.import",
                    detail: (["source: \(data.source); written \(report.written), unchanged \(report.unchanged)"] + tenantNotes).joined(
                        separator: "; ")))
        }
        return report
    }
}
