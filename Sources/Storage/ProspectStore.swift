import BookingCore
import Foundation

/// Where a purchase in the sales bot stands.
public enum ProspectStatus: String, Sendable, Codable, CaseIterable {
    /// Ordered: the payment row exists, not paid yet (a new order of the same buyer for the same bot replaces it).
    case ordered
    /// Paid (committed with the payment's application): the tenant is to be provisioned, retried until it is.
    case paid
    /// The tenant serves and the buyer was told.
    case provisioned
}

/// A buyer's order in the sales bot: everything the tenant to be needs, stored before the payment (table
/// `prospects`), so a payment that succeeds after the buyer left still provisions it.
public struct Prospect: Sendable, Equatable {
    /// The tenant to be (`bot<bot id>`: one per bot, so the same bot cannot be bought twice).
    public var tenant: TenantID
    /// The buyer's Telegram user (their private chat with the sales bot has the same id); the tenant's owner.
    public var buyer: UserID
    /// The buyer's language, `ru` or `en`: the tenant's default and the language the buyer is answered in.
    public var language: String
    /// The business name.
    public var businessName: String
    /// The tenant's IANA zone.
    public var timeZone: String
    /// The bot's id (from getMe).
    public var botID: Int64
    /// The bot's username (from getMe).
    public var botUsername: String
    /// The bot token, sealed by the token vault.
    public var encryptedToken: [UInt8]
    /// The plan bought.
    public var plan: PlanCode
    /// Where it stands.
    public var status: ProspectStatus = .ordered
    /// Failed provisioning attempts.
    public var attempts = 0
    /// The last provisioning failure.
    public var lastError = ""
    /// When ordered.
    public var createdAt: Date
    /// When last changed.
    public var updatedAt: Date

    /// The tenant id a bot gets when bought in the sales bot.
    public static func tenantID(forBot botID: Int64) -> TenantID? { TenantID("bot\(max(0, botID))") }

    /// Creates a prospect.
    public init(
        tenant: TenantID, buyer: UserID, language: String, businessName: String, timeZone: String, botID: Int64, botUsername: String,
        encryptedToken: [UInt8], plan: PlanCode, status: ProspectStatus = .ordered, attempts: Int = 0, lastError: String = "",
        createdAt: Date, updatedAt: Date? = nil
    ) {
        self.tenant = tenant
        self.buyer = buyer
        self.language = language
        self.businessName = businessName
        self.timeZone = timeZone
        self.botID = botID
        self.botUsername = botUsername
        self.encryptedToken = encryptedToken
        self.plan = plan
        self.status = status
        self.attempts = attempts
        self.lastError = lastError
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }
}

/// Orders of the sales bot (part of the billing store: an order is paid in the payment's transaction).
public protocol ProspectStore: Sendable {
    /// Stores an order: new, or replacing an unpaid order of the same buyer for the same tenant. False (nothing
    /// written) when the tenant id is another buyer's order or paid already.
    func saveProspect(_ prospect: Prospect) async throws -> Bool
    /// The order for `tenant`, or nil.
    func prospect(_ tenant: TenantID) async throws -> Prospect?
    /// Marks an ordered prospect paid; false when there is none or it was paid before.
    func markProspectPaid(_ tenant: TenantID, at: Date) async throws -> Bool
    /// Paid prospects not provisioned yet, oldest first; at most `limit`.
    func prospectsToProvision(limit: Int) async throws -> [Prospect]
    /// Marks a paid prospect provisioned; false when it is not paid (another instance finished it).
    func finishProspect(_ tenant: TenantID, at: Date) async throws -> Bool
    /// Records a failed provisioning attempt; returns the attempts so far.
    func prospectFailed(_ tenant: TenantID, error: String, at: Date) async throws -> Int
}
