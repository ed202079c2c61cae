import BookingCore
import Foundation
import Logging
import ServiceLifecycle
import StoragePostgres
import Synchronization

/// This process's copy of the placement table: which server holds each tenant, and which tenants are moving. Read
/// whole at start, then only the changes (each change has a larger `version`), every `interval`.
public final class PlacementMap: Sendable {
    private struct State {
        var placements: [TenantID: TenantPlacement] = [:]
        var version: Int64 = 0
        var ready = false
    }

    private let state = Mutex(State())

    /// An empty map: every tenant on the primary.
    public init() {}

    /// The server holding `tenant` (the primary when it has no placement).
    public func server(of tenant: TenantID) -> String {
        state.withLock { $0.placements[tenant]?.server } ?? PostgresServer.primary
    }

    /// Whether `tenant` is being moved (its requests wait).
    public func isMoving(_ tenant: TenantID) -> Bool {
        state.withLock { $0.placements[tenant]?.movingTo != nil }
    }

    /// Whether the placement has been read once (before, nobody knows where tenants are).
    public var isReady: Bool { state.withLock { $0.ready } }

    /// Reads the changes since the last read from the primary.
    public func refresh(from primary: PostgresStore) async throws {
        let known = state.withLock { $0.version }
        let changes = try await primary.placements(after: known)
        state.withLock { state in
            state.ready = true
            for change in changes where change.version > (state.placements[change.tenant]?.version ?? 0) {
                state.placements[change.tenant] = change
            }
            state.version = max(state.version, changes.map(\.version).max() ?? 0)
        }
    }
}

/// Keeps a `PlacementMap` current: one indexed read of the primary every `interval`. Its first round records the
/// primary's unplaced tenants as placed there (see `PlacedServers.prepare`).
struct PlacementWatch: ServiceLifecycle.Service {
    let servers: PlacedServers
    let clock: any ServiceClock
    let logger: Logger

    /// How often serving instances read the placement's changes; a move waits several of these before it copies.
    static let interval = Duration.milliseconds(250)

    func run() async throws {
        await clock.repeatUntilShutdown(every: Self.interval) {
            do {
                if servers.map.isReady { try await servers.map.refresh(from: servers.primary) } else { try await servers.prepare(now: Date()) }
            } catch where !Task.isCancelled {
                logger.error("cannot read the placement", metadata: ["error": "\(error)"])
            } catch {
                // Stopping (a one-shot command's pools close under a read): nothing to report.
            }
        }
    }
}
