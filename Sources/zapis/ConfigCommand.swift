import App
import ArgumentParser

struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config", abstract: "The effective configuration.", subcommands: [Check.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the effective configuration (flags > environment > config file > defaults), secrets redacted, "
                + "and what would stop `serve`.")
        @OptionGroup var options: ServiceOptions

        func run() async throws {
            let configuration = try await options.configuration()
            for line in configuration.describedLines { print(line) }
            let problems = configuration.problems
            guard problems.isEmpty else {
                for problem in problems { print("problem: \(problem)") }
                throw ExitCode(1)
            }
            print("ok")
        }
    }
}
