import Foundation

/// Splits a multipart/form-data body (RFC 7578) into its parts.
enum MultipartParser {
    /// One part of the body.
    struct Part: Sendable {
        /// The form field name.
        var name: String
        /// The filename, for file parts.
        var fileName: String?
        /// The part's Content-Type.
        var contentType: String?
        /// The part's bytes.
        var body: [UInt8]
    }

    /// The parts, or nil when the body or the boundary is malformed.
    static func parse(body: [UInt8], contentType: String) -> [Part]? {
        guard let boundary = parameter("boundary", in: contentType), !boundary.isEmpty else { return nil }
        let delimiter = Array("--\(boundary)".utf8)
        guard var position = firstRange(of: delimiter, in: body, from: 0)?.upperBound else { return nil }
        var parts: [Part] = []
        while true {
            // After a delimiter: "--" ends the body, otherwise CRLF then the part's headers.
            if body[position...].starts(with: Array("--".utf8)) { return parts }
            guard body[position...].starts(with: crlf) else { return nil }
            position += 2
            guard let headerEnd = firstRange(of: crlf + crlf, in: body, from: position),
                let next = firstRange(of: crlf + delimiter, in: body, from: headerEnd.upperBound)
            else { return nil }
            let headers = String(decoding: body[position..<headerEnd.lowerBound], as: UTF8.self)
            guard var part = Self.part(headers: headers) else { return nil }
            part.body = Array(body[headerEnd.upperBound..<next.lowerBound])
            parts.append(part)
            position = next.upperBound
        }
    }

    private static let crlf: [UInt8] = [13, 10]

    private static func part(headers: String) -> Part? {
        var name: String?
        var fileName: String?
        var contentType: String?
        for line in headers.split(separator: "\r\n") {
            let pieces = line.split(separator: ":", maxSplits: 1)
            guard pieces.count == 2 else { continue }
            let value = pieces[1].trimmingCharacters(in: .whitespaces)
            switch pieces[0].lowercased() {
            case "content-disposition":
                name = parameter("name", in: value)
                fileName = parameter("filename", in: value)
            case "content-type": contentType = value
            default: break
            }
        }
        guard let name else { return nil }
        return Part(name: name, fileName: fileName, contentType: contentType, body: [])
    }

    /// A `key=value` or `key="value"` parameter of a header value; `%22` in quoted values is a quote.
    static func parameter(_ key: String, in header: String) -> String? {
        for piece in splitOutsideQuotes(header).dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
                value = value.replacingOccurrences(of: "%22", with: "\"").replacingOccurrences(of: "\\\"", with: "\"")
            }
            return value
        }
        return nil
    }

    /// Splits at semicolons that are not inside a quoted value.
    private static func splitOutsideQuotes(_ header: String) -> [Substring] {
        var pieces: [Substring] = []
        var start = header.startIndex
        var quoted = false
        var index = header.startIndex
        while index < header.endIndex {
            let character = header[index]
            if character == "\"" {
                quoted.toggle()
            } else if character == ";", !quoted {
                pieces.append(header[start..<index])
                start = header.index(after: index)
            }
            index = header.index(after: index)
        }
        pieces.append(header[start...])
        return pieces
    }

    private static func firstRange(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Range<Int>? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        let first = needle[0]
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<index + needle.count].elementsEqual(needle) {
                return index..<index + needle.count
            }
            index += 1
        }
        return nil
    }
}
