import BookingCore
import Foundation

/// The in-memory outbox: the reference behaviour for tests. Its "transactions" do not roll back.
public actor InMemoryOutbox: OutboxStore {
    private var messages: [OutboxMessage] = []
    private var sent: Set<Int64> = []
    private var givenUp: Set<Int64> = []
    private var unreachable: Set<String> = []
    private var nextID: Int64 = 1

    /// Creates an empty outbox.
    public init() {}

    public func enqueue(_ entries: [OutboxEntry], tenant: TenantID, now: Date) {
        for entry in entries {
            messages.append(OutboxMessage(
                id: nextID, tenant: tenant, chatID: entry.chatID, payload: entry.payload, priority: entry.priority,
                dueAt: entry.dueAt, bookingID: entry.bookingID))
            nextID += 1
        }
    }

    public func dueMessages(now: Date, limit: Int) -> [OutboxMessage] {
        Array(messages.filter { !sent.contains($0.id) && !givenUp.contains($0.id) && $0.dueAt <= now }
            .sorted { ($0.priority, $0.id) < ($1.priority, $1.id) }.prefix(limit))
    }

    public func markSent(_ id: Int64, at: Date) { sent.insert(id) }

    public func markFailed(_ id: Int64, error: String, retryAt: Date?, at: Date) {
        guard let index = messages.firstIndex(where: { $0.id == id }) else { return }
        messages[index].attempts += 1
        if let retryAt { messages[index].dueAt = retryAt } else { givenUp.insert(id) }
    }

    public func markUnreachable(chat: Int64, tenant: TenantID, at: Date) { unreachable.insert("\(tenant)/\(chat)") }

    public func withdraw(booking: BookingID, tenant: TenantID) {
        messages.removeAll { $0.tenant == tenant && $0.bookingID == booking && !sent.contains($0.id) }
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
        self.stores = stores
        self.outbox = outbox
    }

    public func inTransaction<T: Sendable>(_ body: @Sendable (TransactionContext) async throws -> T) async throws -> T {
        try await body(TransactionContext(stores: stores, outbox: outbox))
    }
}
