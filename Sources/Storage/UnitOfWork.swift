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
}
