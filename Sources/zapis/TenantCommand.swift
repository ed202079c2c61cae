import App
import ArgumentParser

struct TenantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenant", abstract: "Provision, change and retire tenants.",
        subcommands: [
            Add.self, List.self, Show.self, Edit.self, Suspend.self, Resume.self, Delete.self, Purge.self, SetToken.self, Audit.self, Servers.self,
            Move.self,
        ])

    /// Where a token comes from: never argv (shell history, `ps`).
    struct TokenOptions: ParsableArguments {
        @Option(help: "Read the bot token from this file (first line). Default: standard input.") var tokenFile: String?
        @Option(help: "Read the bot token from this environment variable.") var tokenEnv: String?

        func read() throws -> String {
            do {
                return try TokenInput(file: tokenFile, environmentName: tokenEnv).read()
            } catch let failure as TokenInput.Failure {
                throw ValidationError(failure.description)
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a tenant: checks the token with getMe and stores it encrypted.")
        @OptionGroup var options: ServiceOptions
        @OptionGroup var token: TokenOptions
        @Option(help: "Tenant id: [a-z][a-z0-9_]{2,39}, e.g. client_001.") var id: String
        @Option(help: "Business name.") var name: String
        @Option(help: "Telegram user id of the owner.") var admin: Int64
        @Option(help: "IANA time zone.") var timezone: String = "Europe/Moscow"
        @Option(help: "Address shown to customers.") var address: String = ""
        @Option(help: "Contacts shown to customers.") var contact: String = ""

        func run() async throws {
            let request = TenantProvisioner.Request(
                id: id, name: name, token: try token.read(), ownerID: admin, timeZone: timezone, address: address, contact: contact)
            do {
                print(try await Commands.addTenant(request, configuration: try await options.configuration()))
            } catch let error as ProvisioningError {
                throw ValidationError(error.description)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tenants.")
        @OptionGroup var options: ServiceOptions

        func run() async throws {
            for line in try await Commands.listTenants(configuration: try await options.configuration()) { print(line) }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a tenant (never its token) and its latest operator audit.")
        @OptionGroup var options: ServiceOptions
        @Option(help: "Tenant id.") var id: String

        func run() async throws {
            try await lifecycle { for line in try await Commands.showTenant(id, configuration: try await options.configuration()) { print(line) } }
        }
    }

    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a tenant's profile.")
        @OptionGroup var options: ServiceOptions
        @Option(help: "Tenant id.") var id: String
        @Option(help: "Business name.") var name: String?
        @Option(help: "IANA time zone.") var timezone: String?
        @Option(help: "Default language: ru or en.") var language: String?
        @Option(help: "ISO 4217 currency, e.g. RUB.") var currency: String?
        @Option(help: "Address shown to customers.") var address: String?
        @Option(help: "Contacts shown to customers.") var contact: String?
        @Option(help: "Telegram user id of the owner.") var owner: Int64?
        @Option(help: "Map link (https://…) shown with the address; \"\" removes it.") var mapURL: String?

        func run() async throws {
            let edit = TenantEdit(
                name: name, timeZone: timezone, language: language, currency: currency, address: address, contact: contact, ownerID: owner,
                mapURL: mapURL)
            try await lifecycle { print(try await Commands.editTenant(id, edit, configuration: try await options.configuration())) }
        }
    }

    struct Suspend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pause a bot: customers are told booking is temporarily unavailable; owners keep /admin and see the reason.")
        @OptionGroup var options: ServiceOptions
        @Option(help: "Tenant id.") var id: String
        @Option(help: "Why (shown to the tenant's owners).") var reason: String
        @Flag(help: "Also cancel the scheduled reminders of existing bookings (kept by default).") var cancelReminders = false

        func run() async throws {
            try await lifecycle {
                print(try await Commands.suspendTenant(id, reason: reason, cancelReminders: cancelReminders, configuration: try await options.configuration()))
            }
        }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Serve a suspended tenant again, or restore a deleted one before its purge.")
        @OptionGroup var options: ServiceOptions
        @Option(help: "Tenant id.") var id: String

        func run() async throws {
            try await lifecycle { print(try await Commands.resumeTenant(id, configuration: try await options.configuration())) }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop serving a tenant and remove its webhook; its data is purged after the grace period (ZAPIS_DELETE_GRACE_DAYS, 30).")
        @OptionGroup var options: ServiceOptions
        @Option(help: "Tenant id.") var id: String
        @Option(help: "Why (kept in the operator audit).") var reason: String = ""
        @Flag(help: "Purge the data now instead of after the grace period (asks to type the tenant id).") var purgeNow = false
        @Flag(help: "With --purge-now: do not ask.") var yes = false

        func run() async throws {
            if purgeNow && !yes {
                print("This deletes every booking, customer and setting of \(id) for good. Type the tenant id to confirm: ", terminator: "")
                guard readLine()?.trimmingCharacters(in: .whitespaces) == id else { throw ValidationError(LifecycleError.notConfirmed.description) }
            }
            try await lifecycle { print(try await Commands.deleteTenant(id, reason: reason, purgeNow: purgeNow, configuration: try await options.configuration())) }
        }
    }

    struct Purge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Purge the deleted tenants whose grace period is over (serve does this hourly).")
        @OptionGroup var options: ServiceOptions

        func run() async throws {
            try await lifecycle { for line in try await Commands.purgeTenants(configuration: try await options.configuration()) { print(line) } }
        }
    }

    struct SetToken: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-token", abstract: "Replace a tenant's bot token (checked with getMe: the same bot unless --new-bot).")
        @OptionGroup var options: ServiceOptions
        @OptionGroup var token: TokenOptions
        @Option(help: "Tenant id.") var id: String
        @Flag(help: "Move the tenant to another bot (its customers must find the new bot).") var newBot = false

        func run() async throws {
            let value = try token.read()
            try await lifecycle { print(try await Commands.setTenantToken(id, token: value, newBot: newBot, configuration: try await options.configuration())) }
        }
    }

    struct Audit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The operator audit, newest first.")
        @OptionGroup var options: ServiceOptions
        @Option(help: "Only this tenant.") var id: String?
        @Option(help: "At most this many entries.") var limit: Int = 50

        func run() async throws {
            try await lifecycle {
                for line in try await Commands.operatorAudit(id, limit: limit, configuration: try await options.configuration()) { print(line) }
            }
        }
    }
}

/// Runs a lifecycle command; its refusals become clear one-line errors.
private func lifecycle(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as LifecycleError {
        throw ValidationError(error.description)
    }
}
