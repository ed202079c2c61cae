import BookingCore
import Foundation
import Logging
import Storage
import Synchronization

/// Conversation state on Redis with a SQL (or in-memory) store behind it: while Redis fails or times out, state is
/// read from and written to the fallback store; when Redis answers again, a conversation written during the outage
/// is moved back to Redis the next time it is touched (the app serialises a chat's updates, so the move cannot race
/// with that chat's own writes), and its fallback copy is removed so a later outage cannot serve it stale.
public final class FallbackConversationStore: ConversationStore {
    /// Redis.
    public let primary: any ConversationStore
    /// The SQL or in-memory store.
    public let fallback: any ConversationStore
    /// Health of Redis, shared with the other fallback stores.
    public let circuit: FallbackCircuit
    /// Conversations whose newest state lives in the fallback store, with the time of that write; shared by every
    /// store made with `using(fallback:)`, so what one update wrote during an outage is moved back by a later one.
    private let divergence: Divergence

    /// Wraps a primary and a fallback store.
    public convenience init(primary: any ConversationStore, fallback: any ConversationStore, circuit: FallbackCircuit = FallbackCircuit()) {
        self.init(primary: primary, fallback: fallback, circuit: circuit, divergence: Divergence())
    }

    private init(primary: any ConversationStore, fallback: any ConversationStore, circuit: FallbackCircuit, divergence: Divergence) {
        self.primary = primary
        self.fallback = fallback
        self.circuit = circuit
        self.divergence = divergence
    }

    /// The same Redis store over another view of the same fallback data (an update's own transaction), sharing what
    /// is known to have diverged during an outage.
    public func using(fallback view: any ConversationStore) -> FallbackConversationStore {
        FallbackConversationStore(primary: primary, fallback: view, circuit: circuit, divergence: divergence)
    }

    /// Conversations written to the fallback store and not yet moved back to Redis.
    public var pendingMoves: Int { divergence.keys.withLock { $0.count } }

    /// Reads from Redis (moving an outage's state back first), or from the fallback while Redis is down.
    public func loadState(_ key: ConversationKey) async throws -> [UInt8]? {
        try await circuit.run(
            "load state",
            primary: {
                if let state = try await moveBack(key) { return state }
                return try await primary.loadState(key)
            },
            fallback: { try await fallback.loadState(key) })
    }

    /// Writes to Redis, or to the fallback while Redis is down.
    public func saveState(_ state: [UInt8], for key: ConversationKey, now: Date) async throws {
        try await circuit.run(
            "save state",
            primary: {
                try await primary.saveState(state, for: key, now: now)
                try await dropFallbackCopy(key)
            },
            fallback: {
                try await fallback.saveState(state, for: key, now: now)
                divergence.keys.withLock { $0[key] = now }
            })
    }

    /// Clears in Redis, or in the fallback while Redis is down (and in Redis once it is back).
    public func clearState(_ key: ConversationKey) async throws {
        try await circuit.run(
            "clear state",
            primary: {
                try await primary.clearState(key)
                try await dropFallbackCopy(key)
            },
            fallback: {
                try await fallback.clearState(key)
                divergence.keys.withLock { $0[key] = $0[key] ?? Date(timeIntervalSince1970: 0) }
            })
    }

    /// Copies a conversation written during an outage back to Redis (or clears it there) and returns its state.
    private func moveBack(_ key: ConversationKey) async throws -> [UInt8]?? {
        guard let writtenAt = divergence.keys.withLock({ $0[key] }) else { return nil }
        let state = try await fallback.loadState(key)
        if let state {
            try await primary.saveState(state, for: key, now: writtenAt)
        } else {
            try await primary.clearState(key)
        }
        try await dropFallbackCopy(key)
        return .some(state)
    }

    /// The shared record of diverged conversations.
    final class Divergence: Sendable {
        let keys = Mutex<[ConversationKey: Date]>([:])
    }

    private func dropFallbackCopy(_ key: ConversationKey) async throws {
        guard divergence.keys.withLock({ $0[key] != nil }) else { return }
        try await fallback.clearState(key)
        divergence.keys.withLock { _ = $0.removeValue(forKey: key) }
    }
}
