/// A database whose schema is versioned: readiness asks it whether every migration this build knows has been applied.
public protocol MigrationLedger: Sendable {
    /// Versions this build knows that the database has not recorded as applied; empty when up to date.
    func pendingMigrations() async throws -> [Int]
}
