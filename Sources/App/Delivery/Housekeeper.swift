import Foundation
import Logging
import ServiceLifecycle
import Storage

/// Prunes, every `interval`, the processed-update marks and the done outbox rows past their windows (`Windows`), in
/// batches, so the two tables stay the size of a week of traffic instead of growing forever. Several instances may
/// run it: deleting what another one deleted first deletes nothing.
struct Housekeeper: ServiceLifecycle.Service {
    /// How long each kind of row is kept.
    struct Windows: Sendable {
        /// A redelivered update must still find its mark: Telegram retries a webhook and keeps a polled update for at
        /// most 24 hours; a week leaves room for an instance that was down for days and for investigations.
        var processedUpdates: TimeInterval = 7 * 86_400
        /// Sent or given-up messages (and fired timers): nothing reads them after delivery except someone
        /// investigating a complaint ("I never got the reminder"), which is asked within days.
        var delivered: TimeInterval = 7 * 86_400
        /// A broadcast's rows are its delivery counts, which the owner reads in the broadcast's status.
        var broadcasts: TimeInterval = 90 * 86_400
    }

    let store: any Housekeeping
    var windows = Windows()
    /// Rows per statement: short transactions, so the writer lock (SQLite) or the rows (PostgreSQL) are held briefly.
    var batch = 5_000
    /// Batches per table in one round; the rest waits for the next round.
    var maxBatches = 200
    let interval: Duration
    let now: @Sendable () -> Date
    let clock: any ServiceClock
    let logger: Logger

    func run() async throws {
        await clock.repeatUntilShutdown(every: interval) {
            do {
                let (updates, messages) = try await pruneOnce()
                if updates + messages > 0 {
                    logger.info("pruned old delivery records", metadata: ["processed_updates": "\(updates)", "outbox": "\(messages)"])
                }
            } catch {
                logger.warning("cannot prune old delivery records now", metadata: ["error": "\(error)"])
            }
        }
    }

    /// One round: deletes in batches until a batch comes back short. Returns the rows deleted from each table.
    func pruneOnce() async throws -> (processedUpdates: Int, outbox: Int) {
        let at = now()
        var updates = 0
        for _ in 0..<maxBatches {
            let deleted = try await store.pruneProcessedUpdates(before: at.addingTimeInterval(-windows.processedUpdates), limit: batch)
            updates += deleted
            if deleted < batch || Task.isCancelled { break }
        }
        var messages = 0
        for _ in 0..<maxBatches {
            let deleted = try await store.pruneDeliveredOutbox(
                before: at.addingTimeInterval(-windows.delivered), broadcastsBefore: at.addingTimeInterval(-windows.broadcasts), limit: batch)
            messages += deleted
            if deleted < batch || Task.isCancelled { break }
        }
        return (updates, messages)
    }
}
