import BookingCore
import Foundation

extension AppDependencies {
    /// The dependencies of the server holding `tenant`: these, with one database or for a tenant on the primary.
    public func serving(_ tenant: TenantID) -> AppDependencies {
        guard let placement else { return self }
        return cells[placement.map.server(of: tenant)] ?? self
    }

    /// Where a new tenant `id` is created: with several servers it is placed on the one with the fewest tenants first
    /// (a placement without a tenant behind it is harmless: creating the tenant again finds the same server).
    public func placingNew(_ id: TenantID) async throws -> AppDependencies {
        guard let placement else { return self }
        let (server, _) = try await placement.place(id, now: now())
        return cells[server] ?? self
    }

    /// Every server's dependencies, the primary's first (just these with one database).
    public var everyServer: [AppDependencies] {
        [self] + cells.sorted { $0.key < $1.key }.map(\.value)
    }
}
