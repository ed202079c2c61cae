import BookingCore
import Foundation
import Storage
import Testing

/// Pruning keeps what redelivery, the operator's "last update" and broadcast counts need, and deletes the rest.
@Suite("Housekeeping", .storeScope)
struct HousekeepingContractTests {
    static var backends: [StoreBackend] { StoreBackend.allCases.filter { $0 != .memory } }
    static let now = Fixtures.now
    static func daysAgo(_ days: Double) -> Date { now.addingTimeInterval(-days * 86_400) }

    @Test(arguments: backends)
    func oldMarksGoButEachTenantsNewestStays(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        let housekeeping = try #require(store as? any Housekeeping)
        let stores = Stores(store)
        let (a, b) = (Fixtures.tenantA, Fixtures.tenantB)
        for id in [a, b] { try await stores.tenants.insertTenant(Fixtures.tenant(id)) }
        for update in Int64(1)...3 { #expect(try await stores.updates.claimUpdate(update, tenant: a, now: Self.daysAgo(10))) }
        #expect(try await stores.updates.claimUpdate(4, tenant: a, now: Self.daysAgo(1)))
        #expect(try await stores.updates.claimUpdate(1, tenant: b, now: Self.daysAgo(30)))

        #expect(try await housekeeping.pruneProcessedUpdates(before: Self.daysAgo(7), limit: 1) == 1, "a batch is bounded")
        #expect(try await housekeeping.pruneProcessedUpdates(before: Self.daysAgo(7), limit: 100) == 2)
        #expect(try await housekeeping.pruneProcessedUpdates(before: Self.daysAgo(7), limit: 100) == 0)
        // Within the window a redelivery is still a duplicate; the quiet tenant keeps its only (newest) mark.
        #expect(try await !stores.updates.claimUpdate(4, tenant: a, now: Self.now))
        #expect(try await !stores.updates.claimUpdate(1, tenant: b, now: Self.now))
        let statsB = try await store.tenantStats(b)
        #expect(statsB.lastUpdateAt != nil)
        // Past the window the mark is gone (Telegram stopped redelivering it long before).
        #expect(try await stores.updates.claimUpdate(1, tenant: a, now: Self.now))
    }

    @Test(arguments: backends)
    func doneRowsGoPendingRowsAndRecentBroadcastsStay(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        let housekeeping = try #require(store as? any Housekeeping)
        let outbox = try #require(store as? any OutboxStore)
        let broadcasts: any BroadcastLog = store
        let a = Fixtures.tenantA
        try await Stores(store).tenants.insertTenant(Fixtures.tenant(a))
        let created = Self.daysAgo(100)
        try await outbox.enqueue(
            [
                OutboxEntry(chatID: 1, payload: [1], dueAt: created),  // sent 10 days ago: pruned
                OutboxEntry(chatID: 2, payload: [2], dueAt: created),  // given up 10 days ago: pruned
                OutboxEntry(chatID: 3, payload: [3], dueAt: Self.now.addingTimeInterval(86_400), bookingID: BookingID(7)),  // a reminder still ahead
                OutboxEntry(chatID: 4, payload: [4], dueAt: created, tag: "broadcast:1"),  // a broadcast sent 10 days ago: kept
                OutboxEntry(chatID: 5, payload: [5], dueAt: created, tag: "broadcast:0"),  // one sent 95 days ago: pruned
                OutboxEntry(chatID: 6, payload: [6], dueAt: created),  // sent yesterday: kept
            ], tenant: a, now: created)
        let due = Dictionary(uniqueKeysWithValues: try await outbox.dueMessages(now: Self.now, limit: 10).map { ($0.payload.first!, $0.id) })
        try await outbox.markSent(due[1]!, at: Self.daysAgo(10))
        try await outbox.markFailed(due[2]!, error: "Bad Request", retryAt: nil, at: Self.daysAgo(10))
        try await outbox.markSent(due[4]!, at: Self.daysAgo(10))
        try await outbox.markSent(due[5]!, at: Self.daysAgo(95))
        try await outbox.markSent(due[6]!, at: Self.daysAgo(1))

        let deleted = try await housekeeping.pruneDeliveredOutbox(before: Self.daysAgo(7), broadcastsBefore: Self.daysAgo(90), limit: 100)
        #expect(deleted == 3)
        #expect(try await housekeeping.pruneDeliveredOutbox(before: Self.daysAgo(7), broadcastsBefore: Self.daysAgo(90), limit: 100) == 0)
        #expect(try await outbox.dueMessages(now: Self.now.addingTimeInterval(2 * 86_400), limit: 10).map(\.payload) == [[3]])
        #expect(try await broadcasts.broadcastCounts(tag: "broadcast:1", tenant: a).sent == 1)
        #expect(try await broadcasts.broadcastCounts(tag: "broadcast:0", tenant: a).total == 0)
        // Everything done is gone once past the windows; the pending reminder never is.
        #expect(try await housekeeping.pruneDeliveredOutbox(before: Self.now, broadcastsBefore: Self.now, limit: 100) == 2)
        #expect(try await outbox.dueMessages(now: Self.now.addingTimeInterval(2 * 86_400), limit: 10).map(\.payload) == [[3]])
    }
}
