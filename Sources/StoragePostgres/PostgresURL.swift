import Foundation
import PostgresNIO

/// A `postgres://` (or `postgresql://`) URL, parsed into a client configuration.
struct PostgresURL {
    /// Why a URL was refused.
    struct Invalid: Error, CustomStringConvertible {
        let reason: String
        var description: String { "invalid PostgreSQL URL: \(reason)" }
    }

    let host: String
    let port: Int
    let username: String
    let password: String?
    let database: String?
    let sslMode: String

    /// Parses the URL; the password is never echoed in errors.
    init(_ string: String) throws {
        guard let components = URLComponents(string: string), let scheme = components.scheme,
            ["postgres", "postgresql"].contains(scheme)
        else { throw Invalid(reason: "expected postgres://user@host:port/database") }
        guard let host = components.host, !host.isEmpty else { throw Invalid(reason: "missing host") }
        self.host = host
        port = components.port ?? 5432
        username = components.user.flatMap { $0.removingPercentEncoding ?? $0 } ?? "postgres"
        password = components.password.flatMap { $0.removingPercentEncoding ?? $0 }
        let path = String(components.path.drop(while: { $0 == "/" }))
        database = path.isEmpty ? nil : path
        sslMode = components.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "prefer"
        guard ["disable", "prefer", "require"].contains(sslMode) else {
            throw Invalid(reason: "sslmode must be disable, prefer or require")
        }
    }

    /// A pool configuration with at most `poolSize` connections.
    func clientConfiguration(poolSize: Int) throws -> PostgresClient.Configuration {
        guard poolSize >= 1 else { throw Invalid(reason: "pool size must be at least 1") }
        let tls: PostgresClient.Configuration.TLS
        switch sslMode {
        case "disable": tls = .disable
        case "require": tls = .require(.makeClientConfiguration())
        default: tls = .prefer(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls)
        configuration.options.maximumConnections = poolSize
        configuration.options.connectionIdleTimeout = .seconds(30)
        return configuration
    }
}
