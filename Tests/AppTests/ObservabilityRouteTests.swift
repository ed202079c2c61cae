import App
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

/// `/metrics`, `/health/ready` and request ids, through the router of the whole application (HummingbirdTesting).
@Suite("Observability routes")
struct ObservabilityRouteTests {
    static let start = #"{"update_id": 7, "message": {"message_id": 1, "date": 1, "chat": {"id": 5, "type": "private"}, "text": "/start"}}"#

    static func get(_ client: any TestClientProtocol, _ uri: String) async throws -> (HTTPResponse.Status, String) {
        try await client.execute(uri: uri, method: .get) { ($0.status, String(buffer: $0.body)) }
    }

    /// A ledger that reports a version this build knows and the database lacks.
    struct Behind: MigrationLedger {
        func pendingMigrations() async throws -> [Int] { [42] }
    }

    @Test func metricsParseAndCountWebhookAnswers() async throws {
        try await RouteTests.withApp { client, secret in
            _ = try await RouteTests.post(client, secret: "wrong", body: Self.start)
            _ = try await RouteTests.post(client, secret: secret, body: "{not json")
            #expect(try await RouteTests.post(client, secret: secret, body: Self.start) == .ok)
            let (status, text) = try await Self.get(client, "/metrics")
            #expect(status == .ok)
            let metrics = try PrometheusText(text)
            #expect(metrics.value("zapis_webhook_responses_total", ["status": "401"]) == 1)
            #expect(metrics.value("zapis_webhook_responses_total", ["status": "400"]) == 1)
            #expect(metrics.value("zapis_webhook_responses_total", ["status": "200"]) == 1)
            #expect(metrics.value("zapis_updates_total", ["kind": "message", "outcome": "handled"]) == 1)
            #expect(metrics.value("zapis_update_duration_seconds_count") == 1)
            #expect(metrics.types["zapis_update_duration_seconds"] == "histogram")
            #expect(metrics.has("zapis_outbox_due_rows") && metrics.has("zapis_outbox_oldest_due_age_seconds"))
            // Every family has its help text.
            #expect(Set(metrics.types.keys) == Set(metrics.helps.keys))
            // The redelivery is a duplicate.
            #expect(try await RouteTests.post(client, secret: secret, body: Self.start) == .ok)
            let again = try PrometheusText(try await Self.get(client, "/metrics").1)
            #expect(again.value("zapis_updates_total", ["outcome": "duplicate"]) == 1)
        }
    }

    @Test func readyWithoutRedis() async throws {
        try await RouteTests.withApp { client, _ in
            let (status, body) = try await Self.get(client, "/health/ready")
            #expect(status == .ok)
            #expect(body.contains(#""status":"ready""#))
        }
    }

    @Test func notReadyWhenRedisIsConfiguredButClosed() async throws {
        // Nothing listens on port 9 (discard) on the test machines: connections are refused at once.
        try await RouteTests.withApp(configure: { $0 = try $0.withRedis(url: "redis://127.0.0.1:9", logger: $0.logger) }) { client, _ in
            let (status, body) = try await Self.get(client, "/health/ready")
            #expect(status == .serviceUnavailable)
            let reason = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: String]
            #expect(reason?["reason"] == "redis does not answer PING")
            // Liveness does not depend on Redis.
            #expect(try await Self.get(client, "/health/live").0 == .ok)
        }
    }

    @Test func readyWithALiveRedis() async throws {
        guard let url = ProcessInfo.processInfo.environment["ZAPIS_TEST_REDIS_URL"] else { return }
        try await RouteTests.withApp(configure: { $0 = try $0.withRedis(url: url, logger: $0.logger) }) { client, _ in
            // The first PING also connects; on a machine running the whole suite it can miss readiness's 500 ms, and a
            // load balancer asks again: so does the test, for up to 10 s.
            let deadline = ContinuousClock.now + .seconds(10)
            var (status, body) = try await Self.get(client, "/health/ready")
            while status != .ok, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(200))
                (status, body) = try await Self.get(client, "/health/ready")
            }
            #expect(status == .ok, "\(body)")
        }
    }

    @Test func notReadyWhileMigrationsArePending() async throws {
        try await RouteTests.withApp(configure: { $0.migrations = Behind() }) { client, _ in
            let (status, body) = try await Self.get(client, "/health/ready")
            #expect(status == .serviceUnavailable)
            #expect(body.contains("migrations pending: 42"))
        }
    }

    @Test func requestIDsAreEchoedOrMade() async throws {
        try await RouteTests.withApp { client, _ in
            let name = HTTPField.Name("X-Request-Id")!
            let given = try await client.execute(uri: "/health/live", method: .get, headers: [name: "abc-123"]) { $0.headers[name] }
            #expect(given == "abc-123")
            // An id that is not plain (too long, odd characters) is replaced, never logged or echoed.
            let odd = try await client.execute(uri: "/health/live", method: .get, headers: [name: "a b\"c"]) { $0.headers[name] }
            #expect(odd != nil && odd != "a b\"c")
        }
    }
}
