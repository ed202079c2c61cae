import App
import ArgumentParser

/// `zapis backup`: portable per-tenant archives from a running deployment.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write one archive per tenant (a consistent snapshot each; the service may keep running).")
    @OptionGroup var options: ServiceOptions
    @Option(help: "The tenant to back up.") var tenant: String?
    @Flag(help: "Every tenant.") var all = false
    @Option(help: "Directory the archives are written to.") var out: String

    func validate() throws {
        if tenant != nil && all { throw ValidationError("give --tenant ID or --all, not both") }
        if tenant == nil && !all { throw ValidationError("give --tenant ID or --all") }
    }

    func run() async throws {
        try await Commands.backup(tenant: tenant, directory: out, configuration: try await options.configuration())
    }
}

/// `zapis restore`: one tenant archive into the configured database.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a tenant archive into the configured database (SQLite or PostgreSQL); a damaged archive writes nothing.")
    @OptionGroup var options: ServiceOptions
    @Argument(help: "Archive files (e.g. every file of a backup run), restored one by one.") var files: [String]
    @Option(name: .customLong("as"), help: "Restore under this tenant id instead of the archive's (one file only).") var asID: String?
    @Flag(help: "Overwrite the tenant when it exists.") var replace = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one archive file") }
        if asID != nil && files.count > 1 { throw ValidationError("--as restores one archive") }
    }

    func run() async throws {
        do {
            let configuration = try await options.configuration()
            for file in files { try await Commands.restore(file: file, as: asID, replace: replace, configuration: configuration) }
        } catch let error as ArchiveError {
            throw ValidationError(error.description)
        } catch let error as RestoreError {
            throw ValidationError(error.description)
        }
    }
}

/// `zapis move`: the whole deployment into another database.
struct MoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move",
        abstract: "Copy the whole deployment (every table, every tenant) into an empty database of either kind and compare them; stop the service first.")
    @OptionGroup var options: ServiceOptions
    @Option(help: "The target: postgres://… or a SQLite path (sqlite:PATH).") var to: String
    @Flag(help: "Skip the check that nothing else uses the source database.") var force = false

    func run() async throws {
        do {
            try await Commands.move(to: to, force: force, configuration: try await options.configuration())
        } catch let error as MoveError {
            throw ValidationError(error.description)
        }
    }
}
