import BookingCore
import BotFlows
import Logging
import Storage
import TelegramBotAPI

/// A tenant ready to serve: its context, decrypted token and webhook secret.
public struct ActiveTenant: Sendable {
    /// Profile, rules and zone.
    public var context: TenantContext
    /// The bot token (kept only in memory).
    public var token: BotToken
    /// The X-Telegram-Bot-Api-Secret-Token to register.
    public var webhookSecret: String
    /// Every secret a webhook may carry (the registered one first; see `TokenVault.acceptedWebhookSecrets`).
    public var acceptedWebhookSecrets: [String]

    /// Tenant id.
    public var id: TenantID { context.id }

    public init(context: TenantContext, token: BotToken, webhookSecret: String, acceptedWebhookSecrets: [String]? = nil) {
        self.context = context
        self.token = token
        self.webhookSecret = webhookSecret
        self.acceptedWebhookSecrets = acceptedWebhookSecrets ?? [webhookSecret]
    }
}

/// The tenants this process serves, read from the tenant store and cached; refreshed periodically.
public actor TenantDirectory {
    private let store: any TenantStore
    private var vault: TokenVault
    /// Read again when a token does not open: a key rotation made beside this process (see `KeySource`).
    private let keySource: KeySource?
    private var cache: [TenantID: ActiveTenant] = [:]
    /// The record each cached tenant was activated from: an unchanged record is not decrypted again.
    private var records: [TenantID: TenantRecord] = [:]
    /// Tenants whose token does not open with this process's key, with the record that failed (re-tried when it
    /// changes): skipped and reported; every other tenant serves.
    private var unreadableRecords: [TenantID: TenantRecord] = [:]
    /// Ids looked up and not found, with when: answered without the store for `negativeTTL` (a flood of made-up
    /// tenant ids costs no SQL). Bounded; cleared by a reload.
    private var missing: [TenantID: ContinuousClock.Instant] = [:]
    private let logger: Logger
    /// How long an id that was not found is answered from memory.
    static let negativeTTL: Duration = .seconds(10)
    /// Most ids remembered as missing.
    static let negativeCapacity = 10_000

    /// Creates an empty directory over `store`.
    public init(store: any TenantStore, vault: TokenVault, keySource: KeySource? = nil, logger: Logger = Logger(label: "zapis.tenants")) {
        self.store = store
        self.vault = vault
        self.keySource = keySource
        self.logger = logger
    }

    /// Every tenant by status as of the last `reload()` (all statuses, served or not): the `zapis_tenants` gauge.
    public private(set) var statusCounts: [TenantStatus: Int] = [:]

    /// Tenants skipped because their token does not open with this key (`token_unreadable`).
    public var unreadable: [TenantID] { unreadableRecords.keys.sorted() }

    /// One tenant; looked up in the store when not cached (so a tenant added elsewhere is served at once). Nil for an
    /// unknown tenant and for one whose token this process cannot read.
    public func tenant(_ id: TenantID) async throws -> ActiveTenant? {
        if let cached = cache[id] { return cached }
        if unreadableRecords[id] != nil { return nil }
        if let since = missing[id], ContinuousClock.now - since < Self.negativeTTL { return nil }
        // A deleted tenant is not served (its data waits for the purge): as unknown as one never added.
        guard let record = try await store.tenant(id), record.profile.status != .deleted else {
            if missing.count >= Self.negativeCapacity { missing.removeAll() }
            missing[id] = .now
            return nil
        }
        missing[id] = nil
        // A token that does not open may be sealed under a key a rotation beside this process introduced.
        guard let active = (try? Self.activate(record, vault: vault)) ?? (reloadKeys() ? try? Self.activate(record, vault: vault) : nil) else {
            markUnreadable(record)
            return nil
        }
        cache[id] = active
        records[id] = record
        return active
    }

    /// Re-reads every tenant; returns those that can serve. Only new or changed records are decrypted, and that work
    /// runs off the directory, which keeps answering lookups meanwhile (with 10,000 tenants a full pass took long
    /// enough to stall every webhook behind it). A record whose token does not open is skipped and reported.
    @discardableResult
    public func reload() async throws -> [ActiveTenant] {
        let stored = try await store.allTenants()
        var counts: [TenantStatus: Int] = [:]
        for record in stored { counts[record.profile.status, default: 0] += 1 }
        statusCounts = counts
        let all = stored.filter { $0.profile.status != .deleted }
        let known = records
        let failedBefore = unreadableRecords
        let changed = all.filter { known[$0.id] != $0 && failedBefore[$0.id] != $0 }
        let used = vault
        var (activated, failed) = await Self.activateAll(changed, vault: used)
        // Keys read again meanwhile (by a lookup) count as well as keys read again now.
        if !failed.isEmpty, reloadKeys() || vault.fingerprint != used.fingerprint || vault.otherFingerprints != used.otherFingerprints {
            // A rotation beside this process re-sealed tokens under a key it reads now.
            let (more, stillFailed) = await Self.activateAll(Array(failed.values), vault: vault)
            activated.merge(more) { $1 }
            failed = stillFailed
        }
        var fresh: [TenantID: ActiveTenant] = [:]
        var freshRecords: [TenantID: TenantRecord] = [:]
        var stillUnreadable: [TenantID: TenantRecord] = [:]
        for record in all {
            if let active = activated[record.id] ?? (known[record.id] == record ? cache[record.id] : nil) {
                fresh[record.id] = active
                freshRecords[record.id] = record
            } else if failed[record.id] != nil || failedBefore[record.id] == record {
                stillUnreadable[record.id] = record
            }
        }
        for record in failed.values { markUnreadable(record) }
        (cache, records, unreadableRecords) = (fresh, freshRecords, stillUnreadable)
        missing.removeAll()
        return fresh.values.sorted { $0.id < $1.id }
    }

    /// Reads the keys again from their source; true when they changed (and `vault` with them).
    @discardableResult
    private func reloadKeys() -> Bool {
        guard let keySource else { return false }
        do {
            // Never creates a key file: a key file that went missing while serving is not replaced by a new key.
            guard let fresh = try keySource.loadExisting(),
                fresh.fingerprint != vault.fingerprint || fresh.otherFingerprints != vault.otherFingerprints else { return false }
            logger.notice(
                "master keys changed", metadata: ["primary": "\(fresh.fingerprint)", "others": "\(fresh.otherFingerprints)"])
            vault = fresh
            return true
        } catch {
            logger.error("cannot read the master keys again", metadata: ["error": "\(error)"])
            return false
        }
    }

    private func markUnreadable(_ record: TenantRecord) {
        if unreadableRecords[record.id] != record {
            logger.error(
                "tenant skipped: its bot token does not open with this master key (token_unreadable); other tenants are served",
                metadata: ["tenant": "\(record.id)"])
        }
        unreadableRecords[record.id] = record
    }

    @concurrent
    private static func activateAll(_ records: [TenantRecord], vault: TokenVault) async -> ([TenantID: ActiveTenant], [TenantID: TenantRecord]) {
        var activated: [TenantID: ActiveTenant] = [:]
        var failed: [TenantID: TenantRecord] = [:]
        for record in records {
            if let active = try? activate(record, vault: vault) { activated[record.id] = active } else { failed[record.id] = record }
        }
        return (activated, failed)
    }

    private static func activate(_ record: TenantRecord, vault: TokenVault) throws -> ActiveTenant {
        ActiveTenant(
            context: TenantContext(record: record), token: BotToken(try vault.open(record.encryptedToken)),
            webhookSecret: vault.webhookSecret(for: record.id, version: record.createdAt),
            acceptedWebhookSecrets: vault.acceptedWebhookSecrets(for: record.id, version: record.createdAt))
    }
}
