import Foundation

/// A tenant as the platform stores it: profile, rules, encrypted token and bot identity.
public struct TenantRecord: Hashable, Sendable {
    /// The business description.
    public var profile: TenantProfile
    /// Booking rules.
    public var policies: Policies
    /// The bot token sealed with AES-GCM (nonce + ciphertext + tag).
    public var encryptedToken: [UInt8]
    /// The bot's Telegram user id.
    public var botID: Int64
    /// The bot's username without @.
    public var botUsername: String
    /// The Telegram user who owns the business (first admin).
    public var ownerID: UserID
    /// When the tenant was provisioned.
    public var createdAt: Date

    /// Creates a record.
    public init(
        profile: TenantProfile, policies: Policies = .init(), encryptedToken: [UInt8], botID: Int64, botUsername: String, ownerID: UserID,
        createdAt: Date
    ) {
        self.profile = profile
        self.ownerID = ownerID
        self.policies = policies
        self.encryptedToken = encryptedToken
        self.botID = botID
        self.botUsername = botUsername
        self.createdAt = createdAt
    }

    /// The tenant id.
    public var id: TenantID { profile.id }
}
