/// A CSV file as Excel opens it: UTF-8 with a byte order mark, comma-separated, CRLF line ends, RFC 4180 quoting.
struct CSVTable: Equatable, Sendable {
    /// Column names.
    var header: [String]
    /// Rows, each as long as `header`.
    var rows: [[String]]

    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// A cell made safe for spreadsheets: text that Excel would run as a formula gets a leading apostrophe.
    static func safe(_ value: String) -> String {
        guard let first = value.first, "=+-@".contains(first) else { return value }
        return "'" + value
    }

    private static func field(_ value: String) -> String {
        // Scalars, not Characters: "\r\n" is one Character equal to neither "\r" nor "\n".
        guard value.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The file's bytes.
    var bytes: [UInt8] {
        let lines = ([header] + rows).map { $0.map { Self.field($0) }.joined(separator: ",") }
        return Self.byteOrderMark + Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// Parses bytes written by `bytes` (or any RFC 4180 file, BOM optional); nil when a quote is left open.
    static func parse(_ bytes: [UInt8]) -> CSVTable? {
        let body = bytes.starts(with: byteOrderMark) ? Array(bytes.dropFirst(3)) : bytes
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(String(decoding: body, as: UTF8.self))[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else {
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"": quoted = true
            case ",": record.append(field); field = ""
            case "\r\n", "\n":
                record.append(field)
                records.append(record)
                (record, field) = ([], "")
            default: field.append(character)
            }
        }
        guard !quoted else { return nil }
        if !field.isEmpty || !record.isEmpty { records.append(record + [field]) }
        guard let header = records.first else { return nil }
        return CSVTable(header: header, rows: Array(records.dropFirst()))
    }
}
