import App
import ZapisTools
import ArgumentParser

/// `zapis bench-migrate` (hidden): provisioning and migration timings on the configured PostgreSQL.
struct BenchMigrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-migrate",
        abstract: "Benchmark: provision N tenants on PostgreSQL, then migrate all schemas; prints ms per tenant.",
        shouldDisplay: false)
    @OptionGroup var options: ServiceOptions
    @Option(help: "Tenants to provision (use an empty database).") var tenants: Int = 1000
    @Option(help: "Tenant id prefix (ids are <prefix>_00001, …).") var prefix: String = "bench"
    @Option(help: "Tenants provisioned and schemas migrated at once.") var concurrency: Int = 1

    func run() async throws {
        try await Commands.benchMigrate(
            configuration: try await options.configuration(), tenants: tenants, prefix: prefix, concurrency: concurrency)
    }
}
