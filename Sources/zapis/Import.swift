import App
import ArgumentParser

/// `zapis import`: moves a business from the original bot.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import the original bot's data (PostgreSQL schema per client, or its older SQLite file); re-running changes nothing.")
    @OptionGroup var options: ServiceOptions
    @OptionGroup var token: TenantCommand.TokenOptions
    @Option(help: "The original's database: postgres://user@host/db or sqlite:PATH.") var from: String
    @Option(help: "One client schema of the PostgreSQL source, e.g. client_001.") var schema: String?
    @Flag(help: "Every client schema, each mapped to a tenant through master_bot.clients.") var allSchemas = false
    @Option(help: "Tenant to import into (default: the schema name; required for sqlite:).") var tenantID: String?
    @Option(help: "IANA zone the original's wall-clock dates and times are read in.") var timezone: String = "Europe/Moscow"
    @Flag(help: "Report what would be imported; write nothing.") var dryRun = false
    @Option(help: "Business name, for a new tenant the source has no master_bot row for.") var name: String?
    @Option(help: "Owner's Telegram id (default: the source's super admin).") var owner: Int64?
    @Flag(help: "Read the bot token (--token-file / --token-env / standard input) for a new tenant without a master_bot row.")
    var readToken = false

    func run() async throws {
        var request = ImportOptions(from: from)
        request.schema = schema
        request.allSchemas = allSchemas
        request.tenantID = tenantID
        request.timeZone = timezone
        request.dryRun = dryRun
        request.name = name
        request.ownerID = owner
        if readToken { request.token = try token.read() }
        do {
            try await Commands.importOriginal(request, configuration: try await options.configuration())
        } catch let failure as ImportFailure {
            throw ValidationError(failure.description)
        }
    }
}
