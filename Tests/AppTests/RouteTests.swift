import App
import BookingCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import StorageSQLite
import TelegramBotAPI
import Testing

/// The service's HTTP answers, through the router without a socket (HummingbirdTesting): health, and the webhook's
/// refusals before any processing.
@Suite("HTTP routes")
struct RouteTests {
    static let tenant = TenantID("route_salon")!

    /// Runs `body` against the whole application on a fresh SQLite file with one tenant; returns its secret.
    /// `configure` changes the dependencies first (e.g. adds Redis).
    static func withApp(
        configure: (inout AppDependencies) throws -> Void = { _ in },
        _ body: @escaping @Sendable (any TestClientProtocol, String) async throws -> Void
    ) async throws {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("zapis-routes-\(UUID().uuidString).sqlite").path
        let store = try await SQLiteStore.open(path: path, logger: logger)
        let vault = try TokenVault(base64Key: TokenVault.generateKey())
        let createdAt = Date()
        try await store.insertTenant(
            TenantRecord(
                profile: TenantProfile(id: tenant, name: "Route salon"), encryptedToken: try vault.seal("1:route"), botID: 1,
                botUsername: "route_bot", ownerID: UserID(1), createdAt: createdAt))
        var configuration = AppConfiguration(environment: [:])
        configuration.databaseURL = path
        // Nothing listens there: the runner's and the sender's calls fail fast and are retried in the background.
        configuration.telegramAPIURL = "http://127.0.0.1:9"
        configuration.publicURL = "http://127.0.0.1:9"
        var dependencies = AppDependencies.embedded(
            store, botAPI: configuration.botAPIClient(httpClient: .shared), vault: vault, logger: logger)
        try configure(&dependencies)
        let app = buildApplication(configuration: configuration, dependencies: dependencies)
        let secret = vault.webhookSecret(for: tenant, version: createdAt)
        try await app.test(.router) { client in try await body(client, secret) }
    }

    static func post(
        _ client: any TestClientProtocol, tenant: String = tenant.rawValue, secret: String?, body: String
    ) async throws -> HTTPResponse.Status {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let secret { headers[HTTPField.Name("X-Telegram-Bot-Api-Secret-Token")!] = secret }
        return try await client.execute(uri: "/telegram/\(tenant)", method: .post, headers: headers, body: ByteBuffer(string: body)) {
            $0.status
        }
    }

    @Test func healthAnswers() async throws {
        try await Self.withApp { client, _ in
            let live = try await client.execute(uri: "/health/live", method: .get) { $0.status }
            let ready = try await client.execute(uri: "/health/ready", method: .get) { $0.status }
            #expect(live == .ok && ready == .ok)
        }
    }

    @Test func webhookRefusalsComeBeforeProcessing() async throws {
        let start = #"{"update_id": 1, "message": {"message_id": 1, "date": 1, "chat": {"id": 5, "type": "private"}, "text": "/start"}}"#
        try await Self.withApp { client, secret in
            // Unknown tenant, malformed id and wrong or missing secret: one answer, so ids cannot be probed.
            let unknown = try await Self.post(client, tenant: "no_such_salon", secret: secret, body: start)
            let malformedID = try await Self.post(client, tenant: "Bad-Id!", secret: secret, body: start)
            let wrong = try await Self.post(client, secret: "wrong", body: start)
            let missing = try await Self.post(client, secret: nil, body: start)
            #expect([unknown, malformedID, wrong, missing] == Array(repeating: .unauthorized, count: 4))
            // The right secret: malformed JSON and an oversize body are refused with a clear status.
            let malformed = try await Self.post(client, secret: secret, body: "{not json")
            let oversize = try await Self.post(client, secret: secret, body: String(repeating: "x", count: (1 << 20) + 1))
            let served = try await Self.post(client, secret: secret, body: start)
            #expect(malformed == .badRequest && oversize == .contentTooLarge && served == .ok)
        }
    }
}
