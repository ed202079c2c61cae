import BookingCore
import Crypto
import Foundation
import Storage

/// Why an archive is refused; nothing is written for any of them.
public enum ArchiveError: Error, CustomStringConvertible, Equatable {
    /// Not an archive of ours (or not one this build can read).
    case unreadable(String)
    /// It ends before its manifest.
    case truncated(String)
    /// Its content disagrees with its manifest.
    case corrupted(String)

    public var description: String {
        switch self {
        case .unreadable(let why): "not a readable Zapis tenant archive: \(why)"
        case .truncated(let why): "the archive is truncated (\(why)); nothing was restored"
        case .corrupted(let why): "the archive is corrupted (\(why)); nothing was restored"
        }
    }
}

extension TenantArchive {
    /// The largest archive read (a tenant's archive is a few megabytes; this bounds a hostile one).
    public static let maxBytes = 1 << 30

    /// Reads and checks the archive at `url`: header, every row against its table's columns, the file's checksum and
    /// each table's count and content checksum against the manifest.
    public static func read(_ url: URL) throws -> TenantArchive {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
        guard let size else { throw ArchiveError.unreadable("cannot read \(url.path)") }
        guard size <= maxBytes else { throw ArchiveError.unreadable("larger than \(maxBytes) bytes") }
        return try decode(try Data(contentsOf: url))
    }

    private struct Line: Decodable {
        var t: String
        var r: [Cell]
    }

    private struct Cell: Decodable {
        var value: PortableValue
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                value = .null
            } else if let integer = try? container.decode(Int64.self) {
                value = .integer(integer)
            } else {
                value = .text(try container.decode(String.self))
            }
        }
    }

    private struct ManifestLine: Decodable { var manifest: Manifest }

    /// Parses and checks archive bytes.
    static func decode(_ data: Data) throws -> TenantArchive {
        let bytes = [UInt8](data)
        guard !bytes.isEmpty else { throw ArchiveError.truncated("the file is empty") }
        guard bytes.last == 0x0A else { throw ArchiveError.truncated("the last line is cut off") }
        // Line boundaries; the manifest is the last line.
        let ends = bytes.indices.filter { bytes[$0] == 0x0A }
        let decoder = JSONDecoder()
        guard let firstEnd = ends.first, let header = try? decoder.decode(Header.self, from: Data(bytes[0..<firstEnd])),
            header.format == format
        else { throw ArchiveError.unreadable("no archive header") }
        guard header.version >= 1, header.version <= version else {
            throw ArchiveError.unreadable("format version \(header.version); this build reads 1…\(version)")
        }
        guard let tenant = TenantID(header.tenant) else { throw ArchiveError.corrupted("tenant id \(header.tenant.prefix(60))") }
        let current = PortableSchema.tenantArchiveTables
        let tables = try archiveTables(header.tables, current: current)
        let lastStart = ends.count >= 2 ? ends[ends.count - 2] + 1 : 0
        guard ends.count >= 2, let manifest = try? decoder.decode(ManifestLine.self, from: Data(bytes[lastStart..<bytes.count - 1])).manifest
        else { throw ArchiveError.truncated("no manifest at the end") }
        guard SHA256.hash(data: bytes[0..<lastStart]).hex == manifest.sha256 else {
            throw ArchiveError.corrupted("the file's SHA-256 differs from its manifest")
        }
        let byName = Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0) })
        var rows: [String: [PortableRow]] = [:]
        var checksum = PortableChecksum()
        for table in tables { checksum.touch(table) }
        var start = firstEnd + 1
        for end in ends.dropFirst().dropLast() {
            defer { start = end + 1 }
            guard let line = try? decoder.decode(Line.self, from: Data(bytes[start..<end])), let table = byName[line.t] else {
                throw ArchiveError.corrupted("unreadable row at byte \(start)")
            }
            guard line.r.count == table.columns.count else { throw ArchiveError.corrupted("a row of \(table.name) has \(line.r.count) values") }
            let row = try zip(table.columns, line.r).map { column, cell in try value(cell.value, column: column, table: table) }
            if let column = table.tenantColumn, let index = table.index(of: column), row[index] != .text(tenant.rawValue) {
                throw ArchiveError.corrupted("a row of \(table.name) belongs to another tenant")
            }
            checksum.add(row, of: table, skipping: PortableChecksum.tenantSkips(table))
            rows[table.name, default: []].append(row)
        }
        // Each table as the archive wrote it, against its manifest.
        let actual = checksum.tables
        for table in tables {
            let want = manifest.tables[table.name], got = actual[table.name]
            guard want == got else {
                throw ArchiveError.corrupted(
                    "table \(table.name): \(got?.rows ?? 0) rows with checksum \(got?.sha256.prefix(12) ?? "-"), manifest says "
                        + "\(want?.rows ?? 0) with \(want?.sha256.prefix(12) ?? "-")")
            }
        }
        guard rows["tenants"]?.count == 1 else { throw ArchiveError.corrupted("it must hold exactly one tenant row") }
        // Then in today's columns: a column the archive's build did not have yet takes its absent value.
        let filled = Dictionary(uniqueKeysWithValues: rows.map { name, rows in
            let (table, now) = (byName[name]!, current.first { $0.name == name }!)
            let positions = now.columns.map { table.index(of: $0.name) }
            return (name, rows.map { row in zip(now.columns, positions).map { column, at in at.map { row[$0] } ?? PortableSchema.absent(now, column) } })
        })
        let archive = TenantArchive(
            tenant: tenant, createdAt: ISO8601DateFormatter().date(from: header.created_at) ?? .distantPast, source: header.source, rows: filled)
        return archive
    }

    /// The archive's tables as its header lists them: known tables with a subset of today's columns (of the same
    /// kinds) and their key and tenant columns. A table or column this build does not know was written by a newer
    /// build and is refused; one the archive lacks was added since (no rows, or absent values).
    private static func archiveTables(_ listed: [Header.Table], current: [PortableTable]) throws -> [PortableTable] {
        let known = Dictionary(uniqueKeysWithValues: current.map { ($0.name, $0) })
        guard Set(listed.map(\.name)).count == listed.count else { throw ArchiveError.corrupted("a table is listed twice") }
        guard listed.contains(where: { $0.name == "tenants" }) else { throw ArchiveError.corrupted("it has no tenants table") }
        return try listed.map { entry in
            guard let table = known[entry.name] else {
                throw ArchiveError.unreadable("table \(entry.name.prefix(60)) is unknown to this build (written by a newer Zapis?)")
            }
            var seen = Set<String>()
            for column in entry.columns {
                guard seen.insert(column.name).inserted, let ours = table.columns.first(where: { $0.name == column.name }), ours.kind == column.kind
                else { throw ArchiveError.unreadable("column \(entry.name).\(column.name.prefix(60)) is unknown to this build or of another kind") }
            }
            let needed = table.key + [table.tenantColumn, table.localIdentity].compactMap { $0 }
            guard needed.allSatisfy(seen.contains) else { throw ArchiveError.corrupted("table \(entry.name) lacks its key columns") }
            return table.with(columns: entry.columns.map { PortableColumn($0.name, $0.kind) })
        }
    }

    /// A cell checked against its column's kind.
    private static func value(_ cell: PortableValue, column: PortableColumn, table: PortableTable) throws -> PortableValue {
        let place = "\(table.name).\(column.name)"
        switch (cell, column.kind) {
        case (.null, _): return .null
        case (.integer(let value), .boolean):
            guard value == 0 || value == 1 else { throw ArchiveError.corrupted("\(place) is \(value), not 0 or 1") }
            return cell
        case (.integer(let value), .instant):
            guard abs(value) <= Int64(PortableInstant.maxSeconds) * 1_000_000 else { throw ArchiveError.corrupted("\(place): time out of range") }
            return cell
        case (.integer, .integer), (.text, .text): return cell
        case (.text(let text), .json):
            guard let canonical = try? PortableJSON.canonical(text) else { throw ArchiveError.corrupted("\(place) is not JSON") }
            return .text(canonical)
        case (.text(let text), .blob):
            guard let bytes = Data(base64Encoded: text) else { throw ArchiveError.corrupted("\(place) is not base64") }
            return .blob([UInt8](bytes))
        default: throw ArchiveError.corrupted("\(place) holds a value of the wrong kind")
        }
    }
}
