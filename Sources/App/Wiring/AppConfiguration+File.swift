import Configuration
import Foundation

extension AppConfiguration {
    /// Why a configuration file was refused.
    public struct FileFailure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads the configuration with a JSON file (`configFile`, else `ZAPIS_CONFIG_FILE`) under the environment and the
    /// flags: flags > environment > file > defaults. The file holds the same keys as the flags, e.g.
    /// `{"database.url": "postgres://…", "port": 8080, "master.key.file": "/run/secrets/zapis-key"}` (nested objects
    /// work too). A file that is missing or not JSON stops the start with its path and why.
    public static func load(
        environment: [String: String] = ProcessInfo.processInfo.environment, overrides: [String: String] = [:], configFile: String? = nil
    ) async throws -> AppConfiguration {
        guard let path = configFile ?? environment["ZAPIS_CONFIG_FILE"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            return AppConfiguration(environment: environment, overrides: overrides)
        }
        let file: FileProvider<JSONSnapshot>
        do {
            // The path goes through a reader (the provider's other initializer takes a swift-system FilePath).
            let location = ConfigReader(provider: InMemoryProvider(values: ["filePath": ConfigValue(.string(path), isSecret: false)]))
            file = try await FileProvider<JSONSnapshot>(parsingOptions: .init(secretsSpecifier: .specific(Self.secretFileKeys)), config: location)
        } catch {
            throw FileFailure(description: "the configuration file \(path) cannot be used: \(error)")
        }
        // The service reads keys as "zapis.database.url"; the file writes them without the "zapis." prefix.
        let unprefixed = KeyMappingProvider(upstream: file) { key in AbsoluteConfigKey(Array(key.components.dropFirst()), context: key.context) }
        var configuration = AppConfiguration(environment: environment, overrides: overrides, file: unprefixed)
        configuration.configFile = path
        return configuration
    }

    /// Keys of a configuration file whose values are secrets.
    static let secretFileKeys: Set<String> = ["master.key", "master.key.next", "master.key.previous", "redis.url"]
}
