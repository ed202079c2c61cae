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
    /// Why the operator suspended or deleted it (shown to its owners); empty otherwise.
    public var statusReason: String = ""
    /// When the status last changed (a deleted tenant is purged a grace period after it); nil: never changed.
    public var statusChangedAt: Date?

    /// Creates a record.
    public init(
        profile: TenantProfile, policies: Policies = .init(), encryptedToken: [UInt8], botID: Int64, botUsername: String, ownerID: UserID,
        createdAt: Date, statusReason: String = "", statusChangedAt: Date? = nil
    ) {
        self.statusReason = statusReason
        self.statusChangedAt = statusChangedAt
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

    /// What changed from `old` to this record, for the operator audit: `field: old → new` joined by `; `. The token
    /// is named, never shown.
    public func changes(from old: TenantRecord) -> String {
        var parts: [String] = []
        func note(_ field: String, _ before: String, _ after: String) {
            if before != after { parts.append("\(field): \(before.debugDescription) → \(after.debugDescription)") }
        }
        note("status", old.profile.status.rawValue, profile.status.rawValue)
        note("reason", old.statusReason, statusReason)
        note("name", old.profile.name, profile.name)
        note("time_zone", old.profile.timeZone, profile.timeZone)
        note("language", old.profile.defaultLanguage, profile.defaultLanguage)
        note("currency", old.profile.currency, profile.currency)
        note("address", old.profile.address, profile.address)
        note("contact", old.profile.contact, profile.contact)
        note("map", old.profile.presentation.mapURL, profile.presentation.mapURL)
        for language in Set(old.profile.presentation.descriptions.keys).union(profile.presentation.descriptions.keys).sorted() {
            note("description.\(language)", old.profile.presentation.descriptions[language] ?? "", profile.presentation.descriptions[language] ?? "")
        }
        for language in Set(old.profile.presentation.shortDescriptions.keys).union(profile.presentation.shortDescriptions.keys).sorted() {
            note(
                "short_description.\(language)", old.profile.presentation.shortDescriptions[language] ?? "",
                profile.presentation.shortDescriptions[language] ?? "")
        }
        note("owner", String(old.ownerID.rawValue), String(ownerID.rawValue))
        note("bot", "\(old.botID) @\(old.botUsername)", "\(botID) @\(botUsername)")
        if old.encryptedToken != encryptedToken { parts.append("token: replaced") }
        return parts.joined(separator: "; ")
    }
}
