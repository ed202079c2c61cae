import Foundation

/// A customer as the tenant knows them.
public struct CustomerProfile: Hashable, Sendable {
    /// Telegram user.
    public var userID: UserID
    /// Private chat.
    public var chatID: ChatID
    /// First name.
    public var firstName: String
    /// Username, if any.
    public var username: String?
    /// Client language code.
    public var languageCode: String?

    /// Creates a profile.
    public init(userID: UserID, chatID: ChatID, firstName: String, username: String?, languageCode: String?) {
        self.userID = userID
        self.chatID = chatID
        self.firstName = firstName
        self.username = username
        self.languageCode = languageCode
    }
}
