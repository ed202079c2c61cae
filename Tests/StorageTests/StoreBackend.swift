import BookingCore
import Foundation
import Storage
import StorageSQLite

/// The backends the one contract suite runs against.
enum StoreBackend: String, CaseIterable, Sendable {
    case memory, sqlite

    /// A fresh, empty, migrated store.
    func make() async throws -> Stores {
        switch self {
        case .memory:
            return Stores(InMemoryStore())
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("zapis-test-\(UUID().uuidString).sqlite").path
            return Stores(try await SQLiteStore.open(path: path))
        }
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
        Service(id: ServiceID(0), name: "Haircut", durationMinutes: minutes, price: .fixed(minorUnits: 150_000, currency: "RUB"),
                bufferBeforeMinutes: before, bufferAfterMinutes: after)
    }

    /// A store with tenants B and A (in that order), one master and one service each; returns A's.
    static func seeded(_ backend: StoreBackend, service template: Service = service()) async throws -> (Stores, MasterID, Service) {
        let stores = try await backend.make()
        var master = MasterID(0)
        var service = template
        for id in [tenantB, tenantA] {
            try await stores.tenants.insertTenant(tenant(id))
            master = try await stores.catalog.saveMaster(Master(id: MasterID(0), name: "Anna"), tenant: id).id
            service = try await stores.catalog.saveService(template, tenant: id)
        }
        return (stores, master, service)
    }

    static func request(_ service: Service, master: MasterID, customer: Int64 = 100, hour: Double) -> BookingRequest {
        BookingRequest(
            customer: UserID(customer), chat: ChatID(customer), service: service, masterID: master,
            start: now.addingTimeInterval(86_400 + hour * 3600))
    }
}
