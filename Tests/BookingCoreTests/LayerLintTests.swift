import Foundation
import Testing

/// The target graph of Package.swift, checked on the sources: each target imports only the targets below it (its
/// allowed set), and packages only where its layer needs them. In particular the service (`App`) never imports the
/// fake Telegram (`TelegramSandbox`), which only the tools (`ZapisTools`) and tests use.
@Suite("Layer lint")
struct LayerLintTests {
    static let ownTargets: Set = [
        "BookingCore", "TelegramBotAPI", "Storage", "StorageSQLite", "StoragePostgres", "Redis", "StorageRedis", "BotFlows",
        "TelegramSandbox", "App", "ZapisTools", "zapis", "Import", "Payments", "YooKassaSandbox",
    ]
    /// Our targets each target may import.
    static let allowed: [String: Set<String>] = [
        "BookingCore": [],
        "TelegramBotAPI": [],
        "Storage": ["BookingCore"],
        "StorageSQLite": ["BookingCore", "Storage"],
        "StoragePostgres": ["BookingCore", "Storage"],
        "Redis": [],
        "StorageRedis": ["BookingCore", "Storage", "Redis"],
        "BotFlows": ["BookingCore", "Storage", "TelegramBotAPI"],
        "TelegramSandbox": ["TelegramBotAPI"],
        "Import": ["BookingCore", "Storage"],
        "Payments": [],
        "YooKassaSandbox": ["Payments"],
        "App": ["BookingCore", "TelegramBotAPI", "Storage", "StorageSQLite", "StoragePostgres", "StorageRedis", "BotFlows", "Import", "Payments"],
        "ZapisTools": [
            "BookingCore", "TelegramBotAPI", "Storage", "StorageSQLite", "StoragePostgres", "BotFlows", "TelegramSandbox", "App", "Payments",
            "YooKassaSandbox",
        ],
        "zapis": ["App", "ZapisTools"],
    ]
    /// Flows and the domain never see a server or a driver.
    static let noPackages: [String: Set<String>] = [
        "BookingCore": ["Foundation"],
        "BotFlows": ["Foundation"],
    ]

    /// Packages only some targets may import: metrics are the service's, so stores and flows stay free of a metrics system.
    static let packageOwners: [String: Set<String>] = [
        "Prometheus": ["App"], "CoreMetrics": ["App"], "Metrics": ["App"],
    ]

    static func imports(of target: String) throws -> Set<String> {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let directory = root.appendingPathComponent("Sources/\(target)")
        let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        var found: Set<String> = []
        for file in files where file.pathExtension == "swift" {
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
                let words = line.split(separator: " ").filter { !$0.hasPrefix("@") }
                if words.count >= 2, words[0] == "import" { found.insert(String(words[1])) }
            }
        }
        return found
    }

    @Test(arguments: Array(allowed.keys).sorted())
    func importsOnlyDownward(target: String) throws {
        let own = try Self.imports(of: target).intersection(Self.ownTargets)
        #expect(own.subtracting(Self.allowed[target]!).isEmpty, "\(target) imports \(own.subtracting(Self.allowed[target]!).sorted())")
        if let packages = Self.noPackages[target] {
            let foreign = try Self.imports(of: target).subtracting(Self.ownTargets).subtracting(packages)
            #expect(foreign.isEmpty, "\(target) imports \(foreign.sorted())")
        }
    }

    @Test func metricsPackagesOnlyInTheService() throws {
        for target in Self.allowed.keys.sorted() {
            let imported = try Self.imports(of: target)
            for (package, owners) in Self.packageOwners where imported.contains(package) {
                #expect(owners.contains(target), "\(target) imports \(package)")
            }
        }
    }
}
