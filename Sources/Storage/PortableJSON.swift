/// The canonical text of a JSON value, so that the same content reads the same from SQLite's text and PostgreSQL's
/// jsonb (which reorders keys, drops whitespace and writes `/` unescaped): object keys sorted by their UTF-8 bytes,
/// no whitespace, strings escaped minimally, integers as written and other numbers as Swift prints the Double.
public enum PortableJSON {
    /// Nesting deeper than this is refused (hostile archives).
    public static let maxDepth = 64

    /// The canonical form of `text`; throws `StorageError.corrupt` when it is not JSON.
    public static func canonical(_ text: String) throws -> String {
        var parser = Parser(bytes: Array(text.utf8))
        var out = ""
        try parser.value(into: &out, depth: 0)
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw StorageError.corrupt("JSON: trailing characters") }
        return out
    }

    struct Parser {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        mutating func fail(_ what: String) -> StorageError { .corrupt("JSON: \(what) at byte \(index)") }

        mutating func value(into out: inout String, depth: Int) throws {
            guard depth < PortableJSON.maxDepth else { throw fail("nesting too deep") }
            skipSpace()
            guard index < bytes.count else { throw fail("unexpected end") }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var members: [(key: String, value: String)] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    index += 1
                } else {
                    while true {
                        skipSpace()
                        let key = try string()
                        skipSpace()
                        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
                        index += 1
                        var member = ""
                        try value(into: &member, depth: depth + 1)
                        members.append((key, member))
                        skipSpace()
                        guard index < bytes.count else { throw fail("unexpected end") }
                        if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                        guard bytes[index] == UInt8(ascii: "}") else { throw fail("expected '}'") }
                        index += 1
                        break
                    }
                }
                // jsonb keeps the last of duplicate keys; so do we.
                var byKey: [String: String] = [:]
                for member in members { byKey[member.key] = member.value }
                out += "{"
                out += byKey.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
                    .map { PortableJSON.quoted($0) + ":" + byKey[$0]! }.joined(separator: ",")
                out += "}"
            case UInt8(ascii: "["):
                index += 1
                var elements: [String] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                    index += 1
                } else {
                    while true {
                        var element = ""
                        try value(into: &element, depth: depth + 1)
                        elements.append(element)
                        skipSpace()
                        guard index < bytes.count else { throw fail("unexpected end") }
                        if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                        guard bytes[index] == UInt8(ascii: "]") else { throw fail("expected ']'") }
                        index += 1
                        break
                    }
                }
                out += "[" + elements.joined(separator: ",") + "]"
            case UInt8(ascii: "\""):
                out += PortableJSON.quoted(try string())
            case UInt8(ascii: "t"): try literal("true", into: &out)
            case UInt8(ascii: "f"): try literal("false", into: &out)
            case UInt8(ascii: "n"): try literal("null", into: &out)
            default: out += try number()
            }
        }

        mutating func literal(_ word: String, into out: inout String) throws {
            let word = Array(word.utf8)
            guard index + word.count <= bytes.count, Array(bytes[index..<index + word.count]) == word else { throw fail("bad literal") }
            index += word.count
            out += String(decoding: word, as: UTF8.self)
        }

        mutating func number() throws -> String {
            let start = index
            while index < bytes.count, "+-.0123456789eE".utf8.contains(bytes[index]) { index += 1 }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            guard !text.isEmpty else { throw fail("unexpected character") }
            if !text.contains(where: { ".eE".contains($0) }), let integer = Int64(text) { return String(integer) }
            guard let double = Double(text), double.isFinite else { throw fail("bad number") }
            if double == double.rounded(), abs(double) < 1e15 { return String(Int64(double)) }
            return String(double)
        }

        mutating func string() throws -> String {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a string") }
            index += 1
            var scalars = String.UnicodeScalarView()
            var run: [UInt8] = []
            func flush() {
                scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars)
                run.removeAll(keepingCapacity: true)
            }
            while true {
                guard index < bytes.count else { throw fail("unterminated string") }
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "\"") { break }
                guard byte == UInt8(ascii: "\\") else {
                    guard byte >= 0x20 else { throw fail("control character in a string") }
                    run.append(byte)
                    continue
                }
                flush()
                guard index < bytes.count else { throw fail("unterminated escape") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(Unicode.Scalar(escape))
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var unit = try hex4()
                    if (0xD800..<0xDC00).contains(unit), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                        bytes[index + 1] == UInt8(ascii: "u")
                    {
                        index += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw fail("bad surrogate pair") }
                        unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(unit) else { throw fail("bad \\u escape") }
                    scalars.append(scalar)
                default: throw fail("bad escape")
                }
            }
            flush()
            return String(scalars)
        }

        mutating func hex4() throws -> UInt32 {
            guard index + 4 <= bytes.count, let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
            else { throw fail("bad \\u escape") }
            index += 4
            return value
        }
    }

    /// A string as canonical JSON: `"` and `\` escaped, control characters as `\uXXXX` (or their short escapes).
    public static func quoted(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
