import BookingCore
import PostgresNIO
import Storage
import Synchronization

/// An exact, versioned cache of each tenant's catalog (services, masters, text overrides), shared by all transactions
/// of one `PostgresStore`, so handling an update does not re-read and JSON-decode them every time.
///
/// **Versions.** `zapis.tenants.catalog_version` is bumped in the same statement as every write to a tenant's
/// `services`, `masters` or `text_overrides`, so the bump commits or rolls back with the write, in whichever process
/// made it. A transaction learns the version from `claimUpdate` (in that statement, no extra round trip) and serves a
/// part from the cache only when the entry was read at exactly that version; on a miss it queries and stores the
/// result under that version. Without a known version (no claim in the transaction, or no transaction) nothing is
/// cached.
///
/// **Why it is exact under READ COMMITTED.** A transaction reads the version before the data, on the same connection,
/// and each statement sees everything committed before it began. So data read after seeing version `v` holds every
/// change up to `v` (and perhaps later ones): a reader can only label NEWER data with an older version, never older
/// data with a newer one. A reader of `v` that hits thus gets data at least as new as its own statement would have
/// read; a reader of a newer version misses (the entry's version differs) and replaces the entry. Stale data is never
/// served, across any number of instances sharing the database.
///
/// A transaction that wrote a tenant's catalog reads its own uncommitted rows, which must never reach the cache: it
/// bypasses the cache for that tenant until it ends (`CatalogTransaction`). Writers also drop the tenant's entry at
/// once (`invalidate`); that only frees memory early, correctness rests on the versions alone. Changes made outside
/// the store (manual SQL) must bump `catalog_version` too, or instances keep serving the old catalog.
final class CatalogCache: Sendable {
    /// One tenant's cached parts, all read at `version`; `nil` is a part not read (at that version) yet.
    struct Entry: Sendable {
        var version: Int64
        var services: [Service]?
        var masters: [Master]?
        var overrides: [TextOverride]?
    }

    private struct State {
        var entries: [TenantID: Entry] = [:]
        var hits = 0
    }

    private let state = Mutex(State())

    /// How many reads the cache has answered (tests check that hits really avoid the query).
    var hits: Int { state.withLock { $0.hits } }

    /// The cached `part` of `tenant` when its entry was read at exactly `version`.
    func lookup<Part: Sendable>(_ part: KeyPath<Entry, Part?>, tenant: TenantID, version: Int64) -> Part? {
        state.withLock { state -> Part? in
            guard let entry = state.entries[tenant], entry.version == version, let value = entry[keyPath: part] else { return nil }
            state.hits += 1
            return value
        }
    }

    /// Keeps `value`, read at `version`, as `part` of `tenant`, unless the entry is of a newer version. A newer
    /// version replaces the entry, dropping its other parts.
    func store<Part: Sendable>(_ value: Part, as part: WritableKeyPath<Entry, Part?>, tenant: TenantID, version: Int64) {
        state.withLock { state in
            var entry = state.entries[tenant] ?? Entry(version: version)
            guard entry.version <= version else { return }
            if entry.version < version { entry = Entry(version: version) }
            entry[keyPath: part] = value
            state.entries[tenant] = entry
        }
    }

    /// Forgets everything cached (after a restore wrote tenants wholesale).
    func invalidateAll() {
        state.withLock { $0.entries.removeAll() }
    }

    /// Forgets everything cached for `tenant`.
    func invalidate(_ tenant: TenantID) {
        state.withLock { _ = $0.entries.removeValue(forKey: tenant) }
    }
}

/// What one transaction knows about catalogs: the versions its `claimUpdate`s read, and the tenants whose catalog it
/// wrote. For those it reads its own uncommitted rows, so it neither uses nor fills the cache for them until it ends
/// (also when the write was rolled back to a savepoint: bypassing is always safe).
final class CatalogTransaction: Sendable {
    private struct State {
        var versions: [TenantID: Int64] = [:]
        var written: Set<TenantID> = []
    }

    private let state = Mutex(State())

    /// Records the catalog version of `tenant` as this transaction read it.
    func record(_ version: Int64, tenant: TenantID) {
        state.withLock { $0.versions[tenant] = version }
    }

    /// Notes that this transaction changes the catalog of `tenant`.
    func wrote(_ tenant: TenantID) {
        state.withLock { _ = $0.written.insert(tenant) }
    }

    /// The version to consult the cache with for `tenant`; `nil` when unknown or when this transaction wrote it.
    func cacheVersion(_ tenant: TenantID) -> Int64? {
        state.withLock { $0.written.contains(tenant) ? nil : $0.versions[tenant] }
    }
}

extension PostgresStore {
    /// `part` of `tenant`'s catalog: from the cache when this transaction knows the tenant's catalog version and has
    /// not written the catalog; otherwise from `load`, stored in the cache when the version is known.
    func cachedCatalog<Part: Sendable>(
        _ part: WritableKeyPath<CatalogCache.Entry, Part?>, tenant: TenantID, load: () async throws -> Part
    ) async throws -> Part {
        guard let version = catalogTransaction?.cacheVersion(tenant) else { return try await load() }
        if let cached = catalogCache.lookup(part, tenant: tenant, version: version) { return cached }
        let value = try await load()
        catalogCache.store(value, as: part, tenant: tenant, version: version)
        return value
    }

    /// Runs `write`, a statement that changes `tenant`'s catalog and bumps its `catalog_version` with it: the
    /// transaction stops using the cache for the tenant, and the tenant's entry is dropped.
    @discardableResult
    func changingCatalog<T>(of tenant: TenantID, _ write: () async throws -> T) async throws -> T {
        catalogTransaction?.wrote(tenant)
        defer { catalogCache.invalidate(tenant) }
        return try await write()
    }

    /// The catalog version of `tenant` as committed (or as written by this view's transaction); for diagnostics and
    /// tests.
    func catalogVersion(_ tenant: TenantID) async throws -> Int64? {
        try await query("SELECT catalog_version FROM zapis.tenants WHERE id = \(tenant.rawValue)").first?.decode(Int64.self)
    }
}
