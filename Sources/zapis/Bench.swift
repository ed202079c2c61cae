import App
import ZapisTools
import ArgumentParser
import Foundation

/// `zapis bench`: the load benchmark (sandbox + simulated customers + a `zapis serve` child), loopback only.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load benchmark on loopback: N tenant bots, U customers booking, `zapis serve` as a child process.")
    @Option(help: "Tenant bots.") var tenants: Int = 1000
    @Option(help: "Simulated customers (round-robin over the tenants), each walking booking flows.") var customers: Int = 2000
    @Option(help: "Seconds measured (after the warm-up).") var duration: Double = 60
    @Option(help: "Seconds of load before measuring.") var warmup: Double = 5
    @Option(help: "webhook or polling.") var mode: String = "webhook"
    @Option(help: "PostgreSQL server URL; a fresh database is created on it and dropped after. Default: SQLite.") var postgresURL: String?
    @Option(help: "Mean seconds a customer pauses before each action (0.5–1.5×).") var think: Double = 1
    @Option(help: "Share of My-bookings visits that cancel one booking.") var cancelRatio: Double = 0.3
    @Option(help: "Seconds a customer waits for an answer.") var answerTimeout: Double = 30
    @Option(help: "Seed of the customers' choices.") var seed: UInt64 = 42
    @Option(help: "PostgreSQL pool size of the server (ZAPIS_DATABASE_POOL_SIZE).") var poolSize: Int?
    @Option(help: "Executable to start as `serve` (default: this one).") var server: String?
    @Option(help: "on: navigation presses by reading alone (the default); off: each in a transaction (ZAPIS_NAVIGATION_READS=0).")
    var navigationReads: String = "on"
    @Flag(help: "Keep the temporary folder (SQLite file, server log) and the PostgreSQL database.") var keep = false

    func run() async throws {
        guard let mode = BenchOptions.Mode(rawValue: mode) else { throw ValidationError("--mode is webhook or polling") }
        var options = BenchOptions()
        options.tenants = tenants
        options.customers = customers
        options.duration = duration
        options.warmup = warmup
        options.mode = mode
        options.postgresURL = postgresURL
        options.cancelRatio = cancelRatio
        options.think = think
        options.answerTimeout = answerTimeout
        options.seed = seed
        options.serverExecutable = server
        options.keep = keep
        guard ["on", "off"].contains(navigationReads) else { throw ValidationError("--navigation-reads is on or off") }
        if navigationReads == "off" { options.serverEnvironment["ZAPIS_NAVIGATION_READS"] = "0" }
        if let poolSize { options.serverEnvironment["ZAPIS_DATABASE_POOL_SIZE"] = String(poolSize) }
        try await Commands.bench(options) { line in
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
    }
}
