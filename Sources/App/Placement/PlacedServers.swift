import BookingCore
import Foundation
import Logging
import Storage
import StoragePostgres

/// Several PostgreSQL servers, one pool each: the primary (platform tables, the placement table and its own tenants)
/// and the servers of `ZAPIS_POSTGRES_SERVERS`. Every server is a whole Zapis database for the tenants placed on it:
/// their schemas and their rows of the platform tables (tenant row, processed updates, outbox, subscription…), so
/// each tenant's transaction stays on one server. See docs/SCALING.md.
public struct PlacedServers: Sendable {
    /// Server names, the primary first.
    public let names: [String]
    /// Each server's store.
    public let stores: [String: PostgresStore]
    /// This process's copy of the placement table.
    public let map: PlacementMap

    /// The primary's store.
    public var primary: PostgresStore { stores[PostgresServer.primary]! }

    /// Opens every server's pool (migrating its platform schema); `prepare` reads the placement once the pools run.
    static func open(primaryURL: String, servers: [PostgresServer], poolSize: Int, logger: Logger) async throws -> PlacedServers {
        var stores = [PostgresServer.primary: try await PostgresStore.open(url: primaryURL, poolSize: poolSize, logger: logger)]
        for server in servers { stores[server.name] = try await PostgresStore.open(url: server.url, poolSize: poolSize, logger: logger) }
        return PlacedServers(names: [PostgresServer.primary] + servers.map(\.name), stores: stores, map: PlacementMap())
    }

    /// Records the primary's tenants that have no placement as placed on it, gives each server its range of payment
    /// ids, then reads the placement (the pools must run).
    func prepare(now: Date) async throws {
        try await primary.adopt(try await primary.allTenants().map(\.id), on: PostgresServer.primary, now: now)
        for (index, name) in names.enumerated() where index > 0 {
            try await stores[name]!.reservePaymentIDs(from: Int64(index) << Self.paymentIDBits)
        }
        try await map.refresh(from: primary)
    }

    /// Payment ids of the server at index `n` of `names` start at `n << paymentIDBits` (the primary's at 1): a trillion
    /// payments per server before ranges would meet.
    static let paymentIDBits = 40

    /// The server whose range holds payment `id`.
    func server(ofPayment id: Int64) -> String? {
        guard id > 0 else { return nil }
        let index = Int(id >> Self.paymentIDBits)
        return names.indices.contains(index) ? names[index] : nil
    }

    /// Places the new tenant `id` on the server with the fewest tenants and returns that server's store.
    public func place(_ id: TenantID, now: Date) async throws -> (server: String, store: PostgresStore) {
        let server = try await primary.place(id, amongst: names, now: now)
        try await map.refresh(from: primary)
        guard let store = stores[server] else { throw PlacementError.unknownServer(server) }
        return (server, store)
    }
}

/// Why a placement operation was refused.
public enum PlacementError: Error, CustomStringConvertible, Equatable {
    /// The placement names a server this process is not configured with.
    case unknownServer(String)
    /// The tenant is not found on its server.
    case unknownTenant(String)
    /// The tenant is on that server already.
    case alreadyThere(String)
    /// Another move of the tenant is under way (or the placement changed meanwhile).
    case moving(String)
    /// Something kept the tenant busy beyond the move's limit; the move was undone and the tenant resumed.
    case busy(String)
    /// Placement needs servers configured.
    case notConfigured

    public var description: String {
        switch self {
        case .unknownServer(let name): "no server named \(name) is configured (ZAPIS_POSTGRES_SERVERS)"
        case .unknownTenant(let id): "tenant \(id) is not found on its server"
        case .alreadyThere(let name): "the tenant is on \(name) already"
        case .moving(let id): "tenant \(id) is being moved already"
        case .busy(let detail): "the tenant stayed busy (\(detail)); the move was undone and the tenant resumed on its server"
        case .notConfigured: "no servers are configured: set ZAPIS_POSTGRES_SERVERS (name=url,…) beside ZAPIS_DATABASE_URL"
        }
    }
}
