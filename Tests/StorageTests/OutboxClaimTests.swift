import BookingCore
import Foundation
import Storage
import Testing

/// Claims: one owner per chat at a time, in order, with leases that return rows to the queue after a crash.
@Suite("Outbox claims", .storeScope)
struct OutboxClaimTests {
    typealias Backend = OutboxContractTests.Backend
    static let now = OutboxContractTests.now
    static let tenant = TenantID("client_001")!

    static func entry(_ chat: Int64, _ byte: UInt8, due: Date = now, priority: OutboxPriority = .transactional) -> OutboxEntry {
        OutboxEntry(chatID: chat, payload: [byte], priority: priority, dueAt: due)
    }

    @Test(arguments: Backend.allCases)
    func aClaimedChatBelongsToItsOwnerUntilSentOrReleased(backend: Backend) async throws {
        let (outbox, _) = try await OutboxContractTests.make(backend)
        try await outbox.enqueue([Self.entry(1, 1), Self.entry(1, 2), Self.entry(2, 3)], tenant: Self.tenant, now: Self.now)
        let lease = Self.now.addingTimeInterval(30)
        let first = try await outbox.claimDue(now: Self.now, limit: 1, owner: "a", leaseUntil: lease)
        #expect(first.map(\.payload) == [[1], [2]])  // one chat: its head and the rest of its due rows
        let second = try await outbox.claimDue(now: Self.now, limit: 10, owner: "b", leaseUntil: lease)
        #expect(second.map(\.payload) == [[3]])  // chat 1 is taken
        try await outbox.markSent(first[0].id, at: Self.now)
        try await outbox.release([first[1].id], owner: "a")
        let third = try await outbox.claimDue(now: Self.now, limit: 10, owner: "b", leaseUntil: lease)
        #expect(third.map(\.payload) == [[2]])
    }

    @Test(arguments: Backend.allCases)
    func anExpiryIsKeptWithTheRow(backend: Backend) async throws {
        let (outbox, _) = try await OutboxContractTests.make(backend)
        let expiry = Self.now.addingTimeInterval(600)
        try await outbox.enqueue([OutboxEntry(chatID: 1, payload: [1], dueAt: Self.now, expiresAt: expiry)], tenant: Self.tenant, now: Self.now)
        let claimed = try await outbox.claimDue(now: Self.now, limit: 10, owner: "a", leaseUntil: Self.now.addingTimeInterval(30))
        #expect(claimed.map(\.expiresAt) == [expiry])
        // Withdrawn after the claim (its booking was cancelled): no longer startable, on every backend.
        try await outbox.enqueue(
            [OutboxEntry(chatID: 2, payload: [2], dueAt: Self.now, bookingID: BookingID(5))], tenant: Self.tenant, now: Self.now)
        let reminder = try await outbox.claimDue(now: Self.now, limit: 10, owner: "a", leaseUntil: Self.now.addingTimeInterval(30))
        try await outbox.withdraw(booking: BookingID(5), tenant: Self.tenant)
        #expect(try await !outbox.markAttempted(try #require(reminder.first).id, owner: "a", at: Self.now))
    }

    @Test(arguments: Backend.allCases)
    func aLaterReminderDoesNotBlockAReplyButARetryDoes(backend: Backend) async throws {
        let (outbox, _) = try await OutboxContractTests.make(backend)
        let later = Self.now.addingTimeInterval(3600)
        try await outbox.enqueue([Self.entry(1, 1, due: later), Self.entry(1, 2), Self.entry(1, 3)], tenant: Self.tenant, now: Self.now)
        let lease = Self.now.addingTimeInterval(30)
        let claimed = try await outbox.claimDue(now: Self.now, limit: 10, owner: "a", leaseUntil: lease)
        #expect(claimed.map(\.payload) == [[2], [3]])
        // A 429 on the first: it waits three seconds, and the second waits behind it.
        try await outbox.markFailed(claimed[0].id, error: "retry after 3 s", retryAt: Self.now.addingTimeInterval(3), at: Self.now)
        try await outbox.release([claimed[1].id], owner: "a")
        #expect(try await outbox.claimDue(now: Self.now.addingTimeInterval(1), limit: 10, owner: "b", leaseUntil: lease).isEmpty)
        let after = try await outbox.claimDue(now: Self.now.addingTimeInterval(3), limit: 10, owner: "b", leaseUntil: lease)
        #expect(after.map(\.payload) == [[2], [3]])
        #expect(after.first?.attempts == 1)
    }

    @Test(arguments: Backend.allCases)
    func anExpiredLeaseReturnsRowsAndShowsWhatWasInDoubt(backend: Backend) async throws {
        let (outbox, _) = try await OutboxContractTests.make(backend)
        try await outbox.enqueue([Self.entry(1, 1), Self.entry(1, 2)], tenant: Self.tenant, now: Self.now)
        let claimed = try await outbox.claimDue(now: Self.now, limit: 10, owner: "a", leaseUntil: Self.now.addingTimeInterval(5))
        #expect(try await outbox.markAttempted(claimed[0].id, owner: "a", at: Self.now))
        // "a" stops here (SIGKILL). Until its lease ends, nobody else takes the chat.
        #expect(try await outbox.claimDue(now: Self.now.addingTimeInterval(4), limit: 10, owner: "b", leaseUntil: Self.now).isEmpty)
        let later = Self.now.addingTimeInterval(6)
        let retaken = try await outbox.claimDue(now: later, limit: 10, owner: "b", leaseUntil: later.addingTimeInterval(5))
        #expect(retaken.map(\.payload) == [[1], [2]])
        #expect(retaken[0].attemptedAt != nil)
        #expect(retaken[1].attemptedAt == nil)
        // "a" wakes up late: the rows are no longer its own, so it neither starts nor releases them.
        #expect(try await !outbox.markAttempted(retaken[1].id, owner: "a", at: later))
        try await outbox.release([retaken[1].id], owner: "a")
        #expect(try await outbox.markAttempted(retaken[1].id, owner: "b", at: later))
    }

    /// Two owners claim the same outbox at once: every row goes out exactly once, each chat in order.
    @Test(arguments: Backend.allCases)
    func concurrentOwnersSendEveryRowOnceInOrder(backend: Backend) async throws {
        let (outbox, _) = try await OutboxContractTests.make(backend)
        let entries = (0..<40).flatMap { chat in (0..<3).map { i in Self.entry(Int64(chat), UInt8(i)) } }
        try await outbox.enqueue(entries, tenant: Self.tenant, now: Self.now)
        let log = SendLog()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for owner in ["a", "b"] {
                group.addTask {
                    var idle = 0
                    while idle < 3 {
                        let claimed = try await outbox.claimDue(
                            now: Self.now, limit: 7, owner: owner, leaseUntil: Self.now.addingTimeInterval(60))
                        idle = claimed.isEmpty ? idle + 1 : 0
                        for message in claimed {
                            guard try await outbox.markAttempted(message.id, owner: owner, at: Self.now) else { continue }
                            await log.sent(message)
                            try await outbox.markSent(message.id, at: Self.now)
                        }
                        await Task.yield()
                    }
                }
            }
            try await group.waitForAll()
        }
        let sent = await log.ids
        #expect(sent.count == 120)
        #expect(Set(sent).count == 120)
        for (_, ids) in await log.byChat { #expect(ids == ids.sorted()) }
        #expect(try await outbox.dueMessages(now: Self.now, limit: 10).isEmpty)
    }
}

/// What the concurrent owners sent, in the order they sent it.
actor SendLog {
    private(set) var ids: [Int64] = []
    private(set) var byChat: [Int64: [Int64]] = [:]

    func sent(_ message: OutboxMessage) {
        ids.append(message.id)
        byChat[message.chatID ?? -1, default: []].append(message.id)
    }
}
