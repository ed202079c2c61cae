import App
import ZapisTools
import ArgumentParser
import Foundation

/// `zapis fuzz`: generated hostile updates through the real processor, flows and store; exits non-zero on a failure.
struct Fuzz: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fuzz the update processor: forged presses and absurd input through the real flows and store.")
    @Option(help: "Updates to generate.") var updates: Int = 1_000_000
    @Option(help: "memory, sqlite or postgres.") var backend: String = "memory"
    @Option(help: "PostgreSQL server URL for --backend postgres (a fresh database is created on it).") var postgresURL: String?
    @Option(help: "Seed of the generator.") var seed: UInt64 = 1

    func run() async throws {
        guard let backend = Commands.FuzzBackend(rawValue: backend) else {
            throw ValidationError("--backend is memory, sqlite or postgres")
        }
        let report = try await Commands.fuzz(backend: backend, count: updates, seed: seed, postgresURL: postgresURL) { line in
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
        print("fuzz (\(backend.rawValue), seed \(seed)): \(report)")
        if report.failures > 0 || report.deadLettered > 0 { throw ExitCode(1) }
    }
}
