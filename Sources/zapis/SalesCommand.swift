import App
import ArgumentParser

struct SalesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sales", abstract: "The sales bot's texts the operator edits.", subcommands: [Text.self])

    struct Text: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set or reset one of welcome, demo, faq, support (audited).")
        @OptionGroup var options: ServiceOptions
        @Argument(help: "welcome, demo, faq or support.") var key: String
        @Option(help: "ru or en.") var language: String
        @Option(help: "The new text.") var text: String?
        @Flag(help: "Back to the built-in text.") var reset = false

        func validate() throws {
            guard (text == nil) == reset else { throw ValidationError("give either --text or --reset") }
        }

        func run() async throws {
            do {
                print(try await Commands.setSalesText(key, language: language, text: reset ? nil : text, configuration: try await options.configuration()))
            } catch let error as LifecycleError {
                throw ValidationError(error.description)
            }
        }
    }
}
