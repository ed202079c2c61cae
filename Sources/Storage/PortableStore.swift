import BookingCore

/// One value of a portable row; its column's `PortableKind` says how to read it (an instant is `.integer`
/// microseconds, a boolean `.integer` 0 or 1, JSON canonical `.text`).
public enum PortableValue: Hashable, Sendable {
    /// SQL NULL.
    case null
    /// A whole number (also booleans and instants).
    case integer(Int64)
    /// Text (also canonical JSON).
    case text(String)
    /// Bytes.
    case blob([UInt8])
}

/// A row: values in the order of its table's columns.
public typealias PortableRow = [PortableValue]

/// Reads rows in their portable form inside one read-only snapshot (see `PortableStore.withPortableSnapshot`).
public protocol PortableReader: Sendable {
    /// The ids in the tenants table, sorted.
    func tenantIDs() async throws -> [TenantID]
    /// The rows of `table`, in key order: of `tenant` (required for `.tenant` tables), or every row when nil.
    func rows(of table: PortableTable, tenant: TenantID?) async throws -> [PortableRow]
}

/// Writes rows in their portable form inside one transaction (see `PortableStore.withPortableWriter`); reads in it
/// see what it wrote.
public protocol PortableWriter: PortableReader {
    /// Whether the tenants table has `tenant`.
    func hasTenant(_ tenant: TenantID) async throws -> Bool
    /// The tables that hold rows (a move needs an empty target).
    func nonEmptyTables() async throws -> [String]
    /// Removes every row of `tenant` (its schema on PostgreSQL), the tenant's own row included.
    func removeTenant(_ tenant: TenantID) async throws
    /// Removes every row of a platform table (undoing a failed move).
    func clear(_ table: PortableTable) async throws
    /// Prepares room for the rows of `tenant`'s own tables once its tenants row is written (PostgreSQL creates and
    /// migrates its schema).
    func prepareTenant(_ tenant: TenantID) async throws
    /// Inserts rows into `table` (of `tenant` for `.tenant` tables). With `keepLocalIdentity` false the table's
    /// `localIdentity` column is left to the target. Throws `StorageError.duplicate` when a key is taken.
    func insert(_ rows: [PortableRow], into table: PortableTable, tenant: TenantID?, keepLocalIdentity: Bool) async throws
}

/// A backend that can hand out and take in its rows in the portable form: backups, restores and moves.
public protocol PortableStore: Sendable {
    /// Which backend: `sqlite` or `postgres`.
    var portableKind: String { get }
    /// Runs `body` with a reader on one consistent, read-only snapshot.
    func withPortableSnapshot<T: Sendable>(_ body: @Sendable (any PortableReader) async throws -> T) async throws -> T
    /// Runs `body` with a writer in one transaction: all of it is written, or (when `body` throws) nothing.
    func withPortableWriter<T: Sendable>(_ body: @Sendable (any PortableWriter) async throws -> T) async throws -> T
}
