import App
import ArgumentParser

extension TenantCommand {
    struct Servers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The PostgreSQL servers (ZAPIS_DATABASE_URL as `primary`, then ZAPIS_POSTGRES_SERVERS) and their tenant counts.")
        @OptionGroup var options: ServiceOptions

        func run() async throws {
            try await placement { for line in try await Commands.tenantServers(configuration: try await options.configuration()) { print(line) } }
        }
    }

    struct Move: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move a tenant to another PostgreSQL server while `zapis serve` runs: the tenant pauses for the copy, others go on.")
        @OptionGroup var options: ServiceOptions
        @Option(help: "Tenant id.") var id: String
        @Option(help: "The server's name (`primary` or one of ZAPIS_POSTGRES_SERVERS).") var toServer: String

        func run() async throws {
            try await placement { print(try await Commands.moveTenant(id, to: toServer, configuration: try await options.configuration())) }
        }
    }
}

/// Placement refusals as usage errors (a message, not a stack of types).
private func placement(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as PlacementError {
        throw ValidationError(error.description)
    } catch let error as LifecycleError {
        throw ValidationError(error.description)
    }
}
