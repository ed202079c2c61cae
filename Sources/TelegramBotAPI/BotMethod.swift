/// A Bot API method: its name in the URL, its JSON parameters (the value itself) and its result type.
public protocol BotMethod: Encodable, Sendable {
    /// What the `result` field of a successful response decodes to.
    associatedtype Response: Decodable & Sendable
    /// The method name, e.g. "sendMessage".
    static var name: String { get }
}

/// A bot's secret token, e.g. "123456:ABC…". Never printed.
public struct BotToken: Hashable, Sendable, CustomStringConvertible {
    /// The raw token.
    public let rawValue: String

    /// Wraps a token.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The numeric bot id before the colon, if the token is well-formed.
    public var botID: Int64? { rawValue.split(separator: ":").first.flatMap { Int64($0) } }

    /// Redacted: tokens never reach logs.
    public var description: String { "BotToken(\(botID.map(String.init) ?? "?"):***)" }

    /// True when the token has Telegram's shape: digits, a colon, then 30+ URL-safe characters.
    public var isWellFormed: Bool {
        let parts = rawValue.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let id = Int64(parts[0]), id > 0 else { return false }
        return parts[1].count >= 30
            && parts[1].unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") }
    }
}

/// The envelope of every Bot API response.
public struct APIResponse<Result: Decodable & Sendable>: Decodable, Sendable {
    /// True on success.
    public var ok: Bool
    /// The result on success.
    public var result: Result?
    /// Human-readable error.
    public var description: String?
    /// HTTP-like error code.
    public var errorCode: Int?
    /// Extra information such as retry_after.
    public var parameters: ResponseParameters?

    enum CodingKeys: String, CodingKey {
        case ok, result, description
        case errorCode = "error_code"
        case parameters
    }
}

/// Why a request failed, with hints to retry.
public struct ResponseParameters: Codable, Sendable, Equatable {
    /// Seconds to wait after a flood-control error.
    public var retryAfter: Int?
    /// The new id of a group migrated to a supergroup.
    public var migrateToChatID: Int64?

    enum CodingKeys: String, CodingKey {
        case retryAfter = "retry_after"
        case migrateToChatID = "migrate_to_chat_id"
    }

    /// Creates parameters.
    public init(retryAfter: Int? = nil, migrateToChatID: Int64? = nil) {
        self.retryAfter = retryAfter
        self.migrateToChatID = migrateToChatID
    }
}

/// A failed Bot API call as a value.
public enum TelegramError: Error, Sendable, Equatable {
    /// 429: flood control; wait this many seconds.
    case retryAfter(Int)
    /// 403: e.g. the bot was blocked by the user.
    case forbidden(String)
    /// 400: a request Telegram refused.
    case badRequest(String)
    /// 401: the token is wrong or revoked.
    case unauthorized(String)
    /// 404: unknown method or token.
    case notFound(String)
    /// 409: e.g. getUpdates while a webhook is set.
    case conflict(String)
    /// Any other error code.
    case other(code: Int, description: String)
    /// The request never got a Bot API answer (network, timeout, undecodable body).
    case transport(String)

    /// Builds the error value from an error response.
    public static func from(code: Int, description: String, parameters: ResponseParameters?) -> TelegramError {
        switch code {
        // Bounded before anyone adds it to a clock: 1 s to 1 h, whatever the server said.
        case 429: return .retryAfter(min(max(parameters?.retryAfter ?? 1, 1), 3_600))
        case 403: return .forbidden(description)
        case 400: return .badRequest(description)
        case 401: return .unauthorized(description)
        case 404: return .notFound(description)
        case 409: return .conflict(description)
        default: return .other(code: code, description: description)
        }
    }

    /// True for "message is not modified", which callers treat as success.
    public var isMessageNotModified: Bool {
        if case .badRequest(let text) = self { return text.contains("message is not modified") }
        return false
    }

    /// True when the user blocked the bot or deleted their account.
    public var isBlockedByUser: Bool {
        if case .forbidden = self { return true }
        return false
    }
}
