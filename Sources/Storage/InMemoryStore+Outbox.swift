import BookingCore
import Foundation

/// The in-memory outbox: the reference behaviour for tests. Its "transactions" do not roll back.
public actor InMemoryOutbox: OutboxStore, BroadcastLog {
    private var messages: [OutboxMessage] = []
    private var sent: Set<Int64> = []
    private var givenUp: Set<Int64> = []
    private var blocked: Set<Int64> = []
    private var tags: [Int64: (tenant: TenantID, tag: String)] = [:]
    private var unreachable: Set<String> = []
    private var nextID: Int64 = 1
    private var leases: [Int64: Date] = [:]
    private var attempted: [Int64: Date] = [:]
    private var owners: [Int64: String] = [:]

    /// Creates an empty outbox.
    public init() {}

    public func enqueue(_ entries: [OutboxEntry], tenant: TenantID, now: Date) {
        for entry in entries {
            messages.append(OutboxMessage(
                id: nextID, tenant: tenant, chatID: entry.chatID, payload: entry.payload, priority: entry.priority,
                dueAt: entry.dueAt, bookingID: entry.bookingID, kind: entry.kind, expiresAt: entry.expiresAt, tag: entry.tag))
            if let tag = entry.tag { tags[nextID] = (tenant, tag) }
            nextID += 1
        }
    }

    private func isPending(_ message: OutboxMessage) -> Bool { !sent.contains(message.id) && !givenUp.contains(message.id) }

    private func isLeased(_ message: OutboxMessage, now: Date) -> Bool { leases[message.id].map { $0 >= now } ?? false }

    public func dueMessages(now: Date, limit: Int) -> [OutboxMessage] {
        Array(messages.filter { isPending($0) && $0.dueAt <= now }.sorted { ($0.priority, $0.id) < ($1.priority, $1.id) }.prefix(limit))
    }

    public func claimDue(now: Date, limit: Int, owner: String, leaseUntil: Date, kind: OutboxKind?) -> [OutboxMessage] {
        let pending = messages.filter(isPending).sorted { ($0.priority, $0.id) < ($1.priority, $1.id) }
        let wanted = { (message: OutboxMessage) in kind == nil || message.kind == kind }
        var blockedChats: Set<String> = []
        var heads: [OutboxMessage] = []
        for message in pending {
            let chat = message.chatID.map { "\(message.tenant)/\($0)" }
            let blocks = message.dueAt <= now || message.attempts > 0 || isLeased(message, now: now)
            if let chat, blockedChats.contains(chat) { continue }
            if blocks, let chat { blockedChats.insert(chat) }
            if message.dueAt <= now, !isLeased(message, now: now), wanted(message), heads.count < limit { heads.append(message) }
        }
        let headIDs = Set(heads.map(\.id))
        let chats = Set(heads.compactMap { m in m.chatID.map { "\(m.tenant)/\($0)" } })
        // Up to the first pending row of another kind in each chat.
        var stopped: Set<String> = []
        var followers: [OutboxMessage] = []
        for m in pending where !headIDs.contains(m.id) {
            guard let chat = m.chatID.map({ "\(m.tenant)/\($0)" }), chats.contains(chat), !stopped.contains(chat) else { continue }
            if !wanted(m) {
                stopped.insert(chat)
                continue
            }
            if m.dueAt <= now, !isLeased(m, now: now) { followers.append(m) }
        }
        let claimed = (heads + followers).sorted { ($0.priority, $0.id) < ($1.priority, $1.id) }
        for message in claimed {
            leases[message.id] = leaseUntil
            owners[message.id] = owner
        }
        return claimed.map { message in
            var message = message
            message.attemptedAt = attempted[message.id]
            return message
        }
    }

    public func markAttempted(_ id: Int64, owner: String, at: Date) -> Bool {
        // A withdrawn (deleted) row is not ours to send any more, like one another owner took.
        guard owners[id] == owner, let message = messages.first(where: { $0.id == id }), isPending(message) else { return false }
        attempted[id] = at
        return true
    }

    public func release(_ ids: [Int64], owner: String) {
        for id in ids where attempted[id] == nil && owners[id] == owner {
            leases[id] = nil
            owners[id] = nil
        }
    }

    public func markSent(_ id: Int64, at: Date) {
        sent.insert(id)
        leases[id] = nil
    }

    public func markFailed(_ id: Int64, error: String, retryAt: Date?, at: Date) {
        guard let index = messages.firstIndex(where: { $0.id == id }) else { return }
        messages[index].attempts += 1
        leases[id] = nil
        if let retryAt {
            messages[index].dueAt = retryAt
            attempted[id] = nil
        } else {
            givenUp.insert(id)
        }
    }

    public func withdrawScheduled(tenant: TenantID, after now: Date, reason: String) -> Int {
        let ids = messages.filter {
            $0.tenant == tenant && $0.kind == .call && $0.bookingID != nil && $0.dueAt > now && !sent.contains($0.id) && !givenUp.contains($0.id)
        }.map(\.id)
        givenUp.formUnion(ids)
        return ids.count
    }

    public func markBlocked(_ id: Int64, error: String, at: Date) {
        markFailed(id, error: error, retryAt: nil, at: at)
        blocked.insert(id)
    }

    public func broadcastCounts(tag: String, tenant: TenantID) -> BroadcastCounts {
        let ids = Set(tags.filter { $0.value.tenant == tenant && $0.value.tag == tag }.keys)
        var counts = BroadcastCounts(total: ids.count)
        for id in ids {
            if sent.contains(id) {
                counts.sent += 1
            } else if blocked.contains(id) {
                counts.blocked += 1
            } else if givenUp.contains(id) {
                counts.failed += 1
            } else {
                counts.pending += 1
            }
        }
        return counts
    }

    public func markUnreachable(chat: Int64, tenant: TenantID, at: Date) { unreachable.insert("\(tenant)/\(chat)") }

    public func withdraw(booking: BookingID, tenant: TenantID) {
        messages.removeAll { $0.tenant == tenant && $0.bookingID == booking && !sent.contains($0.id) }
    }

    public func backlog(now: Date) -> OutboxBacklog {
        let due = messages.filter { isPending($0) && $0.dueAt <= now }
        return OutboxBacklog(dueRows: due.count, oldestDue: due.map(\.dueAt).min())
    }

    /// Sent message ids (for tests).
    public var sentIDs: Set<Int64> { sent }
}

/// In-memory stores and outbox as a unit of work that simply runs the body (no rollback).
public struct InMemoryUnitOfWork: UnitOfWork {
    let stores: Stores
    let outbox: InMemoryOutbox

    /// Bundles an in-memory store and outbox.
    public init(stores: Stores, outbox: InMemoryOutbox) {
        var stores = stores
        // Broadcast counts come from the outbox the rows are written to.
        stores.broadcasts = outbox
        self.stores = stores
        self.outbox = outbox
    }

    public func inTransaction<T: Sendable>(_ body: @Sendable (TransactionContext) async throws -> T) async throws -> T {
        try await body(TransactionContext(stores: stores, outbox: outbox))
    }
}

extension InMemoryStore: BroadcastLog {
    /// Counts of the store's own outbox (`InMemoryStore.outbox`).
    public func broadcastCounts(tag: String, tenant: TenantID) async -> BroadcastCounts {
        await outbox.broadcastCounts(tag: tag, tenant: tenant)
    }
}
