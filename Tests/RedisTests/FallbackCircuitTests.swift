import BookingCore
import Foundation
import Storage
import StorageRedis
import Synchronization
import Testing

/// A conversation store that fails on demand and counts its calls: a stand-in for Redis going away.
final class FlakyConversationStore: ConversationStore {
    let inner = InMemoryStore()
    let failing = Mutex(false)
    let calls = Atomic<Int>(0)

    struct Down: Error {}

    private func enter() throws {
        calls.add(1, ordering: .relaxed)
        if failing.withLock({ $0 }) { throw Down() }
    }

    func loadState(_ key: ConversationKey) async throws -> [UInt8]? {
        try enter()
        return await inner.loadState(key)
    }

    func saveState(_ state: [UInt8], for key: ConversationKey, now: Date) async throws {
        try enter()
        await inner.saveState(state, for: key, now: now)
    }

    func clearState(_ key: ConversationKey) async throws {
        try enter()
        await inner.clearState(key)
    }
}

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    private let origin = ContinuousClock.now
    private let offset = Mutex(Duration.zero)

    func advance(_ duration: Duration) { offset.withLock { $0 += duration } }
    var now: @Sendable () -> ContinuousClock.Instant { { [self] in origin + offset.withLock { $0 } } }
}

@Suite("Fallback circuit", .timeLimit(.minutes(2)))
struct FallbackCircuitTests {
    static let now = Date(timeIntervalSince1970: 1_796_000_000)
    let key = ConversationKey(tenant: TenantID("client_001")!, chat: ChatID(1), user: UserID(2))

    @Test func servesFromTheFallbackAndProbesWithBackoff() async throws {
        let clock = ManualClock()
        let primary = FlakyConversationStore()
        let fallback = InMemoryStore()
        let circuit = FallbackCircuit(policy: .init(initialBackoff: .seconds(1), maximumBackoff: .seconds(4)), now: clock.now)
        let store = FallbackConversationStore(primary: primary, fallback: fallback, circuit: circuit)

        try await store.saveState([1], for: key, now: Self.now)
        #expect(await primary.inner.loadState(key) == [1])
        #expect(circuit.fallbackCount == 0 && !circuit.isDegraded)

        primary.failing.withLock { $0 = true }
        try await store.saveState([2], for: key, now: Self.now)
        #expect(await fallback.loadState(key) == [2])
        #expect(circuit.isDegraded && circuit.fallbackCount == 1 && circuit.failureCount == 1)
        #expect(store.pendingMoves == 1)

        // Within the backoff Redis is not touched at all.
        let callsWhileOpen = primary.calls.load(ordering: .relaxed)
        #expect(try await store.loadState(key) == [2])
        clock.advance(.milliseconds(900))
        #expect(try await store.loadState(key) == [2])
        #expect(primary.calls.load(ordering: .relaxed) == callsWhileOpen)

        // Probes at 1 s, then 2 s and 4 s later (capped at 4 s), each failing.
        for wait in [Duration.milliseconds(100), .seconds(2), .seconds(4), .seconds(4)] {
            clock.advance(wait - .milliseconds(1))
            _ = try await store.loadState(key)
            #expect(primary.calls.load(ordering: .relaxed) == callsWhileOpen)
            clock.advance(.milliseconds(1))
            _ = try await store.loadState(key)
            #expect(primary.calls.load(ordering: .relaxed) == callsWhileOpen + 1)
            primary.calls.store(callsWhileOpen, ordering: .relaxed)
        }

        // Redis is back: the next probe moves the conversation back and closes the circuit.
        primary.failing.withLock { $0 = false }
        clock.advance(.seconds(4))
        #expect(try await store.loadState(key) == [2])
        #expect(!circuit.isDegraded && store.pendingMoves == 0)
        #expect(await primary.inner.loadState(key) == [2])
        #expect(await fallback.loadState(key) == nil)
    }

    @Test func aClearDuringTheOutageReachesRedisLater() async throws {
        let primary = FlakyConversationStore()
        let fallback = InMemoryStore()
        let store = FallbackConversationStore(
            primary: primary, fallback: fallback, circuit: FallbackCircuit(policy: .init(initialBackoff: .zero)))
        try await store.saveState([1], for: key, now: Self.now)
        primary.failing.withLock { $0 = true }
        try await store.clearState(key)
        #expect(try await store.loadState(key) == nil)
        primary.failing.withLock { $0 = false }
        #expect(try await store.loadState(key) == nil)
        #expect(await primary.inner.loadState(key) == nil)
        #expect(store.pendingMoves == 0)
    }

    @Test func whenBothStoresFailTheErrorReachesTheCaller() async throws {
        let primary = FlakyConversationStore()
        let fallback = FlakyConversationStore()
        primary.failing.withLock { $0 = true }
        fallback.failing.withLock { $0 = true }
        let store = FallbackConversationStore(primary: primary, fallback: fallback)
        await #expect(throws: FlakyConversationStore.Down.self) { try await store.saveState([1], for: key, now: Self.now) }
    }
}
