import App
import ArgumentParser

struct KeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key", abstract: "The master key that seals bot tokens: fingerprints and rotation.", subcommands: [Show.self, Rotate.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the fingerprints of the keys this configuration reads.")
        @OptionGroup var options: ServiceOptions

        func run() async throws {
            for line in try Commands.showKeys(configuration: try await options.configuration()) { print(line) }
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-seal every bot token under a new key while the service runs (see README, \"Rotating the master key\").")
        @OptionGroup var options: ServiceOptions
        @Option(help: "The new key (a file holding base64 of 32 bytes, mode 0600). Default: ZAPIS_MASTER_KEY_NEXT or <key file>.next.")
        var newKeyFile: String?

        func run() async throws {
            do {
                for line in try await Commands.rotateKey(newKeyFile: newKeyFile, configuration: try await options.configuration()) { print(line) }
            } catch let refused as Commands.KeyRotationRefused {
                throw ValidationError(refused.description)
            }
        }
    }
}
