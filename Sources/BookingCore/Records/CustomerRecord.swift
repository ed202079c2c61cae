import Foundation

/// A customer with what the tenant knows about them.
public struct CustomerRecord: Hashable, Sendable {
    /// Who they are.
    public var profile: CustomerProfile
    /// First contact.
    public var firstSeen: Date
    /// Since when messages to them fail because they blocked the bot, if they did.
    public var unreachableSince: Date?

    /// Creates a record.
    public init(profile: CustomerProfile, firstSeen: Date, unreachableSince: Date? = nil) {
        self.profile = profile
        self.firstSeen = firstSeen
        self.unreachableSince = unreachableSince
    }
}
