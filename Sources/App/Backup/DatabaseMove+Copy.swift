import BookingCore
import Foundation
import Logging
import Storage

extension DatabaseMove {
    /// Tenants read or written per transaction. One transaction for a thousand tenants would hold a lock on each of
    /// their tables (and PostgreSQL's lock table holds 64 per connection by default), so the move goes in chunks; the
    /// service is stopped, so chunks read one state.
    static let tenantsPerTransaction = 50

    /// Copies `source` into the empty `target` (platform tables first, then tenants in chunks), reads the target back
    /// and compares; on any failure after the first write the target is emptied again.
    static func copy(
        from source: String, to target: String, logger: Logger, progress: @escaping @Sendable (String) -> Void
    ) async throws -> [TableReport] {
        try await PortableDatabase.with(source, poolSize: 1, logger: logger) { from in
            try await PortableDatabase.with(target, poolSize: 1, logger: logger) { to in
                let tenants = try await from.withPortableSnapshot { try await $0.tenantIDs() }
                let platform = PortableSchema.tables.filter { $0.scope != .tenant }
                var before = PortableChecksum()
                let platformRows = try await from.withPortableSnapshot { reader in
                    var rows: [String: [PortableRow]] = [:]
                    for table in platform { rows[table.name] = try await reader.rows(of: table, tenant: nil) }
                    return rows
                }
                for table in PortableSchema.tables { before.touch(table) }
                for table in platform { for row in platformRows[table.name] ?? [] { before.add(row, of: table) } }
                try await to.withPortableWriter { writer in
                    let taken = try await writer.nonEmptyTables()
                    guard taken.isEmpty else { throw MoveError.targetNotEmpty(taken) }
                    for table in platform where PortableSchema.seededByMigrations.contains(table.name) { try await writer.clear(table) }
                    for table in platform {
                        try await writer.insert(platformRows[table.name] ?? [], into: table, tenant: nil, keepLocalIdentity: true)
                    }
                }
                progress("platform tables: \(platform.map { "\($0.name) \(platformRows[$0.name]?.count ?? 0)" }.joined(separator: ", "))")
                do {
                    let tenantTables = PortableSchema.tables.filter { $0.scope == .tenant }
                    var done = 0
                    for chunk in stride(from: 0, to: tenants.count, by: tenantsPerTransaction).map({ Array(tenants[$0..<min($0 + tenantsPerTransaction, tenants.count)]) }) {
                        let rows = try await from.withPortableSnapshot { reader in
                            var rows: [TenantID: [String: [PortableRow]]] = [:]
                            for tenant in chunk {
                                for table in tenantTables { rows[tenant, default: [:]][table.name] = try await reader.rows(of: table, tenant: tenant) }
                            }
                            return rows
                        }
                        for tenant in chunk {
                            for table in tenantTables {
                                for row in rows[tenant]?[table.name] ?? [] { before.add(row, of: table, prefix: .text(tenant.rawValue)) }
                            }
                        }
                        try await to.withPortableWriter { writer in
                            for tenant in chunk {
                                try await writer.prepareTenant(tenant)
                                for table in tenantTables {
                                    try await writer.insert(rows[tenant]?[table.name] ?? [], into: table, tenant: tenant, keepLocalIdentity: true)
                                }
                            }
                        }
                        done += chunk.count
                        progress("tenants: \(done)/\(tenants.count)")
                    }
                    let after = try await checksums(of: to)
                    let sums = before.tables
                    let reports = PortableSchema.tables.map { table in
                        TableReport(
                            table: table.name, sourceRows: sums[table.name]?.rows ?? 0, targetRows: after[table.name]?.rows ?? 0,
                            sourceChecksum: sums[table.name]?.sha256 ?? "", targetChecksum: after[table.name]?.sha256 ?? "")
                    }
                    let differing = reports.filter { !$0.equal }.map(\.table)
                    guard differing.isEmpty else { throw MoveError.mismatch(differing) }
                    return reports
                } catch {
                    try? await empty(to, tenants: tenants)
                    throw error
                }
            }
        }
    }

    /// Every table's checksums as a move compares them, read in chunks of tenants.
    static func checksums(of store: any PortableStore) async throws -> [String: PortableChecksum.Table] {
        let tenants = try await store.withPortableSnapshot { try await $0.tenantIDs() }
        var checksum = PortableChecksum()
        for table in PortableSchema.tables { checksum.touch(table) }
        let initial = checksum
        checksum = try await store.withPortableSnapshot { reader in
            var checksum = initial
            for table in PortableSchema.tables where table.scope != .tenant {
                for row in try await reader.rows(of: table, tenant: nil) { checksum.add(row, of: table) }
            }
            return checksum
        }
        for start in stride(from: 0, to: tenants.count, by: tenantsPerTransaction) {
            let chunk = Array(tenants[start..<min(start + tenantsPerTransaction, tenants.count)])
            let sofar = checksum
            checksum = try await store.withPortableSnapshot { reader in
                var checksum = sofar
                for tenant in chunk {
                    for table in PortableSchema.tables where table.scope == .tenant {
                        for row in try await reader.rows(of: table, tenant: tenant) { checksum.add(row, of: table, prefix: .text(tenant.rawValue)) }
                    }
                }
                return checksum
            }
        }
        return checksum.tables
    }

    /// Removes what a failed move wrote: every tenant (its schema), then the platform tables' rows.
    static func empty(_ store: any PortableStore, tenants: [TenantID]) async throws {
        for start in stride(from: 0, to: tenants.count, by: tenantsPerTransaction) {
            let chunk = Array(tenants[start..<min(start + tenantsPerTransaction, tenants.count)])
            try await store.withPortableWriter { writer in for tenant in chunk { try await writer.removeTenant(tenant) } }
        }
        try await store.withPortableWriter { writer in
            for table in PortableSchema.tables.reversed() where table.scope != .tenant { try await writer.clear(table) }
        }
    }
}
