import BookingCore
import Crypto
import Foundation
import Storage

/// One tenant's data in a file of JSON lines, the same whatever database it came from or goes to:
/// a header (format, version, tenant, the tables and their columns), one line per row (`{"t":table,"r":[values]}`,
/// blobs in base64, instants as microseconds), and a closing manifest with each table's row count and content
/// checksum (`PortableChecksum`) and the SHA-256 of every byte before it. Without its manifest a file is truncated;
/// with a manifest that disagrees it is corrupted: either way it is refused before anything is written.
/// Sealed bot tokens stay sealed: restoring one needs the master key that sealed it, or `zapis tenant set-token`.
public struct TenantArchive: Sendable {
    /// The format's name in the header.
    public static let format = "zapis-tenant-archive"
    /// The newest format version this build writes and reads.
    public static let version = PortableSchema.version
    /// File name suffix.
    public static let fileExtension = "zapis-archive"

    /// The first line.
    struct Header: Codable, Sendable {
        struct Table: Codable, Sendable {
            var name: String
            var columns: [Column]
        }
        struct Column: Codable, Sendable {
            var name: String
            var kind: PortableKind
        }
        var format: String
        var version: Int
        var tenant: String
        var created_at: String
        var zapis: String
        var source: String
        var tables: [Table]
    }

    /// The last line.
    struct Manifest: Codable, Sendable {
        var tables: [String: PortableChecksum.Table]
        /// Hex SHA-256 of every byte before the manifest line.
        var sha256: String
    }

    /// The tenant.
    public let tenant: TenantID
    /// When the snapshot was taken.
    public let createdAt: Date
    /// The backend it was read from.
    public let source: String
    /// Rows by table name.
    public let rows: [String: [PortableRow]]
    /// Each table's count and checksum.
    let checksums: [String: PortableChecksum.Table]

    /// An archive of `rows`, checksummed.
    init(tenant: TenantID, createdAt: Date, source: String, rows: [String: [PortableRow]]) {
        self.tenant = tenant
        self.createdAt = createdAt
        self.source = source
        self.rows = rows
        var checksum = PortableChecksum()
        for table in PortableSchema.tenantArchiveTables {
            checksum.touch(table)
            for row in rows[table.name] ?? [] { checksum.add(row, of: table, skipping: PortableChecksum.tenantSkips(table)) }
        }
        checksums = checksum.tables
    }

    /// Rows per table, for reports.
    public var counts: [String: Int] { rows.mapValues(\.count) }

    /// The file's bytes.
    ///
    /// `tables` is what the file lists: today's tables, or (for tests of reading older archives) fewer tables or
    /// columns, each row cut to them.
    func encoded(as tables: [PortableTable] = PortableSchema.tenantArchiveTables) throws -> Data {
        let header = Header(
            format: Self.format, version: Self.version, tenant: tenant.rawValue,
            created_at: ISO8601DateFormatter().string(from: createdAt), zapis: ZapisVersion.string, source: source,
            tables: tables.map { table in .init(name: table.name, columns: table.columns.map { .init(name: $0.name, kind: $0.kind) }) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var body = try encoder.encode(header)
        body.append(0x0A)
        var checksum = PortableChecksum()
        for table in tables {
            checksum.touch(table)
            guard let full = PortableSchema.tenantArchiveTables.first(where: { $0.name == table.name }) else { continue }
            let positions = table.columns.compactMap { full.index(of: $0.name) }
            let whole = positions == Array(full.columns.indices)
            for row in rows[table.name] ?? [] {
                let cut = whole ? row : positions.map { row.indices.contains($0) ? row[$0] : .null }
                checksum.add(cut, of: table, skipping: PortableChecksum.tenantSkips(table))
                body.append(contentsOf: Array("{\"t\":\(PortableJSON.quoted(table.name)),\"r\":[".utf8))
                body.append(contentsOf: Array(cut.map(Self.json).joined(separator: ",").utf8))
                body.append(contentsOf: Array("]}\n".utf8))
            }
        }
        let manifest = Manifest(tables: checksum.tables, sha256: SHA256.hash(data: body).hex)
        body.append(contentsOf: Array("{\"manifest\":".utf8))
        body.append(try encoder.encode(manifest))
        body.append(contentsOf: Array("}\n".utf8))
        return body
    }

    static func json(_ value: PortableValue) -> String {
        switch value {
        case .null: "null"
        case .integer(let integer): String(integer)
        case .text(let text): PortableJSON.quoted(text)
        case .blob(let bytes): "\"" + Data(bytes).base64EncodedString() + "\""
        }
    }
}

extension Digest {
    /// Lowercase hex.
    var hex: String { map { String(format: "%02x", $0) }.joined() }
}
