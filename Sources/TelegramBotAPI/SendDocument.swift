/// sendDocument with the file's bytes uploaded as multipart/form-data.
public struct SendDocument: BotMethod, Equatable, Decodable {
    public typealias Response = Message
    public static let name = "sendDocument"
    /// Target chat.
    public var chatID: Int64
    /// File name shown to the user.
    public var fileName: String
    /// MIME type of the file.
    public var mimeType: String
    /// The file's bytes.
    public var contents: [UInt8]
    /// 0–1024 characters.
    public var caption: String?

    enum CodingKeys: String, CodingKey {
        case chatID = "chat_id"
        case fileName = "file_name"
        case mimeType = "mime_type"
        case contents
        case caption
    }

    /// Creates the call.
    public init(chatID: Int64, fileName: String, mimeType: String, contents: [UInt8], caption: String? = nil) {
        self.chatID = chatID
        self.fileName = fileName
        self.mimeType = mimeType
        self.contents = contents
        self.caption = caption
    }
}
