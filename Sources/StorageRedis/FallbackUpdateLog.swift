import BookingCore
import Foundation
import Storage
import Synchronization

/// Update dedupe on Redis with the SQL log behind it. While Redis fails, claims go to the SQL log; when Redis is back,
/// an update claimed (or released) during the outage is replayed to Redis the next time it is seen, so a redelivery
/// after the outage is still recognised and a released claim does not block it.
public final class FallbackUpdateLog: UpdateLog {
    private struct Key: Hashable {
        var tenant: TenantID
        var updateID: Int64
    }

    private struct Pending {
        var claimed: Bool
        var at: Date
    }

    /// Redis.
    public let primary: any UpdateLog
    /// The SQL or in-memory log.
    public let fallback: any UpdateLog
    /// Health of Redis, shared with the other fallback stores.
    public let circuit: FallbackCircuit
    /// How long a pending replay is kept (the Redis claim TTL; older redeliveries are not expected).
    public let retention: Duration
    private let pending = Mutex<[Key: Pending]>([:])

    /// Wraps a primary and a fallback log.
    public init(
        primary: any UpdateLog, fallback: any UpdateLog, circuit: FallbackCircuit = FallbackCircuit(),
        retention: Duration = .seconds(86_400)
    ) {
        self.primary = primary
        self.fallback = fallback
        self.circuit = circuit
        self.retention = retention
    }

    /// Claims in Redis (replaying an outage's claim first), or in the fallback log while Redis is down.
    public func claimUpdate(_ updateID: Int64, tenant: TenantID, now: Date) async throws -> Bool {
        let key = Key(tenant: tenant, updateID: updateID)
        return try await circuit.run(
            "claim update",
            primary: {
                if let replay = pending.withLock({ $0[key] }) {
                    if replay.claimed {
                        _ = try await primary.claimUpdate(updateID, tenant: tenant, now: replay.at)
                        pending.withLock { _ = $0.removeValue(forKey: key) }
                        return false
                    }
                    try await primary.releaseUpdate(updateID, tenant: tenant)
                    pending.withLock { _ = $0.removeValue(forKey: key) }
                }
                return try await primary.claimUpdate(updateID, tenant: tenant, now: now)
            },
            fallback: {
                let claimed = try await fallback.claimUpdate(updateID, tenant: tenant, now: now)
                remember(key, Pending(claimed: true, at: now))
                return claimed
            })
    }

    /// Releases in Redis, or in the fallback log while Redis is down (and in Redis once it is back).
    public func releaseUpdate(_ updateID: Int64, tenant: TenantID) async throws {
        let key = Key(tenant: tenant, updateID: updateID)
        try await circuit.run(
            "release update",
            primary: {
                try await primary.releaseUpdate(updateID, tenant: tenant)
                if pending.withLock({ $0.removeValue(forKey: key) }) != nil {
                    try await fallback.releaseUpdate(updateID, tenant: tenant)
                }
            },
            fallback: {
                try await fallback.releaseUpdate(updateID, tenant: tenant)
                let at = pending.withLock { $0[key]?.at } ?? Date(timeIntervalSince1970: 0)
                remember(key, Pending(claimed: false, at: at))
            })
    }

    /// Updates seen during an outage and not yet replayed to Redis.
    public var pendingReplays: Int { pending.withLock { $0.count } }

    private func remember(_ key: Key, _ entry: Pending) {
        pending.withLock { pending in
            pending[key] = entry
            guard pending.count > 100_000 else { return }
            let cutoff = entry.at.addingTimeInterval(-Double(retention.components.seconds))
            pending = pending.filter { $0.value.at > cutoff }
        }
    }
}
