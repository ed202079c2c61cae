import Foundation

/// Telegram's `parse_mode: HTML` reduced to what a chat shows: the plain text, or a 400 like Telegram's.
///
/// Supported tags are Telegram's (b, strong, i, em, u, ins, s, strike, del, span, tg-spoiler, a, tg-emoji,
/// code, pre, blockquote); `&lt; &gt; &amp; &quot;` and numeric entities are decoded. A `<` that opens no
/// supported tag fails the way Telegram does, which catches unescaped user input.
enum HTMLText {
    private static let tags: Set<String> = [
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "tg-emoji", "code",
        "pre", "blockquote",
    ]
    private static let entities: [String: Character] = ["lt": "<", "gt": ">", "amp": "&", "quot": "\""]

    /// The text without markup.
    static func plainText(_ html: String) throws(BotAPIFailure) -> String {
        var output = ""
        var open: [String] = []
        var index = html.startIndex
        func offset(_ position: String.Index) -> Int { html.utf8.distance(from: html.startIndex, to: position) }
        while index < html.endIndex {
            let character = html[index]
            if character == "<" {
                guard let close = html[index...].firstIndex(of: ">") else {
                    throw .badRequest("can't parse entities: Unclosed start tag at byte offset \(offset(index))")
                }
                let inside = html[html.index(after: index)..<close]
                if inside.hasPrefix("/") {
                    let name = inside.dropFirst().trimmingCharacters(in: .whitespaces).lowercased()
                    guard let last = open.last, last == name else {
                        throw .badRequest(
                            "can't parse entities: Unmatched end tag at byte offset \(offset(index)), expected \"</\(open.last ?? "")>\", found \"</\(name)>\""
                        )
                    }
                    open.removeLast()
                } else {
                    let name = String(inside.prefix { !$0.isWhitespace && $0 != "/" }).lowercased()
                    guard tags.contains(name) else {
                        throw .badRequest("can't parse entities: Unsupported start tag \"\(name)\" at byte offset \(offset(index))")
                    }
                    open.append(name)
                }
                index = html.index(after: close)
            } else if character == "&", let (decoded, next) = entity(in: html, at: index) {
                output.append(decoded)
                index = next
            } else {
                output.append(character)
                index = html.index(after: index)
            }
        }
        if let unclosed = open.last {
            throw .badRequest("can't parse entities: Can't find end tag corresponding to start tag \"\(unclosed)\"")
        }
        return output
    }

    /// Decodes a named or numeric entity starting at `start` ("&"), if it is one.
    private static func entity(in html: String, at start: String.Index) -> (Character, String.Index)? {
        let rest = html[html.index(after: start)...].prefix(12)
        guard let semicolon = rest.firstIndex(of: ";") else { return nil }
        let name = String(rest[..<semicolon])
        let next = html.index(after: semicolon)
        if let named = entities[name] { return (named, next) }
        var scalarValue: UInt32?
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            scalarValue = UInt32(name.dropFirst(2), radix: 16)
        } else if name.hasPrefix("#") {
            scalarValue = UInt32(name.dropFirst())
        }
        guard let scalarValue, let scalar = Unicode.Scalar(scalarValue) else { return nil }
        return (Character(scalar), next)
    }
}
