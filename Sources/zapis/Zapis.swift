import App
import ArgumentParser

/// The `zapis` command line: parses arguments and calls the App target.
@main
struct Zapis: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Hosts the Telegram booking bots of many businesses in one service.",
        subcommands: [Serve.self, Demo.self, TenantCommand.self, Migrate.self, BenchMigrate.self, Bench.self])
}
