import Foundation

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

    /// Encodes the bytes as base64 (an outbox row; the upload itself is multipart), not as an array of numbers.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(chatID, forKey: .chatID)
        try container.encode(fileName, forKey: .fileName)
        try container.encode(mimeType, forKey: .mimeType)
        try container.encode(Data(contents).base64EncodedString(), forKey: .contents)
        try container.encodeIfPresent(caption, forKey: .caption)
    }

    /// Reads base64 contents, or the array of numbers rows written by earlier versions hold.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        chatID = try container.decode(Int64.self, forKey: .chatID)
        fileName = try container.decode(String.self, forKey: .fileName)
        mimeType = try container.decode(String.self, forKey: .mimeType)
        caption = try container.decodeIfPresent(String.self, forKey: .caption)
        if let base64 = try? container.decode(String.self, forKey: .contents) {
            guard let data = Data(base64Encoded: base64) else {
                throw DecodingError.dataCorruptedError(forKey: .contents, in: container, debugDescription: "contents are not base64")
            }
            contents = Array(data)
        } else {
            contents = try container.decode([UInt8].self, forKey: .contents)
        }
    }
}
