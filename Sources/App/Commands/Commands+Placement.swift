import BookingCore
import Foundation

/// `zapis tenant servers|move`: tenants across PostgreSQL servers (docs/SCALING.md).
extension Commands {
    /// `tenant servers`: each server with its tenant count, the primary first.
    public static func tenantServers(configuration: AppConfiguration) async throws -> [String] {
        try await withPlacement(configuration) { placement in
            let counts = try await placement.primary.placementCounts()
            return placement.names.map { "\($0)\t\(counts[$0, default: 0]) tenants" }
        }
    }

    /// `tenant move`: moves one tenant to another server while `serve` runs; the tenant pauses, others go on.
    public static func moveTenant(_ rawID: String, to server: String, configuration: AppConfiguration) async throws -> String {
        try await withPlacement(configuration) { placement in
            let id = try tenantID(rawID)
            let report = try await TenantMove(servers: placement, logger: LiveDependencies.logger(configuration)).move(id, to: server)
            let rows = report.counts.values.reduce(0, +)
            let paused = Double(report.paused.components.attoseconds / 1_000_000_000_000_000) / 1000 + Double(report.paused.components.seconds)
            return "moved \(id) from \(report.from) to \(report.to): \(rows) rows, paused \(String(format: "%.1f", paused)) s"
        }
    }

    private static func withPlacement<T: Sendable>(
        _ configuration: AppConfiguration, _ body: @Sendable (PlacedServers) async throws -> T
    ) async throws -> T {
        try await LiveDependencies.withRunning(configuration, logger: LiveDependencies.logger(configuration)) { dependencies in
            guard let placement = dependencies.placement else { throw PlacementError.notConfigured }
            return try await body(placement)
        }
    }
}
