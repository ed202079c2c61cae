import BookingCore
import Foundation
import Storage
@_spi(Testing) import StoragePostgres
import StorageSQLite

/// The backends the one contract suite runs against. PostgreSQL joins when `ZAPIS_TEST_POSTGRES_URL` is set, and
/// always under CI (`CI=true`), where a missing server then fails the tests instead of skipping them.
enum StoreBackend: String, CaseIterable, Sendable {
    case memory, sqlite, postgres

    static var allCases: [StoreBackend] {
        let environment = ProcessInfo.processInfo.environment
        let withPostgres = environment["ZAPIS_TEST_POSTGRES_URL"] != nil || environment["CI"] == "true"
        return withPostgres ? [.memory, .sqlite, .postgres] : [.memory, .sqlite]
    }

    /// A fresh, empty, migrated store (PostgreSQL: a new database, dropped when the test's `StoreScope` ends).
    func make(poolSize: Int = 4) async throws -> Stores {
        Stores(try await makeStore(poolSize: poolSize))
    }

    /// The store object itself, for tests that need more than the protocols.
    func makeStore(poolSize: Int = 4) async throws -> any TenantStore & CatalogStore & BookingStore & CustomerStore & ConversationStore
        & UpdateLog & FeedbackStore & WaitlistStore & AdminStore & AuditStore & TextOverrideStore & BackOfficeStore & BroadcastLog
        & DeadLetterStore & ImportStore & OperatorTokenStore & TenantStatsStore & BillingStore & DepositStore
    {
        switch self {
        case .memory:
            return InMemoryStore()
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("zapis-test-\(UUID().uuidString).sqlite").path
            return try await SQLiteStore.open(path: path)
        case .postgres:
            return try await TestPostgres.makeStore(poolSize: poolSize)
        }
    }
}

/// Fresh PostgreSQL databases for tests: one per store, created on the server of `ZAPIS_TEST_POSTGRES_URL`.
enum TestPostgres {
    struct Unavailable: Error, CustomStringConvertible {
        var description: String { "ZAPIS_TEST_POSTGRES_URL is not set (required when CI=true); run scripts/test" }
    }

    static func serverURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["ZAPIS_TEST_POSTGRES_URL"] else { throw Unavailable() }
        return url
    }

    /// A migrated store on a new database, its pool running; the scope stops the pool and drops the database.
    static func makeStore(poolSize: Int = 4) async throws -> PostgresStore {
        try await openStore(url: makeDatabase(), poolSize: poolSize)
    }

    /// A new, empty database; dropped when the scope ends.
    static func makeDatabase() async throws -> String {
        let scope = try StoreScope.required()
        let server = try serverURL()
        let name = "zapis_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let url = try await PostgresAdmin.createDatabase(name, serverURL: server)
        await scope.onExit { try? await PostgresAdmin.dropDatabase(name, serverURL: server) }
        return url
    }

    /// A store on an existing database, its pool running until the scope ends.
    static func openStore(url: String, poolSize: Int = 4) async throws -> PostgresStore {
        let scope = try StoreScope.required()
        let store = try await PostgresStore.open(url: url, poolSize: poolSize)
        let running = Task { await store.run() }
        await scope.onExit {
            running.cancel()
            await running.value
        }
        return store
    }
}

enum Fixtures {
    static let now = Date(timeIntervalSince1970: 1_796_000_000)  // 2026-11-30
    static let tenantA = TenantID("client_001")!
    static let tenantB = TenantID("client_002")!

    static func tenant(_ id: TenantID) -> TenantRecord {
        TenantRecord(
            profile: TenantProfile(id: id, name: "Salon \(id)"), encryptedToken: [1, 2, 3], botID: 7_000_000_001,
            botUsername: "\(id)_bot", ownerID: UserID(42), createdAt: now)
    }

    static func service(minutes: Int = 60, before: Int = 0, after: Int = 0) -> Service {
        Service(
            id: ServiceID(0), name: "Haircut", durationMinutes: minutes, price: .fixed(minorUnits: 150_000, currency: "RUB"),
            bufferBeforeMinutes: before, bufferAfterMinutes: after)
    }

    /// A store with tenants B and A (in that order), one master and one service each; returns A's.
    static func seeded(_ backend: StoreBackend, service template: Service = service(), poolSize: Int = 4) async throws
        -> (Stores, MasterID, Service)
    {
        let stores = try await backend.make(poolSize: poolSize)
        var master = MasterID(0)
        var service = template
        for id in [tenantB, tenantA] {
            try await stores.tenants.insertTenant(tenant(id))
            master = try await stores.catalog.saveMaster(Master(id: MasterID(0), name: "Anna"), tenant: id).id
            service = try await stores.catalog.saveService(template, tenant: id)
        }
        return (stores, master, service)
    }

    /// The whole day after `now` (where `request` puts its hours).
    static let day = now.addingTimeInterval(86_400)..<now.addingTimeInterval(2 * 86_400)

    static func request(_ service: Service, master: MasterID, customer: Int64 = 100, hour: Double) -> BookingRequest {
        BookingRequest(
            customer: UserID(customer), chat: ChatID(customer), service: service, masterID: master,
            start: now.addingTimeInterval(86_400 + hour * 3600))
    }
}
