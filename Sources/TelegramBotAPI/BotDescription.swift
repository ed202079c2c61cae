/// `setMyDescription`: the text shown in an empty chat with the bot ("What can this bot do?"), per language.
public struct SetMyDescription: BotMethod, Equatable, Decodable {
    public typealias Response = Bool
    public static let name = "setMyDescription"
    /// Telegram's limit, in characters.
    public static let maxLength = 512
    /// The text (empty: remove the description of that language).
    public var description: String
    /// Two-letter language code; nil: the default for every language without its own.
    public var languageCode: String?

    enum CodingKeys: String, CodingKey {
        case description
        case languageCode = "language_code"
    }

    /// Creates the call.
    public init(description: String, languageCode: String?) {
        self.description = description
        self.languageCode = languageCode
    }
}

/// `setMyShortDescription`: the text on the bot's profile page and in shared links, per language.
public struct SetMyShortDescription: BotMethod, Equatable, Decodable {
    public typealias Response = Bool
    public static let name = "setMyShortDescription"
    /// Telegram's limit, in characters.
    public static let maxLength = 120
    /// The text (empty: remove the short description of that language).
    public var shortDescription: String
    /// Two-letter language code; nil: the default.
    public var languageCode: String?

    enum CodingKeys: String, CodingKey {
        case shortDescription = "short_description"
        case languageCode = "language_code"
    }

    /// Creates the call.
    public init(shortDescription: String, languageCode: String?) {
        self.shortDescription = shortDescription
        self.languageCode = languageCode
    }
}
