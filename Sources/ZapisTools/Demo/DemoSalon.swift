import App
import BookingCore
import Foundation
import Storage

/// The demo tenant: a salon with three services and one master working 09:00–18:00 in Moscow.
public enum DemoSalon {
    /// Its id.
    public static let id = TenantID("demo_salon")!

    /// The provisioning request for a bot token.
    public static func request(token: String, id: String = "demo_salon", name: String = "Салон «Ромашка»") -> TenantProvisioner.Request {
        TenantProvisioner.Request(
            id: id, name: name, token: token, ownerID: 1, timeZone: "Europe/Moscow", address: "Москва, Тверская ул., 1",
            contact: "+7 495 000-00-00")
    }

    /// Names the master and adds the services.
    public static func seed(_ stores: Stores, tenant: TenantID) async throws {
        if var master = try await stores.catalog.masters(tenant).first {
            master.name = "Анна"
            master.plan = .standard
            _ = try await stores.catalog.saveMaster(master, tenant: tenant)
        }
        let services: [(String, String, Int, Int64)] = [
            ("Женская стрижка", "Стрижка, мытьё и укладка", 60, 250_000),
            ("Маникюр", "Классический маникюр с покрытием", 90, 200_000),
            ("Укладка", "Укладка на любую длину", 30, 120_000),
        ]
        for (order, (name, description, minutes, price)) in services.enumerated() {
            _ = try await stores.catalog.saveService(
                Service(
                    id: ServiceID(0), name: name, description: description, durationMinutes: minutes,
                    price: .fixed(minorUnits: price, currency: "RUB"), displayOrder: order),
                tenant: tenant)
        }
    }
}
