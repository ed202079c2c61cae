import BookingCore
import Foundation
import Logging
import Storage
import TelegramBotAPI

/// What the operator does to a tenant: edit, suspend, resume, delete (then purge after a grace period) and replace
/// its token. Each change is stored with its operator audit entry in one transaction.
public struct TenantLifecycle: Sendable {
    let tenants: any TenantStore
    let outbox: any OutboxStore
    let botAPI: any BotAPIClient
    let vault: TokenVault
    let now: @Sendable () -> Date
    /// Who acts, for the audit: `cli:<user>`, `api:<token name>`, `zapis:purge`.
    let actor: String
    let logger: Logger
    /// With several servers: forgets a purged tenant's placement (it counts toward its server's load no more).
    let forgetPlacement: @Sendable (TenantID) async throws -> Void

    /// Creates the lifecycle for `actor` over the service's dependencies.
    public init(dependencies: AppDependencies, actor: String) {
        self.tenants = dependencies.stores.tenants
        self.outbox = dependencies.outbox
        self.botAPI = dependencies.botAPI
        self.vault = dependencies.vault
        self.now = dependencies.now
        self.actor = actor
        self.logger = dependencies.logger
        self.forgetPlacement = { [placement = dependencies.placement] id in try await placement?.primary.removePlacement(id) }
    }

    /// The stored tenant.
    public func show(_ id: TenantID) async throws -> TenantRecord {
        guard let record = try await tenants.tenant(id) else { throw LifecycleError.unknownTenant(id.rawValue) }
        return record
    }

    /// Pauses the bot: customers get the "temporarily unavailable" text, admins keep `/admin` and see `reason`. Every
    /// row is kept; reminders of existing bookings still go out unless `cancelReminders` (they then stay as failed
    /// rows). Returns the record and how many reminders were cancelled.
    public func suspend(_ id: TenantID, reason: String, cancelReminders: Bool) async throws -> (TenantRecord, cancelled: Int) {
        let reason = try Self.bounded(reason, field: "reason")
        let at = now()
        let record = try await change(id, action: "tenant.suspend", detail: cancelReminders ? "reminders cancelled" : "") { record in
            switch record.profile.status {
            case .suspended: throw LifecycleError.already(.suspended)
            case .deleted: throw LifecycleError.notAllowed(.deleted, "suspended (resume restores it)")
            case .trial, .active: break
            }
            record.profile.status = .suspended
            record.statusReason = reason
            record.statusChangedAt = at
        }
        let cancelled = cancelReminders ? try await outbox.withdrawScheduled(tenant: id, after: at, reason: "cancelled: the tenant was suspended") : 0
        return (record, cancelled)
    }

    /// Back to serving (`active`), from suspended, or from deleted while its data is kept (a restore).
    public func resume(_ id: TenantID) async throws -> TenantRecord {
        let at = now()
        return try await change(id, action: "tenant.resume") { record in
            guard record.profile.status == .suspended || record.profile.status == .deleted else { throw LifecycleError.already(record.profile.status) }
            record.profile.status = .active
            record.statusReason = ""
            record.statusChangedAt = at
        }
    }

    /// Stops serving: the webhook is removed (best effort: a revoked token cannot), the tenant answers nothing, and
    /// its data is kept until `purgeExpired` runs after the grace period.
    public func delete(_ id: TenantID, reason: String) async throws -> TenantRecord {
        let reason = try Self.bounded(reason, field: "reason")
        let at = now()
        let record = try await change(id, action: "tenant.delete") { record in
            guard record.profile.status != .deleted else { throw LifecycleError.already(.deleted) }
            record.profile.status = .deleted
            record.statusReason = reason
            record.statusChangedAt = at
        }
        do {
            _ = try await botAPI.call(DeleteWebhook(), token: BotToken(try vault.open(record.encryptedToken)))
        } catch {
            logger.warning("deleteWebhook failed; the tenant is deleted anyway", metadata: ["tenant": "\(id)", "error": "\(error)"])
        }
        return record
    }

    /// Purges every tenant deleted at least `grace` ago; returns their ids. Another instance purging the same tenant
    /// at the same moment is no error.
    public func purgeExpired(grace: TimeInterval) async throws -> [TenantID] {
        let cutoff = now().addingTimeInterval(-grace)
        var purged: [TenantID] = []
        for record in try await tenants.allTenants() where record.profile.status == .deleted {
            guard let since = record.statusChangedAt, since <= cutoff else { continue }
            do {
                try await purge(record, detail: "grace period of \(Int(grace / 86_400)) days over")
                purged.append(record.id)
            } catch StorageError.notFound {
                continue
            }
        }
        return purged
    }

    /// Purges a deleted tenant at once (`--purge-now`, confirmed by the caller).
    public func purgeNow(_ id: TenantID) async throws {
        let record = try await show(id)
        guard record.profile.status == .deleted else { throw LifecycleError.notAllowed(record.profile.status, "purged (delete it first)") }
        try await purge(record, detail: "purged now")
    }

    private func purge(_ record: TenantRecord, detail: String) async throws {
        let deletedAt = record.statusChangedAt.map { "\($0)" } ?? "?"
        try await tenants.purgeTenant(
            record.id, audit: OperatorAuditEntry(at: now(), actor: actor, tenant: record.id, action: "tenant.purge", detail: "\(detail); deleted at \(deletedAt)"))
        try await forgetPlacement(record.id)
        logger.notice("tenant purged", metadata: ["tenant": "\(record.id)"])
    }

    /// Stores `change` with an audit entry; maps a missing tenant to `LifecycleError.unknownTenant`.
    func change(
        _ id: TenantID, action: String, detail: String = "", _ change: @escaping @Sendable (inout TenantRecord) throws -> Void
    ) async throws -> TenantRecord {
        do {
            return try await tenants.updateTenant(id, audit: OperatorAuditEntry(at: now(), actor: actor, tenant: id, action: action, detail: detail), change)
        } catch StorageError.notFound {
            throw LifecycleError.unknownTenant(id.rawValue)
        }
    }

    /// A free text from the operator, bounded (it is shown to owners in one Telegram message).
    static func bounded(_ text: String, field: String, limit: Int = 500) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= limit else { throw LifecycleError.invalidValue(field: field, value: String(trimmed.prefix(40)) + "…") }
        return trimmed
    }
}
