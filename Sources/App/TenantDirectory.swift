import BookingCore
import BotFlows
import Storage
import TelegramBotAPI

/// A tenant ready to serve: its context, decrypted token and webhook secret.
public struct ActiveTenant: Sendable {
    /// Profile, rules and zone.
    public var context: TenantContext
    /// The bot token (kept only in memory).
    public var token: BotToken
    /// Expected X-Telegram-Bot-Api-Secret-Token.
    public var webhookSecret: String

    /// Tenant id.
    public var id: TenantID { context.id }
}

/// The tenants this process serves, read from the tenant store and cached; refreshed periodically.
public actor TenantDirectory {
    private let store: any TenantStore
    private let vault: TokenVault
    private var cache: [TenantID: ActiveTenant] = [:]
    /// The record each cached tenant was activated from: an unchanged record is not decrypted again.
    private var records: [TenantID: TenantRecord] = [:]

    /// Creates an empty directory over `store`.
    public init(store: any TenantStore, vault: TokenVault) {
        self.store = store
        self.vault = vault
    }

    /// One tenant; looked up in the store when not cached (so a tenant added elsewhere is served at once).
    public func tenant(_ id: TenantID) async throws -> ActiveTenant? {
        if let cached = cache[id] { return cached }
        guard let record = try await store.tenant(id) else { return nil }
        let active = try Self.activate(record, vault: vault)
        cache[id] = active
        records[id] = record
        return active
    }

    /// Re-reads every tenant; returns them. Only new or changed records are decrypted, and that work runs off the
    /// directory, which keeps answering lookups meanwhile (with 10,000 tenants a full pass took long enough to stall
    /// every webhook behind it).
    @discardableResult
    public func reload() async throws -> [ActiveTenant] {
        let all = try await store.allTenants()
        let known = records
        let changed = all.filter { known[$0.id] != $0 }
        let activated = try await Self.activateAll(changed, vault: vault)
        var fresh: [TenantID: ActiveTenant] = [:]
        var freshRecords: [TenantID: TenantRecord] = [:]
        for record in all {
            guard let active = activated[record.id] ?? cache[record.id] else { continue }
            fresh[record.id] = active
            freshRecords[record.id] = record
        }
        (cache, records) = (fresh, freshRecords)
        return fresh.values.sorted { $0.id < $1.id }
    }

    @concurrent
    private static func activateAll(_ records: [TenantRecord], vault: TokenVault) async throws -> [TenantID: ActiveTenant] {
        var activated: [TenantID: ActiveTenant] = [:]
        for record in records { activated[record.id] = try activate(record, vault: vault) }
        return activated
    }

    private static func activate(_ record: TenantRecord, vault: TokenVault) throws -> ActiveTenant {
        ActiveTenant(
            context: TenantContext(record: record), token: BotToken(try vault.open(record.encryptedToken)),
            webhookSecret: vault.webhookSecret(for: record.id))
    }
}
