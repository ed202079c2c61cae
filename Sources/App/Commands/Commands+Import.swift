import Foundation
import Import

extension Commands {
    /// `zapis import`: imports the original bot into the configured database and prints each tenant's report.
    /// Throws `ImportFailure.refused` (after printing) when some tenant conflicted with an earlier import.
    public static func importOriginal(
        _ options: ImportOptions, configuration: AppConfiguration, output: @escaping @Sendable (String) -> Void = { print($0) }
    ) async throws {
        var options = options
        options.actor = cliActor()
        let run = options
        let logger = LiveDependencies.logger(configuration)
        let reports = try await LiveDependencies.withRunning(configuration, logger: logger) { dependencies in
            try await OriginalImporter(dependencies: dependencies).run(run, progress: output) { $0.lines.forEach(output) }
        }
        let refused = reports.filter { !$0.conflicts.isEmpty }.map(\.tenant)
        if !refused.isEmpty { throw ImportFailure.refused(tenants: refused) }
    }
}
