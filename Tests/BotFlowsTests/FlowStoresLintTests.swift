import Foundation
import Testing

/// Each flow receives only the stores it uses (issue 16): the whole `FlowEnvironment` and the `Stores` bundle appear
/// only in the composition roots, and every flow's stored properties are store protocols, the clock, or the flows it
/// calls. Checked on the sources, so a flow that starts reaching for the bundle fails here, not in review.
@Suite("Flow stores lint")
struct FlowStoresLintTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/BotFlows")

    /// The files that may hold or read the whole environment: the routers, the two places that build the flows, and the
    /// Mini App's entry (which builds the customer flows as the chat's router does).
    static func isCompositionRoot(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent
        return ["FlowEnvironment.swift", "CustomerFlows.swift", "Admin/AdminFlows.swift", "MiniAppFlow.swift"].contains(path)
            || (name.hasPrefix("CustomerBot") && !path.contains("/"))
            // The platform bots' routers are the roots of their own bots, as CustomerBot is of a tenant's.
            || path.hasPrefix("Platform/SalesBot") || path.hasPrefix("Platform/OperatorBot")
    }

    /// Every Swift file of BotFlows, by path relative to it, with `//` comments removed (doc comments may say "stores").
    static func sources() throws -> [(path: String, code: [Substring])] {
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return try files.filter { $0.pathExtension == "swift" }.map { file in
            let path = String(file.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            return (path, lines.map { line in line.range(of: "//").map { line[..<$0.lowerBound] } ?? line })
        }.sorted { $0.path < $1.path }
    }

    @Test func onlyCompositionRootsSeeTheEnvironmentOrTheStoresBundle() throws {
        let banned = try Regex(#"\b(FlowEnvironment|Stores|stores|environment)\b"#)
        let sources = try Self.sources()
        #expect(sources.count > 50, "found \(sources.count) files under \(Self.root.path)")
        var offenders: [String] = []
        for (path, code) in sources where !Self.isCompositionRoot(path) {
            for (number, line) in code.enumerated() where line.contains(banned) {
                offenders.append("\(path):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(offenders.isEmpty, "outside the composition roots:\n\(offenders.joined(separator: "\n"))")
        // The roots are where the rule says: renaming them must not silently turn this lint off.
        let roots = sources.filter { Self.isCompositionRoot($0.path) }.map(\.path)
        for expected in ["CustomerBot.swift", "CustomerFlows.swift", "Admin/AdminFlows.swift", "FlowEnvironment.swift"] {
            #expect(roots.contains(expected), "missing composition root \(expected)")
        }
    }

    @Test func flowsStoreOnlyStoresTheClockAndSubFlows() throws {
        // What a flow may store: a store protocol, the clock, a flow it calls (held by value; the graph is a tree), or the
        // sealer of owners' secrets (a capability as narrow as the clock).
        let allowedType = #/any \w+(Store|Log)|@Sendable \(\) -> Date|\w+Flow|AdminNotifier|CustomerNotice|AdminSession|SecretSealer\?/#
        let header = #/^struct (\w+(Flow|Notifier|Notice)|AdminSession|BusinessAdminRouter)\b/#
        let stored = #/^    (?:private )?(?:let|var) (\w+): ([^{=]+)$/#
        var checked: [String] = []
        var offenders: [String] = []
        for (path, code) in try Self.sources() {
            var current: String?
            for line in code {
                if let match = try header.prefixMatch(in: line) {
                    current = String(match.1)
                    checked.append(String(match.1))
                } else if line.hasPrefix("}") {
                    current = nil
                } else if let flow = current, line.hasPrefix("    "), !line.hasPrefix("     "),
                    line.contains(#/^    (?:private )?(?:let|var) /#), !line.contains("static "), !line.contains("{")
                {
                    // A stored property (a computed one, with its body in braces, holds nothing).
                    let type = (try stored.wholeMatch(in: line)).map { String($0.2).trimmingCharacters(in: .whitespaces) }
                    if type.map({ (try? allowedType.wholeMatch(in: $0)) == nil }) ?? true {
                        offenders.append("\(path): \(flow) holds \(line.trimmingCharacters(in: .whitespaces))")
                    }
                }
            }
        }
        #expect(checked.count >= 20, "checked only \(checked.sorted())")
        #expect(checked.contains("BookingFlow") && checked.contains("ScheduleAdminFlow") && checked.contains("AdminSession"))
        #expect(offenders.isEmpty, "\(offenders.joined(separator: "\n"))")
    }
}
