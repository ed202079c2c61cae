import App
import Foundation
import Testing

/// A JSON configuration file under the environment and the flags: flags > environment > file > defaults.
@Suite("Configuration file")
struct ConfigurationFileTests {
    static func file(_ json: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("zapis-config-\(UUID().uuidString).json").path
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func precedenceIsFlagsThenEnvironmentThenFileThenDefaults() async throws {
        let path = try Self.file(#"{"port": 9000, "database.url": "/srv/zapis/zapis.sqlite", "delete": {"grace": {"days": 7}}, "log.format": "json"}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let all = try await AppConfiguration.load(environment: ["ZAPIS_PORT": "9100"], overrides: ["port": "9200"], configFile: path)
        #expect(all.port == 9200)
        #expect(try await AppConfiguration.load(environment: ["ZAPIS_PORT": "9100"], configFile: path).port == 9100)
        let fileOnly = try await AppConfiguration.load(environment: ["ZAPIS_CONFIG_FILE": path])
        #expect(fileOnly.port == 9000 && fileOnly.databaseURL == "/srv/zapis/zapis.sqlite" && fileOnly.logFormat == "json")
        #expect(fileOnly.deleteGraceDays == 7)  // nested objects work like dotted keys
        #expect(fileOnly.configFile == path)
        #expect(try await AppConfiguration.load(environment: [:]).port == 8080)
    }

    @Test func aMissingOrBrokenFileStopsTheStartWithItsPath() async throws {
        let broken = try Self.file(#"{"port": 9000,"#)
        defer { try? FileManager.default.removeItem(atPath: broken) }
        for path in [broken, "/nonexistent/zapis.json"] {
            await #expect(throws: AppConfiguration.FileFailure.self) { try await AppConfiguration.load(environment: [:], configFile: path) }
            do {
                _ = try await AppConfiguration.load(environment: [:], configFile: path)
            } catch {
                #expect("\(error)".contains(path))
            }
        }
    }

    /// `zapis config check` prints every setting with secrets redacted and says what would stop `serve`.
    @Test func configCheckRedactsSecrets() async throws {
        let key = TokenVault.generateKey()
        let path = try Self.file(#"{"master.key": "\#(key)", "redis.url": "redis://:hunter2@cache:6379"}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        func check(_ environment: [String: String]) throws -> (Int32, String) {
            let process = Process()
            process.executableURL = try DemoCommandTests.binary()
            process.arguments = ["config", "check", "--config", path]
            process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { $1 }
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
        let (status, text) = try check(["ZAPIS_DATABASE_URL": "postgres://zapis:s3cret@db:5432/zapis"])
        #expect(status == 0, "\(text)")
        #expect(text.contains("database.url = postgres://zapis:***@db:5432/zapis"))
        #expect(text.contains("master.key = (set, redacted)") && text.contains("redis.url = redis://:***@cache:6379"))
        #expect(text.contains("config.file = \(path)") && text.hasSuffix("ok\n"))
        #expect(!text.contains("s3cret") && !text.contains("hunter2") && !text.contains(key))
        let (bad, problems) = try check(["ZAPIS_LOG_FORMAT": "xml"])
        #expect(bad == 1 && problems.contains("problem: log.format must be text or json"))
    }
}
