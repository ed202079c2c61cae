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
        // A tag byte, then a big-endian number (the integer, or the length of the bytes that follow).
        func tagged(_ tag: UInt8, _ number: UInt64) {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 9) { buffer in
                buffer[0] = tag
                withUnsafeBytes(of: number.bigEndian) { for index in 0..<8 { buffer[index + 1] = $0[index] } }
                hasher.update(bufferPointer: UnsafeRawBufferPointer(buffer))
            }
        }
        switch value {
        case .null: hasher.update(data: [0])
        case .integer(let integer): tagged(1, UInt64(bitPattern: integer))
        case .text(let text):
            var text = text
            text.withUTF8 { bytes in
                tagged(2, UInt64(bytes.count))
                hasher.update(bufferPointer: UnsafeRawBufferPointer(bytes))
            }
        case .blob(let bytes):
            tagged(3, UInt64(bytes.count))
            bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        }
    }

    /// The columns a tenant archive's checksums leave out: the tenant column (an archive restores under another id)
    /// and the ids a restore lets the target assign.
    static func tenantSkips(_ table: PortableTable) -> Set<String> {
        Set([table.tenantColumn, table.localIdentity].compactMap { $0 })
    }
}
