import BookingCore
import Foundation
import Storage

/// Why a restore was refused; nothing was written.
public enum RestoreError: Error, CustomStringConvertible, Equatable {
    /// The tenant exists and `--replace` was not given.
    case tenantExists(TenantID)
    /// A key of the archive is taken in the target (SQLite numbers rows across tenants).
    case keysTaken(String)
    /// What was written reads back differently from the archive.
    case verificationFailed(String)

    public var description: String {
        switch self {
        case .tenantExists(let id): "tenant \(id) exists; pass --replace to overwrite it with the archive, or --as NEW_ID"
        case .keysTaken(let detail):
            "a row id of the archive is used by another tenant (\(detail)); SQLite numbers rows across tenants, so restore a copy "
                + "into PostgreSQL or a fresh SQLite file; nothing was restored"
        case .verificationFailed(let detail): "the restored rows differ from the archive (\(detail)); nothing was restored"
        }
    }
}

/// Tenant archives: taken from one consistent snapshot of a running database, restored in one transaction.
public enum TenantBackup {
    /// What one tenant's backup wrote.
    public struct Written: Sendable {
        /// The tenant.
        public var tenant: TenantID
        /// The archive file.
        public var file: URL
        /// Rows per table.
        public var counts: [String: Int]
        /// Bytes of the file.
        public var bytes: Int
    }

    /// Reads every row of `tenant` from one snapshot (one read transaction).
    public static func snapshot(_ tenant: TenantID, from store: any PortableStore, now: Date) async throws -> TenantArchive {
        try await store.withPortableSnapshot { reader in
            var rows: [String: [PortableRow]] = [:]
            for table in PortableSchema.tenantArchiveTables { rows[table.name] = try await reader.rows(of: table, tenant: tenant) }
            guard rows["tenants"]?.count == 1 else { throw StorageError.notFound(tenant.rawValue) }
            return TenantArchive(tenant: tenant, createdAt: now, source: store.portableKind, rows: rows)
        }
    }

    /// Backs up `tenants` (every tenant when nil), each from its own snapshot, into `directory` as
    /// `<tenant>.zapis-archive` (written beside and renamed, so a file is whole or absent).
    public static func backup(
        _ tenants: [TenantID]?, from store: any PortableStore, into directory: URL, now: Date, progress: @Sendable (Written) -> Void = { _ in }
    ) async throws -> [Written] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let ids: [TenantID]
        if let tenants { ids = tenants } else { ids = try await store.withPortableSnapshot { try await $0.tenantIDs() } }
        var written: [Written] = []
        for id in ids {
            let archive = try await snapshot(id, from: store, now: now)
            let data = try archive.encoded()
            let file = directory.appendingPathComponent("\(id.rawValue).\(TenantArchive.fileExtension)")
            try data.write(to: file, options: .atomic)
            let done = Written(tenant: id, file: file, counts: archive.counts, bytes: data.count)
            progress(done)
            written.append(done)
        }
        return written
    }

    /// Writes `archive` into `store` as tenant `newID` (default: the archive's) in one transaction, then reads it back
    /// in the same transaction and compares it with the archive; any failure writes nothing. An existing tenant is
    /// refused unless `replace`, which removes it first. Outbox rows get new ids (the outbox is shared by tenants);
    /// every other id is kept, as customers' buttons and timers refer to them.
    public static func restore(_ archive: TenantArchive, as newID: TenantID? = nil, replace: Bool, into store: any PortableStore) async throws {
        let id = newID ?? archive.tenant
        do {
            try await store.withPortableWriter { writer in
                if try await writer.hasTenant(id) {
                    guard replace else { throw RestoreError.tenantExists(id) }
                    try await writer.removeTenant(id)
                }
                for table in PortableSchema.tenantArchiveTables {
                    var rows = archive.rows[table.name] ?? []
                    if let column = table.tenantColumn, let index = table.index(of: column) {
                        for i in rows.indices { rows[i][index] = .text(id.rawValue) }
                    }
                    try await writer.insert(rows, into: table, tenant: id, keepLocalIdentity: false)
                    if table.name == "tenants" { try await writer.prepareTenant(id) }
                }
                var checksum = PortableChecksum()
                for table in PortableSchema.tenantArchiveTables {
                    checksum.touch(table)
                    for row in try await writer.rows(of: table, tenant: id) {
                        checksum.add(row, of: table, skipping: PortableChecksum.tenantSkips(table))
                    }
                }
                let expected = archive.checksums
                let differing = expected.keys.sorted().filter { checksum.tables[$0] != expected[$0] }
                guard differing.isEmpty else { throw RestoreError.verificationFailed("tables \(differing.joined(separator: ", "))") }
            }
        } catch let StorageError.duplicate(detail) {
            throw RestoreError.keysTaken(detail)
        }
    }
}
