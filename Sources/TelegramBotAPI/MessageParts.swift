/// The origin of a forwarded message (`MessageOrigin`): `user` carries the sender; `hidden_user` only a name (the
/// sender hides their account in forwards); `chat` and `channel` name a chat (not modelled here).
public struct MessageOrigin: Codable, Sendable, Equatable {
    /// "user", "hidden_user", "chat" or "channel".
    public var type: String
    /// Unix time the original was sent.
    public var date: Int64
    /// The sender, for type "user".
    public var senderUser: User?
    /// The sender's name, for type "hidden_user".
    public var senderUserName: String?

    enum CodingKeys: String, CodingKey {
        case type, date
        case senderUser = "sender_user"
        case senderUserName = "sender_user_name"
    }

    /// Creates an origin.
    public init(type: String, date: Int64, senderUser: User? = nil, senderUserName: String? = nil) {
        self.type = type
        self.date = date
        self.senderUser = senderUser
        self.senderUserName = senderUserName
    }
}

/// A phone contact shared in a message.
public struct Contact: Codable, Sendable, Equatable {
    /// The phone number as Telegram sends it (digits, sometimes with "+").
    public var phoneNumber: String
    /// The contact's first name.
    public var firstName: String
    /// The contact's Telegram user, when known (the sender's own contact carries the sender's id).
    public var userID: Int64?

    enum CodingKeys: String, CodingKey {
        case phoneNumber = "phone_number"
        case firstName = "first_name"
        case userID = "user_id"
    }

    /// Creates a contact.
    public init(phoneNumber: String, firstName: String, userID: Int64? = nil) {
        self.phoneNumber = phoneNumber
        self.firstName = firstName
        self.userID = userID
    }
}
