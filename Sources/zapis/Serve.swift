import App
import ZapisTools
import ArgumentParser

/// Common options that override the environment.
struct ServiceOptions: ParsableArguments {
    @Option(help: "SQLite path or postgres:// URL (env ZAPIS_DATABASE_URL).") var database: String?
    @Option(help: "HTTP host (env ZAPIS_HOST).") var host: String?
    @Option(help: "HTTP port (env ZAPIS_PORT).") var port: Int?
    @Option(help: "Public base URL for webhooks; without it bots are long-polled (env ZAPIS_PUBLIC_URL).") var publicURL: String?
    @Option(help: "Bot API base URL (env ZAPIS_TELEGRAM_API_URL).") var telegramAPIURL: String?
    @Option(help: "JSON configuration file (env ZAPIS_CONFIG_FILE); flags and the environment win over it.") var config: String?

    /// The configuration: these flags > the environment > the config file > defaults.
    func configuration() async throws -> AppConfiguration {
        var overrides: [String: String] = [:]
        overrides["database.url"] = database
        overrides["host"] = host
        overrides["port"] = port.map(String.init)
        overrides["public.url"] = publicURL
        overrides["telegram.api.url"] = telegramAPIURL
        do {
            return try await AppConfiguration.load(overrides: overrides, configFile: config)
        } catch let failure as AppConfiguration.FileFailure {
            throw ValidationError(failure.description)
        }
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve every tenant's bot (webhooks or long polling).")
    @OptionGroup var options: ServiceOptions

    func run() async throws {
        Commands.bootstrapLogging()
        try await Commands.serve(try await options.configuration())
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a demo salon on a local Telegram sandbox: no token, no servers. Prints the chat page URL.")
    @Option(help: "HTTP port of the service (0 picks a free one).") var port: Int = 8080
    @Option(help: "HTTP port of the Telegram sandbox and chat page (0 picks a free one).") var sandboxPort: Int = 8081
    @Option(help: "SQLite file of the demo (recreated on every start).") var database: String = "zapis-demo.sqlite"

    func run() async throws {
        Commands.bootstrapLogging()
        try await Commands.demo(port: port, sandboxPort: sandboxPort, database: database)
    }
}
