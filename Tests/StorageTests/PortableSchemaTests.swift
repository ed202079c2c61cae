import BookingCore
import Foundation
import Storage
@testable import StoragePostgres
@testable import StorageSQLite
import Testing

/// The portable table list (archives, moves) names every column each backend has, so a migration that adds one and
/// forgets the list fails here instead of being dropped silently from backups.
@Suite("Portable schema", .storeScope)
struct PortableSchemaTests {
    /// What the portable list says each table holds.
    static var listed: [String: Set<String>] {
        Dictionary(uniqueKeysWithValues: PortableSchema.tables.map { ($0.name, Set($0.columns.map(\.name))) })
    }

    @Test func sqliteColumnsAreAllListed() async throws {
        let store = try await SQLiteStore.open(path: ":memory:")
        let tables = try await store.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            .compactMap { $0.column("name")?.string }.filter { $0 != "schema_migrations" }
        var found: [String: Set<String>] = [:]
        for table in tables {
            let columns = try await store.query("PRAGMA table_info(\(table))").compactMap { $0.column("name")?.string }
            let tenantScoped = PortableSchema.tables.first { $0.name == table }?.scope == .tenant
            found[table] = Set(columns).subtracting(tenantScoped ? ["tenant_id"] : [])
        }
        #expect(found == Self.listed)
    }

    @Test(arguments: StoreBackend.allCases.filter { $0 == .postgres })
    func postgresColumnsAreAllListed(backend: StoreBackend) async throws {
        let store = try await TestPostgres.makeStore()
        let tenant = TenantID("schema_probe")!
        try await store.insertTenant(Fixtures.tenant(tenant))
        let rows = try await store.query(
            """
            SELECT table_schema, table_name, column_name FROM information_schema.columns
            WHERE table_schema IN ('zapis', 'schema_probe') AND table_name <> 'schema_migrations'
            """)
        var found: [String: Set<String>] = [:]
        for row in rows {
            let (schema, table, column) = try row.decode((String, String, String).self)
            // The catalog version is the cache's, not content (see CatalogCache).
            if schema == "zapis" && table == "tenants" && column == "catalog_version" { continue }
            // Which server holds each tenant is the deployment's layout, not content: backups and moves leave it out.
            if schema == "zapis" && table == "placement" { continue }
            found[table, default: []].insert(column)
        }
        #expect(found == Self.listed)
    }
}
