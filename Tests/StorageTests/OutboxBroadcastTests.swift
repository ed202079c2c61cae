import BookingCore
import Foundation
import Storage
import Testing

/// Tagged (broadcast) rows: bulk priority, counts per tag and tenant, and 403s counted as "blocked".
@Suite("Outbox broadcast counts", .storeScope)
struct OutboxBroadcastTests {
    typealias Backend = OutboxContractTests.Backend
    static let now = OutboxContractTests.now
    static let tenant = TenantID("client_001")!
    static let other = TenantID("client_002")!

    static func counts(_ outbox: any OutboxStore, _ tag: String, _ tenant: TenantID = tenant) async throws -> BroadcastCounts {
        try await #require(outbox as? any BroadcastLog).broadcastCounts(tag: tag, tenant: tenant)
    }

    @Test(arguments: Backend.allCases)
    func countsFollowEveryOutcomeAndStayWithinTheirTagAndTenant(backend: Backend) async throws {
        let (outbox, _) = try await OutboxContractTests.make(backend)
        let entries = (1...6).map { OutboxEntry(chatID: Int64($0), payload: [UInt8($0)], priority: .bulk, dueAt: Self.now, tag: "broadcast:1") }
        try await outbox.enqueue(entries, tenant: Self.tenant, now: Self.now)
        // The same tag of another tenant and another tag of this one are counted apart.
        try await outbox.enqueue(
            [OutboxEntry(chatID: 1, payload: [9], priority: .bulk, dueAt: Self.now, tag: "broadcast:1")], tenant: Self.other, now: Self.now)
        try await outbox.enqueue([OutboxEntry(chatID: 1, payload: [8], dueAt: Self.now, tag: "broadcast:2")], tenant: Self.tenant, now: Self.now)
        #expect(try await Self.counts(outbox, "broadcast:1") == BroadcastCounts(total: 6, pending: 6))

        let claimed = try await outbox.claimDue(now: Self.now, limit: 10, owner: "a", leaseUntil: Self.now.addingTimeInterval(30))
        // Transactional first, then the bulk rows in order.
        #expect(claimed.first?.payload == [8])
        let rows = claimed.filter { $0.tenant == Self.tenant && $0.priority == .bulk }.sorted { $0.id < $1.id }
        #expect(rows.map(\.payload) == [[1], [2], [3], [4], [5], [6]])
        // A claimed row carries its tag (the sender digests admin notices by it).
        #expect(rows.allSatisfy { $0.tag == "broadcast:1" } && claimed.first?.tag == "broadcast:2")
        try await outbox.markSent(rows[0].id, at: Self.now)
        try await outbox.markSent(rows[1].id, at: Self.now)
        try await outbox.markBlocked(rows[2].id, error: "403 blocked", at: Self.now)
        try await outbox.markFailed(rows[3].id, error: "400 chat not found", retryAt: nil, at: Self.now)
        // A 429 is retried: still pending.
        try await outbox.markFailed(rows[4].id, error: "retry after 1", retryAt: Self.now.addingTimeInterval(1), at: Self.now)
        #expect(try await Self.counts(outbox, "broadcast:1") == BroadcastCounts(total: 6, sent: 2, failed: 1, blocked: 1, pending: 2))
        #expect(try await Self.counts(outbox, "broadcast:1", Self.other) == BroadcastCounts(total: 1, pending: 1))
        #expect(try await Self.counts(outbox, "broadcast:2") == BroadcastCounts(total: 1, pending: 1))
        #expect(try await Self.counts(outbox, "broadcast:3") == BroadcastCounts())
        // A blocked row is never claimed again.
        let later = try await outbox.claimDue(
            now: Self.now.addingTimeInterval(60), limit: 10, owner: "b", leaseUntil: Self.now.addingTimeInterval(90))
        #expect(!later.contains { $0.id == rows[2].id || $0.id == rows[3].id })
    }

    /// The flows read broadcast counts through `Stores`; in memory they come from the outbox the rows went to.
    @Test func theInMemoryUnitOfWorkCountsItsOwnOutbox() async throws {
        let outbox = InMemoryOutbox()
        let unitOfWork = InMemoryUnitOfWork(stores: Stores(InMemoryStore()), outbox: outbox)
        let counts = try await unitOfWork.inTransaction { tx in
            try await tx.outbox.enqueue(
                [OutboxEntry(chatID: 1, payload: [1], priority: .bulk, dueAt: Self.now, tag: "t")], tenant: Self.tenant, now: Self.now)
            return try await tx.stores.broadcasts.broadcastCounts(tag: "t", tenant: Self.tenant)
        }
        #expect(counts == BroadcastCounts(total: 1, pending: 1))
    }
}
