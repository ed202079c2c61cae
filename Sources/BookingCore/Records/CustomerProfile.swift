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
    /// Phone in E.164 ("+79123456789"): shared by the customer as a contact, or typed by an admin for a client booked
    /// by phone. Nil when unknown; an upsert with nil keeps the stored one.
    public var phone: String?

    /// Creates a profile.
    public init(userID: UserID, chatID: ChatID, firstName: String, username: String?, languageCode: String?, phone: String? = nil) {
        self.userID = userID
        self.chatID = chatID
        self.firstName = firstName
        self.username = username
        self.languageCode = languageCode
        self.phone = phone
    }
}
