import Foundation

/// One more PostgreSQL server tenants can be placed on (`ZAPIS_POSTGRES_SERVERS`, see docs/SCALING.md).
public struct PostgresServer: Sendable, Equatable {
    /// Its name in the placement table: `[a-z][a-z0-9_]*`, at most 32 characters, not `primary`.
    public var name: String
    /// Its database URL (`postgres://…`).
    public var url: String

    /// The name of the server of `ZAPIS_DATABASE_URL`, which holds the platform tables and the placement table.
    public static let primary = "primary"

    /// Whether `name` can name a server.
    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, (1...32).contains(name.count), name != primary else { return false }
        return ("a"..."z").contains(first) && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// Parses `name=url,name=url`; nil with the reason when an entry is malformed or a name repeats.
    static func parseList(_ text: String) -> Result<[PostgresServer], ServerListError> {
        var servers: [PostgresServer] = []
        for entry in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            guard let equals = entry.firstIndex(of: "=") else { return .failure(ServerListError("\(entry.prefix(40)) is not name=url")) }
            let name = String(entry[..<equals])
            let url = String(entry[entry.index(after: equals)...])
            guard isValidName(name) else { return .failure(ServerListError("\(name.prefix(40).debugDescription) is not a server name")) }
            guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
                return .failure(ServerListError("server \(name) needs a postgres:// URL"))
            }
            guard !servers.contains(where: { $0.name == name }) else { return .failure(ServerListError("server \(name) is listed twice")) }
            servers.append(PostgresServer(name: name, url: url))
        }
        return .success(servers)
    }
}

/// Why `ZAPIS_POSTGRES_SERVERS` cannot be used.
public struct ServerListError: Error, CustomStringConvertible, Equatable {
    public var description: String

    init(_ detail: String) { description = "postgres.servers: \(detail)" }

    /// Serving tenants across servers is for webhooks (`ZAPIS_PUBLIC_URL`): each server's cell polls only its own bots'
    /// leases, which a move does not hand over.
    static let needsWebhooks = ServerListError("serving tenants across servers needs ZAPIS_PUBLIC_URL (webhooks)")
}

extension AppConfiguration {
    /// The extra servers, or the reason the list is unusable (also when servers are listed without PostgreSQL).
    var serverList: Result<[PostgresServer], ServerListError> {
        guard let postgresServers, !postgresServers.isEmpty else { return .success([]) }
        guard usesPostgres else { return .failure(ServerListError("servers need ZAPIS_DATABASE_URL on PostgreSQL (the primary)")) }
        return PostgresServer.parseList(postgresServers)
    }
}
