import BookingCore
import Foundation
import Storage
import StoragePostgres
import StorageSQLite
import Testing

@Suite("Outbox contract", .storeScope)
struct OutboxContractTests {
    enum Backend: String, CaseIterable, Sendable {
        case memory, sqlite, postgres

        static var allCases: [Backend] { StoreBackend.allCases.contains(.postgres) ? [.memory, .sqlite, .postgres] : [.memory, .sqlite] }
        /// The backends with real transactions.
        static var transactional: [Backend] { allCases.filter { $0 != .memory } }
    }

    static func make(_ backend: Backend) async throws -> (any OutboxStore, any UnitOfWork) {
        switch backend {
        case .memory:
            let outbox = InMemoryOutbox()
            return (outbox, InMemoryUnitOfWork(stores: Stores(InMemoryStore()), outbox: outbox))
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("zapis-outbox-\(UUID().uuidString).sqlite").path
            let store = try await SQLiteStore.open(path: path)
            return (store, store)
        case .postgres:
            let store = try await TestPostgres.makeStore()
            return (store, store)
        }
    }

    static let now = Date(timeIntervalSince1970: 1_796_000_000)

    @Test(arguments: Backend.allCases)
    func transactionalBeforeBulkAndSentNeverAgain(backend: Backend) async throws {
        let (outbox, _) = try await Self.make(backend)
        let tenant = TenantID("client_001")!
        try await outbox.enqueue([OutboxEntry(chatID: 1, payload: [1], priority: .bulk, dueAt: Self.now)], tenant: tenant, now: Self.now)
        try await outbox.enqueue(
            [
                OutboxEntry(chatID: 2, payload: [2], dueAt: Self.now),
                OutboxEntry(chatID: 2, payload: [3], dueAt: Self.now.addingTimeInterval(3600), bookingID: BookingID(9)),
            ], tenant: tenant, now: Self.now)
        var due = try await outbox.dueMessages(now: Self.now, limit: 10)
        #expect(due.map(\.payload) == [[2], [1]])
        try await outbox.markSent(due[0].id, at: Self.now)
        try await outbox.markFailed(due[1].id, error: "retry after 3", retryAt: Self.now, at: Self.now)
        due = try await outbox.dueMessages(now: Self.now, limit: 10)
        #expect(due.map(\.payload) == [[1]])
        #expect(due.first?.attempts == 1)
        try await outbox.markFailed(due[0].id, error: "blocked", retryAt: nil, at: Self.now)
        #expect(try await outbox.dueMessages(now: Self.now, limit: 10).isEmpty)
        // The reminder is due later, and withdrawn when its booking is cancelled.
        #expect(try await outbox.dueMessages(now: Self.now.addingTimeInterval(3600), limit: 10).map(\.payload) == [[3]])
        try await outbox.withdraw(booking: BookingID(9), tenant: tenant)
        #expect(try await outbox.dueMessages(now: Self.now.addingTimeInterval(3600), limit: 10).isEmpty)
    }

    /// The backlog counts due rows that are neither sent nor given up, with the oldest due time among them.
    @Test(arguments: Backend.allCases)
    func backlogCountsDueUnsentRows(backend: Backend) async throws {
        let (outbox, _) = try await Self.make(backend)
        let tenant = TenantID("client_001")!
        #expect(try await outbox.backlog(now: Self.now) == OutboxBacklog(dueRows: 0, oldestDue: nil))
        try await outbox.enqueue(
            [
                OutboxEntry(chatID: 1, payload: [1], dueAt: Self.now.addingTimeInterval(-120)),
                OutboxEntry(chatID: 2, payload: [2], dueAt: Self.now.addingTimeInterval(-60)),
                OutboxEntry(chatID: 3, payload: [3], dueAt: Self.now.addingTimeInterval(-30)),
                OutboxEntry(chatID: 4, payload: [4], dueAt: Self.now.addingTimeInterval(3600)),
            ], tenant: tenant, now: Self.now)
        let due = try await outbox.dueMessages(now: Self.now, limit: 10)
        try await outbox.markSent(due[0].id, at: Self.now)
        try await outbox.markFailed(due[2].id, error: "refused", retryAt: nil, at: Self.now)
        let backlog = try await outbox.backlog(now: Self.now)
        #expect(backlog.dueRows == 1)
        #expect(backlog.oldestDue.map { abs($0.timeIntervalSince(Self.now.addingTimeInterval(-60))) < 0.001 } == true)
    }

    /// A failing unit of work leaves neither its claim nor its outbox rows behind (SQLite and PostgreSQL roll back).
    @Test(arguments: Backend.transactional)
    func failedTransactionLeavesNothing(backend: Backend) async throws {
        let (outbox, unitOfWork) = try await Self.make(backend)
        let tenant = TenantID("client_001")!
        struct Boom: Error {}
        await #expect(throws: Boom.self) {
            try await unitOfWork.inTransaction { tx in
                _ = try await tx.stores.updates.claimUpdate(1, tenant: tenant, now: Self.now)
                try await tx.outbox.enqueue([OutboxEntry(chatID: 1, payload: [1], dueAt: Self.now)], tenant: tenant, now: Self.now)
                throw Boom()
            }
        }
        #expect(try await outbox.dueMessages(now: Self.now, limit: 10).isEmpty)
        let claimed = try await unitOfWork.inTransaction { tx in try await tx.stores.updates.claimUpdate(1, tenant: tenant, now: Self.now) }
        #expect(claimed)
    }
}
