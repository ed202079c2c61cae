import Foundation

/// A file part of a multipart upload.
struct UploadedFile: Sendable, Equatable {
    /// The part's filename.
    var fileName: String
    /// The part's Content-Type.
    var contentType: String?
    /// The bytes.
    var bytes: [UInt8]
}

/// The parameters of one Bot API request, whether sent as JSON, query string, form or multipart.
///
/// Like Telegram, every accessor accepts a typed JSON value or its string form ("123", "true", "{…}").
struct BotAPIParameters: Sendable {
    /// Named values.
    var values: [String: JSONValue] = [:]
    /// Uploaded files by field name.
    var files: [String: UploadedFile] = [:]

    /// A text parameter; numbers and booleans are given in their JSON spelling.
    func string(_ key: String) -> String? {
        switch values[key] {
        case .string(let value): value
        case .int(let value): String(value)
        case .double(let value): String(value)
        case .bool(let value): String(value)
        default: nil
        }
    }

    /// An integer parameter; a value that is not an integer is a 400.
    func int64(_ key: String) throws(BotAPIFailure) -> Int64? {
        switch values[key] {
        case nil, .null: return nil
        case .int(let value): return value
        case .string(let text):
            guard let value = Int64(text.trimmingCharacters(in: .whitespaces)) else {
                throw .badRequest("invalid \(key) specified")
            }
            return value
        default: throw .badRequest("invalid \(key) specified")
        }
    }

    /// A required integer parameter; absent → 400 "<key> is empty".
    func requiredInt64(_ key: String) throws(BotAPIFailure) -> Int64 {
        guard let value = try int64(key) else { throw .badRequest("\(key) is empty") }
        return value
    }

    /// A boolean parameter ("true"/"false"/"1"/"0" accepted in forms).
    func bool(_ key: String) -> Bool? {
        switch values[key] {
        case .bool(let value): value
        case .int(let value): value != 0
        case .string(let text): ["true", "1"].contains(text.lowercased())
        default: nil
        }
    }

    /// A structured parameter; a string is parsed as JSON (forms send objects that way).
    func json(_ key: String) -> JSONValue? {
        switch values[key] {
        case nil, .null: return nil
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("{") || trimmed.hasPrefix("[") else { return .string(text) }
            return try? JSONDecoder().decode(JSONValue.self, from: Data(trimmed.utf8))
        case let value?: return value
        }
    }

    /// Decodes a structured parameter into `type`; failure is a 400 with `failure` as the reason.
    func decode<T: Decodable>(_ type: T.Type, _ key: String, failure: String) throws(BotAPIFailure) -> T? {
        guard values[key] != nil, values[key] != .null else { return nil }
        guard let value = json(key) else { throw .badRequest(failure) }
        do {
            return try JSONDecoder().decode(T.self, from: JSONEncoder().encode(value))
        } catch {
            throw .badRequest(failure)
        }
    }
}

extension BotAPIParameters {
    /// Collects parameters from the query string and the body, the body winning on conflicts.
    static func parse(query: String?, contentType: String?, body: [UInt8]) throws(BotAPIFailure) -> BotAPIParameters {
        var parameters = BotAPIParameters()
        for (key, value) in FormURLEncoding.decode(query ?? "") { parameters.values[key] = .string(value) }
        let type = contentType?.lowercased() ?? ""
        guard !body.isEmpty else { return parameters }
        if type.hasPrefix("application/json") {
            guard case .object(let members)? = try? JSONDecoder().decode(JSONValue.self, from: Data(body)) else {
                throw .badRequest("can't parse JSON object")
            }
            parameters.values.merge(members) { _, new in new }
        } else if type.hasPrefix("application/x-www-form-urlencoded") {
            for (key, value) in FormURLEncoding.decode(String(decoding: body, as: UTF8.self)) {
                parameters.values[key] = .string(value)
            }
        } else if type.hasPrefix("multipart/form-data") {
            guard let contentType, let parts = MultipartParser.parse(body: body, contentType: contentType) else {
                throw .badRequest("can't parse multipart/form-data body")
            }
            for part in parts {
                if let fileName = part.fileName {
                    parameters.files[part.name] = UploadedFile(fileName: fileName, contentType: part.contentType, bytes: part.body)
                } else {
                    parameters.values[part.name] = .string(String(decoding: part.body, as: UTF8.self))
                }
            }
        }
        return parameters
    }
}

/// application/x-www-form-urlencoded decoding (also used for query strings).
enum FormURLEncoding {
    /// Key/value pairs in order; "+" is a space, percent escapes are decoded.
    static func decode(_ text: String) -> [(String, String)] {
        text.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let rawKey = parts.first, !rawKey.isEmpty else { return nil }
            let rawValue = parts.count > 1 ? parts[1] : ""
            return (unescape(rawKey), unescape(rawValue))
        }
    }

    private static func unescape(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
