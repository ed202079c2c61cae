import Foundation
import Testing

/// The project-wide rule of docs/DECISIONS.md ("Bounded before arithmetic"), checked over the service's sources: no
/// conversion from a floating-point value to an integer that could trap, no `assert`/`precondition` in the layers
/// that handle input, and button fields parsed only through `InputBounds`. A line may opt out with a `// bounded:`
/// comment that says why its value cannot be out of range.
@Suite("Bounded input lint")
struct BoundedInputLintTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The service's layers; the sandbox (a fake), the bench and the fuzzer are tools.
    static let checked = [
        "BookingCore", "TelegramBotAPI", "Storage", "StorageSQLite", "StoragePostgres", "StorageRedis", "Redis", "BotFlows", "App",
    ]
    static let skipped: [String] = []

    static func lines() throws -> [(file: String, number: Int, text: String)] {
        var result: [(String, Int, String)] = []
        for target in checked {
            let directory = root.appendingPathComponent("Sources/\(target)")
            let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
            for file in files where file.pathExtension == "swift" {
                let relative = String(file.path.dropFirst(root.path.count + 1))
                guard !skipped.contains(where: relative.hasPrefix) else { continue }
                let text = try String(contentsOf: file, encoding: .utf8)
                for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    result.append((relative, index + 1, String(line)))
                }
            }
        }
        return result
    }

    @Test func noFloatingPointValueBecomesAnIntegerUnbounded() throws {
        let conversion = /\b(Int|Int64|Int32|UInt64|UInt32)\(.*(rounded|Double\(|timeIntervalSince1970|\* 1000)/
        let offenders = try Self.lines().filter { line in
            line.text.contains(conversion) && !line.text.contains("clamped(to:") && !line.text.contains("// bounded:")
                && !line.text.trimmingCharacters(in: .whitespaces).hasPrefix("//")
        }
        #expect(offenders.isEmpty, "\(offenders.map { "\($0.file):\($0.number): \($0.text.trimmingCharacters(in: .whitespaces))" })")
    }

    @Test func noAssertionGuardsInput() throws {
        let offenders = try Self.lines().filter { line in
            (line.text.contains("assert(") || line.text.contains("precondition(") || line.text.contains("assertionFailure("))
                && !line.text.contains("// bounded:") && !line.text.trimmingCharacters(in: .whitespaces).hasPrefix("//")
        }
        #expect(offenders.isEmpty, "\(offenders.map { "\($0.file):\($0.number)" })")
    }

    @Test func buttonFieldsAreParsedThroughInputBounds() throws {
        let raw = /(Int|Int64|Int32)\((parts|fields|text|data)\b/
        let offenders = try Self.lines().filter { line in
            line.file.hasPrefix("Sources/BotFlows/") && line.text.contains(raw) && !line.text.contains("// bounded:")
        }
        #expect(offenders.isEmpty, "\(offenders.map { "\($0.file):\($0.number): \($0.text.trimmingCharacters(in: .whitespaces))" })")
    }
}
