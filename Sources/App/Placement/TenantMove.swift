import BookingCore
import Foundation
import Logging
import Storage
import StoragePostgres

/// Moves one tenant to another server while the service runs (`zapis tenant move`). The tenant pauses for the
/// copy (its webhooks are answered 503 and Telegram delivers them again); other tenants go on.
///
/// 1. The placement marks the tenant as moving; serving instances read it within `PlacementWatch.interval`.
/// 2. After `settle`, a fence on the source waits for every transaction that claimed an update to end, and the move
///    waits for the tenant's messages being sent to be marked (at most `busyLimit` each, else it is undone).
/// 3. The tenant archive (one snapshot of every row of the tenant) is written to the target in one transaction and
///    read back and compared there; the source's copy is removed; the placement names the target.
///
/// Any failure before the placement changes undoes the move: the tenant resumes on its source. A move cut short by a
/// crash leaves the tenant marked as moving: running the same move again completes it.
public struct TenantMove: Sendable {
    /// What a move did.
    public struct Report: Sendable, Equatable {
        /// The server the tenant was on.
        public var from: String
        /// The server it is on now.
        public var to: String
        /// Rows copied per table.
        public var counts: [String: Int]
        /// How long the tenant's requests waited.
        public var paused: Duration
    }

    let servers: PlacedServers
    let now: @Sendable () -> Date
    let logger: Logger
    /// How long serving instances get to see the tenant as moving.
    var settle = PlacementWatch.interval * 4
    /// How long the fence and the messages being sent may keep the move waiting.
    var busyLimit = Duration.seconds(10)
    /// A YooKassa payment opened this recently and still pending is one a buyer may be paying (pay pages are used
    /// within minutes; older pending ones are abandoned).
    static let paymentWindow: TimeInterval = 3_600

    public init(servers: PlacedServers, now: @escaping @Sendable () -> Date = { Date() }, logger: Logger) {
        self.servers = servers
        self.now = now
        self.logger = logger
    }

    /// Moves `tenant` to the server named `target`.
    public func move(_ tenant: TenantID, to target: String) async throws -> Report {
        guard let targetStore = servers.stores[target] else { throw PlacementError.unknownServer(target) }
        try await servers.map.refresh(from: servers.primary)
        let source = servers.map.server(of: tenant)
        guard let sourceStore = servers.stores[source] else { throw PlacementError.unknownServer(source) }
        guard source != target else { throw PlacementError.alreadyThere(target) }
        // A payment being paid would be renumbered on the target, out of reach of its link and of YooKassa's notice.
        let paying = try await sourceStore.payments(tenant: tenant, limit: 50).contains {
            $0.status == .pending && $0.externalID != nil && $0.createdAt > now().addingTimeInterval(-Self.paymentWindow)
        }
        guard !paying else { throw PlacementError.busy("a payment opened in the last hour is not settled yet; move it later") }
        let started = ContinuousClock.now
        if try await !servers.primary.beginMove(tenant, from: source, to: target, now: now()) {
            // Marked already: resumed when it is this move, cut short earlier.
            let current = try await servers.primary.placements(after: 0).first { $0.tenant == tenant }
            guard current?.movingTo == target else { throw PlacementError.moving(tenant.rawValue) }
            if try await sourceStore.tenant(tenant) == nil, try await targetStore.tenant(tenant) != nil {
                try await servers.primary.endMove(tenant, on: target, now: now())
                try await servers.map.refresh(from: servers.primary)
                return Report(from: source, to: target, counts: [:], paused: ContinuousClock.now - started)
            }
        }
        let counts: [String: Int]
        let copiedUpdates: Int
        do {
            guard try await sourceStore.tenant(tenant) != nil else { throw PlacementError.unknownTenant(tenant.rawValue) }
            try await Task.sleep(for: settle)
            try await quiesce(tenant, on: sourceStore)
            let archive = try await TenantBackup.snapshot(tenant, from: sourceStore, now: now())
            try await TenantBackup.restore(archive, replace: true, into: targetStore)
            counts = archive.counts
            copiedUpdates = archive.rows["processed_updates"]?.count ?? 0
        } catch {
            try? await servers.primary.endMove(tenant, on: source, now: now())
            logger.warning("move undone", metadata: ["tenant": "\(tenant)", "error": "\(error)"])
            throw error
        }
        // The source's copy goes (unless an update slipped in after the copy: then the target's goes and the move is
        // undone), then the placement follows.
        guard try await sourceStore.removeMovedTenant(tenant, copiedUpdates: copiedUpdates, timeout: busyLimit) else {
            try await targetStore.withPortableWriter { try await $0.removeTenant(tenant) }
            try await servers.primary.endMove(tenant, on: source, now: now())
            throw PlacementError.busy("updates arrived on the source during the copy")
        }
        try await servers.primary.endMove(tenant, on: target, now: now())
        try await servers.map.refresh(from: servers.primary)
        return Report(from: source, to: target, counts: counts, paused: ContinuousClock.now - started)
    }

    /// Waits until no transaction on `source` that claimed an update before now still runs, and none of the tenant's
    /// messages is being sent.
    private func quiesce(_ tenant: TenantID, on source: PostgresStore) async throws {
        do {
            try await source.fenceClaims(timeout: busyLimit)
        } catch {
            throw PlacementError.busy("updates in flight on the source past \(busyLimit)")
        }
        let deadline = ContinuousClock.now + busyLimit
        while try await source.leasedOutboxRows(tenant, now: now()) > 0 {
            guard ContinuousClock.now < deadline else { throw PlacementError.busy("messages being sent past \(busyLimit)") }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
