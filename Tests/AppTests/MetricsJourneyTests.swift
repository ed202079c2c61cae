import AsyncHTTPClient
import Foundation
import Testing

/// `/metrics` of the real service while a customer books through the sandbox: the counters move, and nothing that
/// names a person or a bot leaks into a label.
@Suite("Metrics through a booking journey", .serialized)
struct MetricsJourneyTests {
    /// A user id no bucket bound or count could spell by accident.
    static let userID: Int64 = 734_215_889

    static func scrape(_ stack: LocalStack) async throws -> (PrometheusText, String) { try await scrape(port: stack.appPort) }

    /// The metrics of the server on `port` (in-process or a `zapis serve` child).
    static func scrape(port: Int) async throws -> (PrometheusText, String) {
        let response = try await HTTPClient.shared.execute(
            HTTPClientRequest(url: "http://127.0.0.1:\(port)/metrics"), timeout: .seconds(5))
        #expect(response.status == .ok)
        #expect(response.headers["content-type"].first?.hasPrefix("text/plain; version=0.0.4") == true)
        let text = String(buffer: try await response.body.collect(upTo: 4 << 20))
        return (try PrometheusText(text), text)
    }

    /// Scrapes until `condition` holds (counters are bumped just after the effects a user can see), for at most `timeout`.
    static func scrape(_ stack: LocalStack, timeout: Duration = .seconds(10), until condition: (PrometheusText) -> Bool) async throws
        -> (PrometheusText, String)
    {
        try await scrape(port: stack.appPort, timeout: timeout, until: condition)
    }

    /// Scrapes the server on `port` until `condition` holds, for at most `timeout`.
    static func scrape(port: Int, timeout: Duration = .seconds(10), until condition: (PrometheusText) -> Bool) async throws
        -> (PrometheusText, String)
    {
        let deadline = ContinuousClock.now + timeout
        while true {
            let scraped = try await scrape(port: port)
            if condition(scraped.0) || ContinuousClock.now >= deadline { return scraped }
        }
    }

    @Test func countersMoveAsACustomerBooks() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let (before, _) = try await Self.scrape(stack)
            #expect(before.value("zapis_updates_total", ["outcome": "handled"]) == 0)
            #expect(before.value("zapis_tenants") == 2)

            let journey = CustomerJourney(user: stack.user(Self.userID, of: LocalStack.tenantA))
            try await journey.start()
            try await journey.bookFirstFreeSlot(minDaysAhead: 2)

            let (after, text) = try await Self.scrape(stack) { metrics in
                metrics.value("zapis_updates_total", ["outcome": "handled"]) + metrics.value("zapis_updates_total", ["outcome": "navigated"]) >= 5
                    && metrics.value("zapis_telegram_sends_total", ["outcome": "ok"]) >= 4
            }
            // Navigation presses (service, day, time) are handled by reading alone; the confirmation in a transaction.
            let handled = after.value("zapis_updates_total", ["outcome": "handled"]) + after.value("zapis_updates_total", ["outcome": "navigated"])
            #expect(handled >= 5)
            #expect(after.value("zapis_updates_total", ["kind": "message", "outcome": "handled"]) >= 2)
            #expect(after.value("zapis_updates_total", ["kind": "callback", "outcome": "handled"]) >= 1)
            #expect(after.value("zapis_updates_total", ["kind": "callback", "outcome": "navigated"]) >= 2)
            #expect(after.value("zapis_update_duration_seconds_count") >= handled)
            #expect(after.value("zapis_update_duration_seconds_sum") > 0)
            #expect(after.value("zapis_telegram_sends_total", ["method": "sendMessage", "outcome": "ok"]) >= 2)
            #expect(after.value("zapis_webhook_responses_total", ["status": "200"]) >= handled)
            #expect(after.value("zapis_telegram_rate_limited_total") == 0)
            #expect(after.value("zapis_tenants") == 2)
            // The database's one writer (SQLite) was leased for every update and is free between them.
            #expect(after.value("zapis_db_pool_size_connections") == 1)
            #expect(after.value("zapis_db_pool_leases_total") > before.value("zapis_db_pool_leases_total") + handled)
            #expect(after.value("zapis_db_pool_wait_seconds_total") > 0)
            #expect(after.value("zapis_db_pool_waiting_callers") >= 0 && after.value("zapis_db_pool_in_use_connections") <= 1)
            #expect(after.value("zapis_db_pool_failures_total") == 0)

            // No label carries the user's (= chat's) id, a tenant id or a bot token; the token appears nowhere.
            let token = try #require(stack.tokens[LocalStack.tenantA]).rawValue
            let forbidden = [String(Self.userID), token, LocalStack.tenantA.rawValue, LocalStack.tenantB.rawValue]
            for sample in after.samples {
                for (name, value) in sample.labels {
                    #expect(!forbidden.contains { value.contains($0) || name.contains($0) }, "\(sample.name) label \(name)=\(value)")
                }
            }
            #expect(!text.contains(token) && !text.contains(String(Self.userID)))
        }
    }
}
