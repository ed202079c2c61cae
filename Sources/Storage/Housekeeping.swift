import Foundation

/// Pruning of what only matters for a while: the marks that make a redelivered update a no-op, and the outbox rows
/// that are done (sent or given up). Both grow with every update and message; nothing reads them after their window
/// (see `Housekeeper` and docs/DECISIONS.md for the windows and why).
public protocol Housekeeping: Sendable {
    /// Deletes at most `limit` processed-update marks older than `before`, never a tenant's newest (the operator's
    /// "last update" reads it). Returns how many were deleted.
    func pruneProcessedUpdates(before: Date, limit: Int) async throws -> Int
    /// Deletes at most `limit` outbox rows sent or given up before `before`, or before `broadcastsBefore` for the rows
    /// of a broadcast (tag `broadcast:…`, whose counts the owner reads). Pending rows are never touched. Returns how
    /// many were deleted.
    func pruneDeliveredOutbox(before: Date, broadcastsBefore: Date, limit: Int) async throws -> Int
}
