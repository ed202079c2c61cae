/// Splits a text too long for one message into parts that each fit, at the most natural boundary available.
///
/// Lines are kept whole where they fit (parts break between lines, the newline dropped); a single line longer
/// than the limit breaks after a space, and a single word longer than the limit between graphemes (a grapheme
/// longer than the limit, which no real text has, between Unicode scalars). A UTF-16 surrogate pair is never
/// split. Blank lines at the start of a part and parts that would be only whitespace (Telegram refuses an empty
/// text) are left out; nothing else is lost.
public enum TextSplitter {
    /// The parts of `text`, each at most `limit` UTF-16 units; `[text]` itself when it fits.
    public static func split(_ text: String, limit requested: Int = MessageLimits.maxTextLength) -> [String] {
        let limit = max(2, requested)  // a part must hold any scalar (a surrogate pair is 2 units)
        guard MessageLimits.length(text) > limit else { return [text] }
        var parts: [String] = []
        var current = ""
        var used = 0
        func flush() {
            if !current.allSatisfy(\.isWhitespace) { parts.append(current) }
            current = ""
            used = 0
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let size = MessageLimits.length(line)
            if used == 0, current.isEmpty {
                if line.allSatisfy(\.isWhitespace), !parts.isEmpty { continue }
            } else if used + 1 + size <= limit {
                current += "\n" + line
                used += 1 + size
                continue
            } else {
                flush()
                if line.allSatisfy(\.isWhitespace) { continue }
            }
            if size <= limit {
                current = String(line)
                used = size
            } else {
                var pieces = splitLine(line, limit: limit)
                current = pieces.removeLast()
                used = MessageLimits.length(current)
                parts += pieces.filter { !$0.allSatisfy(\.isWhitespace) }
            }
        }
        flush()
        return parts
    }

    /// A line longer than `limit` in pieces that each fit: after spaces where possible (the space stays at the end
    /// of its piece), so the pieces joined give the line back.
    static func splitLine(_ line: Substring, limit: Int) -> [String] {
        var pieces: [String] = []
        var current = ""
        var used = 0
        for word in words(line) {
            let size = MessageLimits.length(word)
            if used + size <= limit {
                current += word
                used += size
                continue
            }
            if used > 0 { pieces.append(current) }
            current = ""
            used = 0
            if size <= limit {
                current = String(word)
                used = size
                continue
            }
            for character in word {
                let units = character.utf16.count
                if units > limit {
                    // A grapheme longer than a whole message: split it between scalars, never inside a surrogate pair.
                    for scalar in character.unicodeScalars {
                        let scalarUnits = UTF16.width(scalar)
                        if used + scalarUnits > limit {
                            pieces.append(current)
                            current = ""
                            used = 0
                        }
                        current.unicodeScalars.append(scalar)
                        used += scalarUnits
                    }
                    continue
                }
                if used + units > limit {
                    pieces.append(current)
                    current = ""
                    used = 0
                }
                current.append(character)
                used += units
            }
        }
        if used > 0 || pieces.isEmpty { pieces.append(current) }
        return pieces
    }

    /// The words of `line`, each with the spaces that follow it.
    private static func words(_ line: Substring) -> [Substring] {
        var result: [Substring] = []
        var start = line.startIndex
        var index = line.startIndex
        while index < line.endIndex {
            let next = line.index(after: index)
            if line[index] == " ", next == line.endIndex || line[next] != " " {
                result.append(line[start..<next])
                start = next
            }
            index = next
        }
        if start < line.endIndex { result.append(line[start...]) }
        return result
    }
}
