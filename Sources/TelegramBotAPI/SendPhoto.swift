/// One size of a photo a user sent (Telegram sends several, largest last).
public struct PhotoSize: Codable, Sendable, Equatable {
    /// Identifier to reuse the file (valid for the bot that received it).
    public var fileID: String
    /// Identifier that stays the same across bots and time (cannot be used to send).
    public var fileUniqueID: String
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int
    /// Size in bytes, when known.
    public var fileSize: Int?

    enum CodingKeys: String, CodingKey {
        case fileID = "file_id"
        case fileUniqueID = "file_unique_id"
        case width, height
        case fileSize = "file_size"
    }

    /// Creates a photo size.
    public init(fileID: String, fileUniqueID: String, width: Int, height: Int, fileSize: Int? = nil) {
        self.fileID = fileID
        self.fileUniqueID = fileUniqueID
        self.width = width
        self.height = height
        self.fileSize = fileSize
    }
}

/// sendPhoto of a photo Telegram already has, by its file_id (Zapis does not upload photos), with an optional
/// caption of at most `MessageLimits.maxCaptionLength`.
public struct SendPhoto: BotMethod, Equatable, Decodable {
    public typealias Response = Message
    public static let name = "sendPhoto"
    /// Target chat.
    public var chatID: Int64
    /// The file_id of a photo this bot received.
    public var photo: String
    /// 0–1024 characters after entity parsing.
    public var caption: String?
    /// Keyboard.
    public var replyMarkup: ReplyMarkup?

    enum CodingKeys: String, CodingKey {
        case chatID = "chat_id"
        case photo, caption
        case replyMarkup = "reply_markup"
    }

    /// Creates the call.
    public init(chatID: Int64, photo: String, caption: String? = nil, replyMarkup: ReplyMarkup? = nil) {
        self.chatID = chatID
        self.photo = photo
        self.caption = caption
        self.replyMarkup = replyMarkup
    }
}
