import App
import ArgumentParser

struct TenantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenant", abstract: "Provision and list tenants.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a tenant: checks the token with getMe and stores it encrypted.")
        @OptionGroup var options: ServiceOptions
        @Option(help: "Tenant id: [a-z][a-z0-9_]{2,39}, e.g. client_001.") var id: String
        @Option(help: "Business name.") var name: String
        @Option(help: "Bot token from @BotFather.") var token: String
        @Option(help: "Telegram user id of the owner.") var admin: Int64
        @Option(help: "IANA time zone.") var timezone: String = "Europe/Moscow"
        @Option(help: "Address shown to customers.") var address: String = ""
        @Option(help: "Contacts shown to customers.") var contact: String = ""

        func run() async throws {
            let request = TenantProvisioner.Request(
                id: id, name: name, token: token, ownerID: admin, timeZone: timezone, address: address, contact: contact)
            do {
                print(try await Commands.addTenant(request, configuration: options.configuration))
            } catch let error as ProvisioningError {
                throw ValidationError(error.description)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tenants.")
        @OptionGroup var options: ServiceOptions

        func run() async throws {
            for line in try await Commands.listTenants(configuration: options.configuration) { print(line) }
        }
    }
}
