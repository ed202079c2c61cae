import BookingCore
import Foundation

/// Which instance long-polls each bot. Telegram serves one `getUpdates` per bot at a time, so with several instances
/// each polled bot has one leaseholder; an instance that dies stops renewing, and another takes the bot over once
/// the lease ran out (see `PollLeases` in App).
public protocol PollLeaseStore: Sendable {
    /// Makes sure every tenant in `tenants` has a lease row (a new row is free: it expired at the epoch).
    func registerPollLeases(_ tenants: [TenantID]) async throws
    /// Extends `owner`'s unexpired leases to `until` and takes every expired one (of any owner) up to `until`.
    /// Returns the tenants `owner` holds afterwards.
    func renewPollLeases(owner: String, until: Date, now: Date) async throws -> Set<TenantID>
    /// The owner of every unexpired lease.
    func pollLeaseOwners(now: Date) async throws -> [TenantID: String]
    /// Gives up `owner`'s leases at once (a graceful stop), so another instance takes them at its next renewal.
    func releasePollLeases(owner: String) async throws
}
