import BookingCore
import Foundation
import Storage
import Testing

/// The sender's fast path: rows claimed as they are written (only when their chat has nothing ahead), and marks
/// written in batches with the same meaning as one by one.
@Suite("Outbox fast path", .storeScope)
struct OutboxFastPathTests {
    typealias Backend = OutboxContractTests.Backend
    static let now = OutboxContractTests.now
    static let tenant = TenantID("client_001")!
    static let claim = OutboxClaim(owner: "a", leaseUntil: now.addingTimeInterval(30))

    static func make(_ backend: Backend) async throws -> any OutboxStore {
        try await OutboxContractTests.make(backend).0
    }

    @Test(arguments: Backend.transactional)
    func repliesToAnIdleChatAreClaimedAsTheyAreWritten(backend: Backend) async throws {
        let outbox = try await Self.make(backend)
        let later = Self.now.addingTimeInterval(3600)
        let entries = [
            OutboxEntry(chatID: 1, payload: [1], dueAt: Self.now),
            OutboxEntry(chatID: 1, payload: [2], dueAt: Self.now),
            OutboxEntry(chatID: 1, payload: [3], dueAt: later, bookingID: BookingID(9), expiresAt: later.addingTimeInterval(60)),
            OutboxEntry(chatID: 2, payload: [4], priority: .bulk, dueAt: Self.now, tag: "broadcast:1"),
            OutboxEntry(chatID: nil, payload: [5], dueAt: Self.now),
        ]
        let claimed = try await outbox.enqueue(entries, tenant: Self.tenant, now: Self.now, claim: Self.claim)
        // Due calls of idle chats: yes; the reminder (later) and the broadcast row (bulk): no, they wait for a claim.
        #expect(claimed.map(\.payload) == [[1], [2], [5]])
        #expect(claimed.map(\.chatID) == [1, 1, nil])
        // Nobody else can take them, and their owner may start them.
        let other = try await outbox.claimDue(now: Self.now, limit: 10, owner: "b", leaseUntil: Self.claim.leaseUntil)
        #expect(other.map(\.payload) == [[4]])
        #expect(try await !outbox.markAttempted(claimed[0].id, owner: "b", at: Self.now))
        #expect(try await outbox.markAttempted(claimed[0].id, owner: "a", at: Self.now))
        // The reminder kept its booking, expiry and due time.
        let due = try await outbox.claimDue(now: later, limit: 10, owner: "b", leaseUntil: later.addingTimeInterval(30))
        #expect(due.map(\.payload).contains([3]))
        let reminder = try #require(due.first { $0.payload == [3] })
        #expect(reminder.bookingID == BookingID(9) && reminder.expiresAt == later.addingTimeInterval(60))
    }

    @Test(arguments: Backend.transactional)
    func aChatWithRowsAheadKeepsItsOrder(backend: Backend) async throws {
        let outbox = try await Self.make(backend)
        try await outbox.enqueue([OutboxEntry(chatID: 1, payload: [1], dueAt: Self.now)], tenant: Self.tenant, now: Self.now)
        // Row 1 waits for a claim: rows after it must not overtake it.
        let claimed = try await outbox.enqueue(
            [OutboxEntry(chatID: 1, payload: [2], dueAt: Self.now), OutboxEntry(chatID: 3, payload: [3], dueAt: Self.now)],
            tenant: Self.tenant, now: Self.now, claim: Self.claim)
        #expect(claimed.map(\.payload) == [[3]])
        let rest = try await outbox.claimDue(now: Self.now, limit: 10, owner: "b", leaseUntil: Self.claim.leaseUntil)
        #expect(rest.map(\.payload) == [[1], [2]])
    }

    @Test(arguments: Backend.allCases)
    func batchedMarksMeanWhatSingleMarksMean(backend: Backend) async throws {
        let (store, _) = try await OutboxContractTests.make(backend)
        try await store.enqueue((1...4).map { OutboxEntry(chatID: Int64($0), payload: [UInt8($0)], dueAt: Self.now) }, tenant: Self.tenant, now: Self.now)
        let rows = try await store.claimDue(now: Self.now, limit: 10, owner: "a", leaseUntil: Self.claim.leaseUntil)
        #expect(rows.count == 4)
        try await store.markSent(rows[3].id, at: Self.now)
        let sent = [rows[0].id]
        let attempted = [rows[1].id, rows[2].id, rows[3].id]
        let held = try await store.mark(sent: sent, attempted: attempted, owner: "a", at: Self.now)
        #expect(held == [rows[1].id, rows[2].id])  // row 4 was sent already
        #expect(try await store.dueMessages(now: Self.now, limit: 10).map(\.id) == [rows[1].id, rows[2].id])
        // Attempted rows are in doubt once released and claimed again.
        try await store.release([rows[1].id, rows[2].id], owner: "a")
        let again = try await store.claimDue(now: Self.now.addingTimeInterval(31), limit: 10, owner: "b", leaseUntil: Self.now.addingTimeInterval(60))
        #expect(again.allSatisfy { $0.attemptedAt != nil } && again.count == 2)
    }
}
