import Crypto
import Foundation

/// The `initData` a Telegram Mini App receives, validated as Telegram specifies: the pairs other than `hash`,
/// sorted by key and joined with `\n`, signed with HMAC-SHA256 under HMAC-SHA256(key: "WebAppData", bot token).
/// Only a validated value exists, so the user in it can be trusted as far as Telegram is.
public struct WebAppInitData: Sendable, Equatable {
    /// The user who opened the app, from the signed data only.
    public let user: User
    /// When Telegram signed the data.
    public let authDate: Date
    /// Every signed field, decoded (`hash` excluded).
    public let fields: [String: String]

    /// Why initData was refused; all of them mean 401 to a caller.
    public enum Failure: Error, Equatable, Sendable {
        /// Empty, oversize, not a query string, or a key given twice.
        case malformed
        /// No `hash`, or not the hash of these fields under this bot's token.
        case badHash
        /// No usable `auth_date`.
        case missingAuthDate
        /// Signed longer ago than allowed, or in the future beyond clock skew.
        case stale
        /// No `user`, or one that is not a Telegram user object with a valid id.
        case missingUser
    }

    /// Longest initData accepted; Telegram's are well under 1 KB, with a photo URL and signature about 1.5 KB.
    public static let maxBytes = 8 * 1024
    /// At most this many fields.
    public static let maxFields = 32
    /// How far in the future `auth_date` may be (clock skew between Telegram and us).
    public static let allowedSkew: TimeInterval = 300

    /// Validates `raw` against `botToken`: the hash first (constant-time), then the age at `now`, then the user.
    public static func validate(_ raw: String, botToken: String, now: Date, maxAge: TimeInterval) throws(Failure) -> WebAppInitData {
        guard !raw.isEmpty, raw.utf8.count <= maxBytes else { throw .malformed }
        var fields: [String: String] = [:]
        var hash: String?
        let pairs = raw.split(separator: "&", omittingEmptySubsequences: true)
        guard pairs.count <= maxFields else { throw .malformed }
        for pair in pairs {
            guard let equals = pair.firstIndex(of: "="), let key = decode(pair[..<equals]),
                let value = decode(pair[pair.index(after: equals)...]),
                !key.isEmpty
            else { throw .malformed }
            if key == "hash" {
                guard hash == nil else { throw .malformed }
                hash = value
            } else {
                guard fields[key] == nil else { throw .malformed }
                fields[key] = value
            }
        }
        guard let hash, WebhookSecret.matches(hash.lowercased(), expected: signature(of: fields, botToken: botToken)) else {
            throw .badHash
        }
        guard let text = fields["auth_date"], text.utf8.count <= 12, let seconds = Int64(text), seconds > 0 else { throw .missingAuthDate }
        let signed = Date(timeIntervalSince1970: Double(seconds))
        guard now.timeIntervalSince(signed) <= maxAge, signed.timeIntervalSince(now) <= allowedSkew else { throw .stale }
        guard let json = fields["user"], let web = try? JSONDecoder().decode(WebAppUser.self, from: Data(json.utf8)),
            (1...(Int64(1) << 53)).contains(web.id), !web.firstName.isEmpty || web.username != nil
        else { throw .missingUser }
        let user = User(
            id: web.id, isBot: web.isBot ?? false, firstName: String(web.firstName.prefix(256)),
            lastName: web.lastName.map { String($0.prefix(256)) },
            username: web.username.map { String($0.prefix(64)) }, languageCode: web.languageCode.map { String($0.prefix(16)) })
        return WebAppInitData(user: user, authDate: signed, fields: fields)
    }

    /// Signs `fields` as Telegram does and returns the query string with `hash` (for the sandbox and tests).
    public static func sign(_ fields: [String: String], botToken: String) -> String {
        let query = fields.keys.sorted().map { "\(encode($0))=\(encode(fields[$0]!))" }
        return (query + ["hash=\(signature(of: fields, botToken: botToken))"]).joined(separator: "&")
    }

    /// The initData Telegram would give `user` at `authDate` (for the sandbox and tests).
    public static func sign(user: User, authDate: Date, botToken: String, queryID: String? = nil) -> String {
        let web = WebAppUser(
            id: user.id, isBot: nil, firstName: user.firstName, lastName: user.lastName, username: user.username,
            languageCode: user.languageCode)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(web)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        let seconds = Int64(authDate.timeIntervalSince1970.rounded(.down))  // bounded: a clock's date (sandbox, tests)
        var fields = ["user": json, "auth_date": String(seconds)]
        if let queryID { fields["query_id"] = queryID }
        return sign(fields, botToken: botToken)
    }

    /// Lowercase hex HMAC-SHA256 of the data-check-string under the key derived from `botToken`.
    static func signature(of fields: [String: String], botToken: String) -> String {
        let check = fields.keys.sorted().map { "\($0)=\(fields[$0]!)" }.joined(separator: "\n")
        let secret = HMAC<SHA256>.authenticationCode(for: Data(botToken.utf8), using: SymmetricKey(data: Data("WebAppData".utf8)))
        let mac = HMAC<SHA256>.authenticationCode(for: Data(check.utf8), using: SymmetricKey(data: Data(secret)))
        return mac.map { String(format: "%02x", $0) }.joined()
    }

    /// Percent-decodes one component (`+` is a space, as in a form-encoded query).
    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// RFC 3986 unreserved characters (ASCII only: `alphanumerics` would let Cyrillic through unencoded).
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// Percent-encodes one component: everything but unreserved characters.
    private static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// The user object of initData (`is_bot` is usually absent there).
    private struct WebAppUser: Codable {
        var id: Int64
        var isBot: Bool?
        var firstName: String
        var lastName: String?
        var username: String?
        var languageCode: String?

        enum CodingKeys: String, CodingKey {
            case id
            case isBot = "is_bot"
            case firstName = "first_name"
            case lastName = "last_name"
            case username
            case languageCode = "language_code"
        }
    }
}
