import AsyncHTTPClient

/// The HTTP client of the live Bot API calls.
///
/// Every bot talks to one host (api.telegram.org), and in polling mode each bot holds a connection open in a long
/// poll, so the default pool of 8 connections per host would serve 8 bots at a time and starve the rest for a
/// whole poll timeout each. This pool allows a connection per bot (the process's file limit is the real bound).
enum BotAPIHTTPClient {
    /// Connections allowed per host: at least one per long-polled bot.
    static let connectionsPerHost = 16_384

    /// The process-wide client (never shut down, like `HTTPClient.shared`).
    static let shared: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connectionsPerHost)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()
}
