import BookingCore
import Foundation

/// Stores bound to one transaction: everything written through them commits or rolls back together.
public struct TransactionContext: Sendable {
    /// Stores inside the transaction.
    public var stores: Stores
    /// The outbox inside the transaction.
    public var outbox: any OutboxStore

    /// Bundles them.
    public init(stores: Stores, outbox: any OutboxStore) {
        self.stores = stores
        self.outbox = outbox
    }
}

/// Runs work in one transaction of the backend.
public protocol UnitOfWork: Sendable {
    /// Runs `body` in one transaction; commits when it returns, rolls back when it throws.
    func inTransaction<T: Sendable>(_ body: @Sendable (TransactionContext) async throws -> T) async throws -> T

    /// Runs `body` over stores for reading `tenant`'s data outside any write transaction: no claim, no outbox, no
    /// commit to wait for. Statements may see different moments (each sees everything committed before it began). A
    /// write through these stores is a bug; backends that can refuse it throw (`StoreReadOnly`), so callers can fall
    /// back to `inTransaction`. The default runs `body` in a transaction.
    func reading<T: Sendable>(tenant: TenantID, _ body: @Sendable (Stores) async throws -> T) async throws -> T

    /// Runs `body` over stores whose statements commit one by one, for one write that needs nothing else to commit
    /// with it (a navigation note in the conversation): no `BEGIN`/`COMMIT` round trips where the backend has them.
    /// The default runs `body` in a transaction.
    func committingEach<T: Sendable>(_ body: @Sendable (Stores) async throws -> T) async throws -> T
}

extension UnitOfWork {
    public func reading<T: Sendable>(tenant: TenantID, _ body: @Sendable (Stores) async throws -> T) async throws -> T {
        try await inTransaction { try await body($0.stores) }
    }

    public func committingEach<T: Sendable>(_ body: @Sendable (Stores) async throws -> T) async throws -> T {
        try await inTransaction { try await body($0.stores) }
    }
}

/// A write attempted through stores handed out for reading (see `UnitOfWork.reading`).
public struct StoreReadOnly: Error, Sendable, Equatable {
    /// What was refused.
    public var attempt: String

    /// Names the refused attempt.
    public init(_ attempt: String) { self.attempt = attempt }
}
