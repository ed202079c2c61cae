import BookingCore
import Foundation
import TelegramBotAPI

/// `zapis tenant show|edit|suspend|resume|delete|purge|set-token|audit`: the operator's lifecycle commands.
extension Commands {
    /// Who runs a CLI command, for the operator audit: `cli:<unix user>`.
    public static func cliActor(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        "cli:" + (environment["SUDO_USER"] ?? environment["USER"] ?? environment["LOGNAME"] ?? "uid\(getuid())")
    }

    /// `tenant show`: the tenant's fields (never its token) and its latest operator audit entries.
    public static func showTenant(_ rawID: String, configuration: AppConfiguration) async throws -> [String] {
        try await withLifecycle(configuration, actor: cliActor(), tenant: rawID) { lifecycle, dependencies in
            let id = try tenantID(rawID)
            let record = try await lifecycle.show(id)
            let p = record.profile
            let readable = (try? dependencies.vault.open(record.encryptedToken)) != nil
            var lines = [
                "id: \(p.id)", "name: \(p.name)", "status: \(p.status.rawValue)\(record.statusReason.isEmpty ? "" : " (\(record.statusReason))")",
                "status changed: \(record.statusChangedAt.map { "\($0)" } ?? "never")", "bot: \(record.botID) @\(record.botUsername)",
                "token: \(readable ? "readable" : "token_unreadable")", "owner: \(record.ownerID.rawValue)", "time zone: \(p.timeZone)",
                "language: \(p.defaultLanguage)", "currency: \(p.currency)", "address: \(p.address)", "contact: \(p.contact)",
                "created: \(record.createdAt)", "operator audit (newest first):",
            ]
            lines += try await dependencies.stores.tenants.operatorAudit(tenant: id, limit: 10).map(auditLine)
            return lines
        }
    }

    /// `tenant edit`.
    public static func editTenant(_ rawID: String, _ edit: TenantEdit, configuration: AppConfiguration) async throws -> String {
        try await withLifecycle(configuration, actor: cliActor(), tenant: rawID) { lifecycle, _ in
            guard !edit.isEmpty else { return "nothing to change" }
            let record = try await lifecycle.edit(try tenantID(rawID), edit)
            return "edited \(record.id)"
        }
    }

    /// `tenant suspend`.
    public static func suspendTenant(_ rawID: String, reason: String, cancelReminders: Bool, configuration: AppConfiguration) async throws -> String {
        try await withLifecycle(configuration, actor: cliActor(), tenant: rawID) { lifecycle, _ in
            let (record, cancelled) = try await lifecycle.suspend(try tenantID(rawID), reason: reason, cancelReminders: cancelReminders)
            return "suspended \(record.id)" + (cancelReminders ? "; \(cancelled) scheduled reminders cancelled" : "; reminders of existing bookings still go out")
        }
    }

    /// `tenant resume`.
    public static func resumeTenant(_ rawID: String, configuration: AppConfiguration) async throws -> String {
        try await withLifecycle(configuration, actor: cliActor(), tenant: rawID) { lifecycle, _ in
            "resumed \(try await lifecycle.resume(try tenantID(rawID)).id)"
        }
    }

    /// `tenant delete`: stops serving now; the data is purged after the grace period, or at once with `purgeNow`
    /// (confirmed by the caller).
    public static func deleteTenant(_ rawID: String, reason: String, purgeNow: Bool, configuration: AppConfiguration) async throws -> String {
        try await withLifecycle(configuration, actor: cliActor(), tenant: rawID) { lifecycle, _ in
            let id = try tenantID(rawID)
            let record = try await lifecycle.show(id)
            if record.profile.status != .deleted { _ = try await lifecycle.delete(id, reason: reason) }
            if purgeNow {
                try await lifecycle.purgeNow(id)
                return "deleted and purged \(id)"
            }
            return "deleted \(id): not served any more; its data is purged after \(configuration.deleteGraceDays) days (`zapis tenant resume` restores it until then)"
        }
    }

    /// `tenant purge`: purges the tenants whose grace period is over (what `serve` does every purge interval).
    public static func purgeTenants(configuration: AppConfiguration) async throws -> [String] {
        try await withLifecycle(configuration, actor: cliActor()) { _, all in
            var purged: [String] = []
            for dependencies in all.everyServer {
                let lifecycle = TenantLifecycle(dependencies: dependencies, actor: cliActor())
                purged += try await lifecycle.purgeExpired(grace: Double(configuration.deleteGraceDays) * 86_400).map { "purged \($0)" }
            }
            return purged
        }
    }

    /// `tenant set-token`: stores the new token and, with a public URL, points the bot's webhook here.
    public static func setTenantToken(_ rawID: String, token: String, newBot: Bool, configuration: AppConfiguration) async throws -> String {
        try await withLifecycle(configuration, actor: cliActor(), tenant: rawID) { lifecycle, dependencies in
            let record = try await lifecycle.setToken(try tenantID(rawID), token: token, newBot: newBot)
            if let url = configuration.webhookURL(for: record.id, boundPort: configuration.port) {
                let secret = dependencies.vault.webhookSecret(for: record.id, version: record.createdAt)
                _ = try await dependencies.botAPI.call(
                    SetWebhook(url: url, secretToken: secret, allowedUpdates: TenantRunner.allowedUpdates), token: BotToken(token))
            }
            return "token of \(record.id) replaced (@\(record.botUsername))"
        }
    }

    /// `tenant audit`: the operator audit, newest first.
    public static func operatorAudit(_ rawID: String?, limit: Int, configuration: AppConfiguration) async throws -> [String] {
        try await withLifecycle(configuration, actor: cliActor(), tenant: rawID) { _, dependencies in
            try await dependencies.stores.tenants.operatorAudit(tenant: try rawID.map(tenantID), limit: limit).map(auditLine)
        }
    }

    static func auditLine(_ entry: OperatorAuditEntry) -> String {
        "\(entry.at)\t\(entry.actor)\t\(entry.tenant?.rawValue ?? "-")\t\(entry.action)\t\(entry.detail)"
    }

    static func tenantID(_ raw: String) throws -> TenantID {
        guard let id = TenantID(raw) else { throw LifecycleError.unknownTenant(raw) }
        return id
    }

    /// Runs `body` with the lifecycle over the dependencies of the server holding `tenant` (the primary's without one).
    private static func withLifecycle<T: Sendable>(
        _ configuration: AppConfiguration, actor: String, tenant: String? = nil,
        _ body: @Sendable (TenantLifecycle, AppDependencies) async throws -> T
    ) async throws -> T {
        try await LiveDependencies.withRunning(configuration, logger: LiveDependencies.logger(configuration)) { all in
            let dependencies = tenant.flatMap(TenantID.init).map { all.serving($0) } ?? all
            return try await body(TenantLifecycle(dependencies: dependencies, actor: actor), dependencies)
        }
    }
}
