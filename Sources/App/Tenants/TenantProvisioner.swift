import BookingCore
import BotFlows
import Foundation
import Storage
import TelegramBotAPI

/// Why a tenant could not be added.
public enum ProvisioningError: Error, Equatable, CustomStringConvertible {
    /// The id does not match `[a-z][a-z0-9_]{2,39}` or is reserved.
    case invalidID(String)
    /// The zone is not an IANA zone this system knows.
    case invalidTimeZone(String)
    /// The token is not shaped like a bot token.
    case malformedToken
    /// Telegram (or the configured Bot API server) refused the token.
    case tokenRejected(String)
    /// The id is taken.
    case duplicate(String)

    public var description: String {
        switch self {
        case .invalidID(let id): "invalid tenant id \"\(id)\": use 3–40 of a-z, 0-9, _ starting with a letter (not a reserved name)"
        case .invalidTimeZone(let zone): "unknown time zone \"\(zone)\""
        case .malformedToken: "the bot token is malformed (expected <digits>:<secret>)"
        case .tokenRejected(let why): "the Bot API refused the token: \(why)"
        case .duplicate(let id): "tenant \"\(id)\" exists already"
        }
    }
}

/// Adds tenants: validates id, zone and token (getMe), seals the token and creates the first master.
public struct TenantProvisioner: Sendable {
    let stores: Stores
    let botAPI: any BotAPIClient
    let vault: TokenVault
    let now: @Sendable () -> Date

    /// Creates a provisioner.
    public init(stores: Stores, botAPI: any BotAPIClient, vault: TokenVault, now: @escaping @Sendable () -> Date) {
        self.stores = stores
        self.botAPI = botAPI
        self.vault = vault
        self.now = now
    }

    /// What a new tenant needs.
    public struct Request: Sendable {
        /// Tenant id.
        public var id: String
        /// Business name.
        public var name: String
        /// Bot token.
        public var token: String
        /// Owner's Telegram user id.
        public var ownerID: Int64
        /// IANA zone.
        public var timeZone: String = "Europe/Moscow"
        /// Address text.
        public var address: String = ""
        /// Contact text.
        public var contact: String = ""

        /// Creates a request.
        public init(id: String, name: String, token: String, ownerID: Int64, timeZone: String = "Europe/Moscow", address: String = "", contact: String = "") {
            self.id = id
            self.name = name
            self.token = token
            self.ownerID = ownerID
            self.timeZone = timeZone
            self.address = address
            self.contact = contact
        }
    }

    /// Validates and stores the tenant with one master working the default hours, on the trial plan; with `actor`,
    /// the operator audit records who created it, in the same transaction as the tenant row.
    public func add(_ request: Request, actor: String? = nil) async throws -> TenantRecord {
        let (id, token) = try await validate(request)
        let me = try await checkToken(token)
        let record = try await store(request, id: id, token: token, botID: me.id, botUsername: me.username ?? "", actor: actor)
        // A new tenant starts on the trial plan (an imported one keeps serving as it did until the operator bills it).
        let days = try await stores.billing.plans().first { $0.code == .trial }?.periodDays ?? 7
        _ = try await stores.billing.startSubscription(.trial(id, days: days, at: record.createdAt))
        return record
    }

    /// Stores the reserved row of a platform bot (`PlatformBot`): active, without a subscription (it never expires).
    public func addPlatformBot(_ bot: PlatformBot, token raw: String, ownerID: Int64) async throws -> TenantRecord {
        let request = Request(id: bot.tenantID.rawValue, name: "Zapis \(bot.rawValue)", token: raw, ownerID: ownerID)
        let (id, token) = try await validate(request, platform: true)
        let me = try await checkToken(token)
        return try await store(request, id: id, token: token, botID: me.id, botUsername: me.username ?? "", status: .active, actor: "zapis:platform")
    }

    private func checkToken(_ token: BotToken) async throws -> User {
        let me: User
        do {
            me = try await botAPI.call(GetMe(), token: token)
        } catch {
            throw ProvisioningError.tokenRejected("\(error)")
        }
        return me
    }

    /// Stores a tenant imported from the original bot the same way, without asking Telegram: the original's token may
    /// be dead by now (a dead one shows as a refused send, and `set-token` replaces it). The bot id is the token's
    /// numeric prefix (what Telegram's ids are), the username what the original recorded.
    public func addImported(_ request: Request, botUsername: String, status: TenantStatus, statusReason: String) async throws -> TenantRecord {
        let (id, token) = try await validate(request)
        let botID = token.rawValue.split(separator: ":").first.flatMap { InputBounds.integer($0, in: InputBounds.ids) } ?? 0
        return try await store(request, id: id, token: token, botID: botID, botUsername: botUsername, status: status, statusReason: statusReason)
    }

    private func validate(_ request: Request, platform: Bool = false) async throws -> (TenantID, BotToken) {
        // `zapis_…` ids are the platform bots' rows: never a business's.
        guard let id = TenantID(request.id), platform == PlatformBot.isReserved(request.id) else { throw ProvisioningError.invalidID(request.id) }
        guard TimeZone(identifier: request.timeZone) != nil else { throw ProvisioningError.invalidTimeZone(request.timeZone) }
        let token = BotToken(request.token)
        guard token.isWellFormed else { throw ProvisioningError.malformedToken }
        if try await stores.tenants.tenant(id) != nil { throw ProvisioningError.duplicate(id.rawValue) }
        return (id, token)
    }

    private func store(
        _ request: Request, id: TenantID, token: BotToken, botID: Int64, botUsername: String, status: TenantStatus = .trial, statusReason: String = "",
        actor: String? = nil
    ) async throws -> TenantRecord {
        let profile = TenantProfile(
            id: id, name: request.name, timeZone: request.timeZone, address: request.address, contact: request.contact, status: status)
        let record = TenantRecord(
            profile: profile, encryptedToken: try vault.seal(token.rawValue), botID: botID, botUsername: botUsername,
            ownerID: UserID(request.ownerID), createdAt: now(), statusReason: statusReason, statusChangedAt: status == .trial ? nil : now())
        do {
            let audit = actor.map {
                OperatorAuditEntry(at: record.createdAt, actor: $0, tenant: id, action: "tenant.create", detail: "bot: \(botID) @\(botUsername)")
            }
            try await stores.tenants.insertTenant(record, audit: audit)
        } catch StorageError.duplicate {
            throw ProvisioningError.duplicate(id.rawValue)
        }
        _ = try await stores.catalog.saveMaster(Master(id: MasterID(0), name: request.name), tenant: id)
        return record
    }
}
