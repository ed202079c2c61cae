import App
import ArgumentParser
import Foundation
import NIOCore
import NIOPosix

/// Starts the command line. Swift concurrency runs on NIO's event loop threads (unless `ZAPIS_NIO_EXECUTOR=0`):
/// an update's awaits on the network then resume without a hop to another thread pool, which saves a thread
/// switch per database statement and HTTP call.
@main
enum Entrypoint {
    static func main() async {
        if ProcessInfo.processInfo.environment["ZAPIS_NIO_EXECUTOR"] != "0" {
            _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        }
        await Zapis.main()
    }
}

/// The `zapis` command line: parses arguments and calls the App target.
struct Zapis: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Hosts the Telegram booking bots of many businesses in one service.", version: ZapisVersion.string,
        subcommands: [
            Serve.self, Demo.self, TenantCommand.self, PlanCommand.self, BillingCommand.self, SalesCommand.self, OperatorCommand.self, KeyCommand.self,
            ConfigCommand.self, ImportCommand.self, BackupCommand.self, RestoreCommand.self, MoveCommand.self,
            Migrate.self, BenchMigrate.self, Bench.self, Fuzz.self,
        ])
}
