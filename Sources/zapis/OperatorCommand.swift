import App
import ArgumentParser

struct OperatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operator", abstract: "The operator API (/api/v1).", subcommands: [Token.self])

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Bearer tokens of the operator API (several, named; only their SHA-256 is stored).",
            subcommands: [Create.self, Revoke.self, List.self])

        struct Create: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Create a token and print it once.")
            @OptionGroup var options: ServiceOptions
            @Argument(help: "Its name (1–64 of a-z, A-Z, 0-9, '.', '_', '-'); the audit shows calls as api:<name>.") var name: String

            func run() async throws {
                try await refusals {
                    for line in try await Commands.createOperatorToken(name, configuration: try await options.configuration()) { print(line) }
                }
            }
        }

        struct Revoke: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Revoke a token: the API refuses it from the next request on.")
            @OptionGroup var options: ServiceOptions
            @Argument(help: "The token's name.") var name: String

            func run() async throws {
                try await refusals { print(try await Commands.revokeOperatorToken(name, configuration: try await options.configuration())) }
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the tokens (names and dates, never secrets).")
            @OptionGroup var options: ServiceOptions

            func run() async throws {
                for line in try await Commands.listOperatorTokens(configuration: try await options.configuration()) { print(line) }
            }
        }
    }
}

/// Runs a token command; its refusals become clear one-line errors.
private func refusals(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as OperatorCredentials.Failure {
        throw ValidationError(error.description)
    }
}
