import Foundation
import Logging

/// Writes each log event as one JSON object on one line (`ZAPIS_LOG_FORMAT=json`): `timestamp` (UTC, ISO 8601 with
/// milliseconds), `level`, `label`, `message`, `source`, and `metadata` (the logger's, the metadata provider's and the
/// call's, as an object: `tenant`, `update`, `request_id` where known). Keys are sorted, so lines diff well.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level = .info
    /// The logger's label.
    public let label: String
    private let write: @Sendable (String) -> Void
    private let now: @Sendable () -> Date

    /// A handler that hands each line (with its newline) to `write`; by default standard error, one write per line.
    public init(
        label: String, metadataProvider: Logger.MetadataProvider? = nil, now: @escaping @Sendable () -> Date = { Date() },
        write: @escaping @Sendable (String) -> Void = JSONLogHandler.standardError
    ) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.now = now
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get(), !provided.isEmpty { merged.merge(provided) { $1 } }
        if let own = event.metadata, !own.isEmpty { merged.merge(own) { $1 } }
        if let error = event.error { merged["error"] = merged["error"] ?? .string("\(error)") }
        var line = "{\"label\":"
        Self.appendQuoted(label, to: &line)
        line += ",\"level\":\""
        line += event.level.rawValue
        line += "\",\"message\":"
        Self.appendQuoted(event.message.description, to: &line)
        line += ",\"metadata\":"
        Self.append(.dictionary(merged), to: &line)
        line += ",\"source\":"
        Self.appendQuoted(event.source, to: &line)
        line += ",\"timestamp\":\""
        line += now().formatted(Self.timestampStyle)
        line += "\"}\n"
        write(line)
    }

    /// Writes `line` to standard error in one call, so lines from concurrent loggers do not interleave.
    @Sendable public static func standardError(_ line: String) {
        FileHandle.standardError.write(Data(line.utf8))
    }

    private static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC")!)

    private static func append(_ value: Logger.MetadataValue, to line: inout String) {
        switch value {
        case .string(let text): appendQuoted(text, to: &line)
        case .stringConvertible(let convertible): appendQuoted(convertible.description, to: &line)
        case .array(let values):
            line += "["
            for (index, element) in values.enumerated() {
                if index > 0 { line += "," }
                append(element, to: &line)
            }
            line += "]"
        case .dictionary(let fields):
            line += "{"
            for (index, key) in fields.keys.sorted().enumerated() {
                if index > 0 { line += "," }
                appendQuoted(key, to: &line)
                line += ":"
                append(fields[key]!, to: &line)
            }
            line += "}"
        }
    }

    /// Appends `text` as a JSON string: quotes, backslashes and control characters escaped.
    static func appendQuoted(_ text: String, to line: inout String) {
        line += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": line += "\\\""
            case "\\": line += "\\\\"
            case "\n": line += "\\n"
            case "\r": line += "\\r"
            case "\t": line += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                line += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: line.unicodeScalars.append(scalar)
            }
        }
        line += "\""
    }
}
