import BookingCore
import Foundation

/// One row of the import ledger: which of our rows an original row became, and a fingerprint of what it was mapped to.
public struct ImportLedgerEntry: Hashable, Sendable {
    /// The source, e.g. `postgres:client_001` or `sqlite:original.db`.
    public var source: String
    /// The kind of row: `service`, `customer`, `booking`, …
    public var kind: String
    /// The original's key of the row (its id, or a natural key where it has none).
    public var originalKey: String
    /// Our id it became (0 where our row has no numeric id, e.g. a text override).
    public var ourID: Int64
    /// A digest of the mapped content; a re-import with a different one is a conflict.
    public var fingerprint: String

    /// Creates an entry.
    public init(source: String, kind: String, originalKey: String, ourID: Int64, fingerprint: String) {
        self.source = source
        self.kind = kind
        self.originalKey = originalKey
        self.ourID = ourID
        self.fingerprint = fingerprint
    }
}

/// What an import from the original bot writes beyond the ordinary stores: bookings as they were (any status, their
/// own creation time and history) and the ledger that makes a re-import change nothing.
public protocol ImportStore: Sendable {
    /// Every ledger entry of `tenant` from `source`.
    func importLedger(source: String, tenant: TenantID) async throws -> [ImportLedgerEntry]
    /// Adds ledger entries (a key already present is replaced).
    func recordImported(_ entries: [ImportLedgerEntry], tenant: TenantID) async throws
    /// Inserts `booking` as it is (status, creation time; its id is assigned) with `history` verbatim. A confirmed
    /// booking must not overlap another confirmed one of its master: throws `BookingError.slotTaken`.
    func importBooking(_ booking: Booking, history: [BookingHistoryEntry], tenant: TenantID) async throws -> Booking
}
