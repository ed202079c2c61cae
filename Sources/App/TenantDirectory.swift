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

    /// Creates an empty directory over `store`.
    public init(store: any TenantStore, vault: TokenVault) {
        self.store = store
        self.vault = vault
    }

    /// One tenant; looked up in the store when not cached (so a tenant added elsewhere is served at once).
    public func tenant(_ id: TenantID) async throws -> ActiveTenant? {
        if let cached = cache[id] { return cached }
        guard let record = try await store.tenant(id) else { return nil }
        let active = try activate(record)
        cache[id] = active
        return active
    }

    /// Re-reads every tenant; returns them.
    @discardableResult
    public func reload() async throws -> [ActiveTenant] {
        var fresh: [TenantID: ActiveTenant] = [:]
        for record in try await store.allTenants() { fresh[record.id] = try activate(record) }
        cache = fresh
        return fresh.values.sorted { $0.id < $1.id }
    }

    private func activate(_ record: TenantRecord) throws -> ActiveTenant {
        ActiveTenant(
            context: TenantContext(record: record), token: BotToken(try vault.open(record.encryptedToken)),
            webhookSecret: vault.webhookSecret(for: record.id))
    }
}
