import App
import ArgumentParser

/// `zapis migrate`: brings every schema up to date.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Migrate the database: every tenant schema on PostgreSQL (progress per schema), or the SQLite file.")
    @OptionGroup var options: ServiceOptions
    @Option(help: "PostgreSQL schemas migrated at once.") var concurrency: Int = 4

    func run() async throws {
        try await Commands.migrate(configuration: try await options.configuration(), concurrency: concurrency)
    }
}
