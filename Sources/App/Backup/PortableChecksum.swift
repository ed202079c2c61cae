import Crypto
import Foundation
import Storage

/// Content checksums of portable rows, independent of the row order and of how a file or database spells them: each
/// row's canonical bytes (a tag, a length and the bytes of every value) are hashed with SHA-256, and a table's
/// checksum is the SHA-256 of its rows' digests sorted.
struct PortableChecksum: Sendable {
    /// Rows and checksum of one table.
    struct Table: Codable, Hashable, Sendable {
        /// How many rows.
        var rows: Int
        /// Hex SHA-256 of the sorted row digests.
        var sha256: String
    }

    private var digests: [String: [[UInt8]]] = [:]

    /// Counts `row` of `table`; `skipping` names columns left out (a tenant archive leaves out the tenant column and
    /// ids the target assigns), `prefix` adds a value first (a move adds the tenant of a tenant table's row).
    mutating func add(_ row: PortableRow, of table: PortableTable, skipping: Set<String> = [], prefix: PortableValue? = nil) {
        var hasher = SHA256()
        if let prefix { Self.feed(prefix, into: &hasher) }
        for (column, value) in zip(table.columns, row) where !skipping.contains(column.name) { Self.feed(value, into: &hasher) }
        digests[table.name, default: []].append(Array(hasher.finalize()))
    }

    /// Makes sure `table` appears (with 0 rows) even when it has none.
    mutating func touch(_ table: PortableTable) { digests[table.name, default: []] += [] }

    /// Every table's count and checksum.
    var tables: [String: Table] {
        digests.mapValues { rows in
            var hasher = SHA256()
            for digest in rows.sorted(by: { $0.lexicographicallyPrecedes($1) }) { hasher.update(data: digest) }
            return Table(rows: rows.count, sha256: hasher.finalize().map { String(format: "%02x", $0) }.joined())
        }
    }

    private static func feed(_ value: PortableValue, into hasher: inout SHA256) {
        func length(_ count: Int) -> [UInt8] { withUnsafeBytes(of: UInt64(count).bigEndian, Array.init) }
        switch value {
        case .null: hasher.update(data: [0])
        case .integer(let integer): hasher.update(data: [1] + withUnsafeBytes(of: integer.bigEndian, Array.init))
        case .text(let text):
            let bytes = Array(text.utf8)
            hasher.update(data: [2] + length(bytes.count) + bytes)
        case .blob(let bytes): hasher.update(data: [3] + length(bytes.count) + bytes)
        }
    }

    /// The columns a tenant archive's checksums leave out: the tenant column (an archive restores under another id)
    /// and the ids a restore lets the target assign.
    static func tenantSkips(_ table: PortableTable) -> Set<String> {
        Set([table.tenantColumn, table.localIdentity].compactMap { $0 })
    }
}
