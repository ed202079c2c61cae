import Foundation
import Storage

/// Writes the sender's marks ("about to send", "sent") in batches: every mark requested while a write is running
/// goes into the next one, so under load one statement carries many marks, and alone a mark costs one write as
/// before. Each caller still waits until its mark is durable.
actor OutboxMarks {
    private let outbox: any OutboxStore
    private let owner: String
    private let now: @Sendable () -> Date
    private var sent: [(id: Int64, done: CheckedContinuation<Void, any Error>)] = []
    private var attempted: [(id: Int64, done: CheckedContinuation<Bool, any Error>)] = []
    private var writing = false

    init(outbox: any OutboxStore, owner: String, now: @escaping @Sendable () -> Date) {
        self.outbox = outbox
        self.owner = owner
        self.now = now
    }

    /// Marks a row as about to be sent; false when this owner no longer holds it (see `markAttempted`).
    func attempted(_ id: Int64) async throws -> Bool {
        // An ephemeral message has no row to mark (see `OutboxMessage.ephemeral`).
        if id < 0 { return true }
        return try await withCheckedThrowingContinuation { continuation in
            attempted.append((id, continuation))
            startWriting()
        }
    }

    /// Marks a row as sent.
    func sent(_ id: Int64) async throws {
        if id < 0 { return }
        try await withCheckedThrowingContinuation { continuation in
            sent.append((id, continuation))
            startWriting()
        }
    }

    private func startWriting() {
        guard !writing else { return }
        writing = true
        Task { await self.writeAll() }
    }

    private func writeAll() async {
        while !sent.isEmpty || !attempted.isEmpty {
            let (sentBatch, attemptedBatch) = (sent, attempted)
            (sent, attempted) = ([], [])
            do {
                let sentIDs = sentBatch.map(\.id)
                let attemptedIDs = attemptedBatch.map(\.id)
                let held = try await outbox.mark(sent: sentIDs, attempted: attemptedIDs, owner: owner, at: now())
                for request in sentBatch { request.done.resume() }
                for request in attemptedBatch { request.done.resume(returning: held.contains(request.id)) }
            } catch {
                for request in sentBatch { request.done.resume(throwing: error) }
                for request in attemptedBatch { request.done.resume(throwing: error) }
            }
        }
        writing = false
    }
}
