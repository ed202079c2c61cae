import BookingCore
import Foundation
import Storage
import Testing

/// Calls and timers are claimed apart (the sender takes calls, the timer intake takes timers) without breaking a
/// chat's order: a row is taken only as its chat's head, and a claim stops at the first row of the other kind.
@Suite("Outbox claims by kind", .storeScope)
struct OutboxKindClaimTests {
    typealias Backend = OutboxContractTests.Backend
    static let now = OutboxContractTests.now
    static let tenant = TenantID("client_001")!

    @Test(arguments: Backend.allCases)
    func callsAndTimersOfOneChatKeepTheirOrder(backend: Backend) async throws {
        let (outbox, _) = try await OutboxContractTests.make(backend)
        try await outbox.enqueue(
            [
                OutboxEntry(chatID: 1, payload: [1], dueAt: Self.now),
                OutboxEntry(chatID: 1, payload: [2], dueAt: Self.now, kind: .timer),
                OutboxEntry(chatID: 1, payload: [3], dueAt: Self.now),
                OutboxEntry(chatID: 2, payload: [4], dueAt: Self.now, kind: .timer),
            ], tenant: Self.tenant, now: Self.now)
        let lease = Self.now.addingTimeInterval(30)
        func claim(_ kind: OutboxKind, _ owner: String) async throws -> [[UInt8]] {
            try await outbox.claimDue(now: Self.now, limit: 10, owner: owner, leaseUntil: lease, kind: kind).map(\.payload)
        }
        // The first call of chat 1, not the one behind its timer; chat 2's timer is its head.
        let calls = try await outbox.claimDue(now: Self.now, limit: 10, owner: "sender", leaseUntil: lease, kind: .call)
        #expect(calls.map(\.payload) == [[1]])
        #expect(try await claim(.timer, "timers") == [[4]])
        try await outbox.markSent(calls[0].id, at: Self.now)
        let timers = try await outbox.claimDue(now: Self.now, limit: 10, owner: "timers", leaseUntil: lease, kind: .timer)
        #expect(timers.map(\.payload) == [[2]])
        #expect(try await claim(.call, "sender").isEmpty, "a call passed the timer ahead of it")
        try await outbox.markSent(timers[0].id, at: Self.now)
        #expect(try await claim(.call, "sender") == [[3]])
    }
}
