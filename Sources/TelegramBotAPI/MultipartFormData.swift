import Foundation

/// A multipart/form-data body (RFC 7578) with text fields and file parts.
struct MultipartFormData: Sendable {
    /// One part of the form.
    struct Part: Sendable {
        /// Form field name.
        var name: String
        /// File name, for file parts.
        var fileName: String?
        /// Content type, for file parts.
        var contentType: String?
        /// The part's bytes.
        var body: [UInt8]
    }

    /// Separates the parts; never occurs inside them with any practical likelihood.
    var boundary: String
    /// The parts in order.
    var parts: [Part] = []

    /// Creates an empty form with a random boundary.
    init(boundary: String = "zapis-" + UUID().uuidString) { self.boundary = boundary }

    /// The Content-Type header value.
    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    /// Adds a text field.
    mutating func append(_ name: String, _ value: String) {
        parts.append(Part(name: name, body: Array(value.utf8)))
    }

    /// Adds a file part.
    mutating func append(_ name: String, fileName: String, contentType: String, bytes: [UInt8]) {
        parts.append(Part(name: name, fileName: fileName, contentType: contentType, body: bytes))
    }

    /// The encoded body.
    func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(parts.reduce(256) { $0 + $1.body.count + 160 })
        for part in parts {
            out += Array("--\(boundary)\r\n".utf8)
            var disposition = "Content-Disposition: form-data; name=\"\(Self.quoted(part.name))\""
            if let fileName = part.fileName { disposition += "; filename=\"\(Self.quoted(fileName))\"" }
            out += Array("\(disposition)\r\n".utf8)
            if let contentType = part.contentType { out += Array("Content-Type: \(contentType)\r\n".utf8) }
            out += Array("\r\n".utf8)
            out += part.body
            out += Array("\r\n".utf8)
        }
        out += Array("--\(boundary)--\r\n".utf8)
        return out
    }

    /// Escapes a header parameter value the way browsers do (RFC 7578 §4.2): quotes and line breaks.
    static func quoted(_ value: String) -> String {
        value.replacingOccurrences(of: "\"", with: "%22").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }
}

/// A Bot API method that must be uploaded as multipart/form-data instead of JSON.
protocol MultipartBotMethod: Sendable {
    /// The form to send.
    func multipartForm() -> MultipartFormData
}

extension SendDocument: MultipartBotMethod {
    /// chat_id, optional caption, and the file part named "document".
    func multipartForm() -> MultipartFormData {
        var form = MultipartFormData()
        form.append("chat_id", String(chatID))
        if let caption { form.append("caption", caption) }
        form.append("document", fileName: fileName, contentType: mimeType, bytes: contents)
        return form
    }
}
