import AsyncHTTPClient
import BookingCore
import Foundation
import Storage
import Testing

/// A redis-server of this test's own, so it can be stopped in the middle of a booking.
final class OwnRedis: Sendable {
    let process: Process
    let port: Int

    init() throws {
        let binary = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let path = try #require(binary, "redis-server is not installed (scripts/test installs it)")
        port = Int.random(in: 20_000..<60_000)
        process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--port", "\(port)", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        process.standardOutput = Pipe()
        try process.run()
    }

    var url: String { "redis://127.0.0.1:\(port)" }

    /// SIGKILL: children of the test process inherit a blocked SIGTERM.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

@Suite("Redis outage", .serialized)
struct RedisOutageTests {
    /// Conversation state and rate limits live in Redis; stopping Redis mid-booking loses nothing.
    @Test func bookingCompletesWhenRedisStopsMidway() async throws {
        let redis = try OwnRedis()
        defer { redis.stop() }
        try await LocalStack.run(mode: .webhook, redisURL: redis.url) { stack in
            let user = stack.user(990, of: LocalStack.tenantA)
            let journey = CustomerJourney(user: user)
            try await journey.start()
            _ = try await user.send("📅 Записаться")
            _ = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Выберите услугу:") == true }
            redis.stop()
            try await journey.bookFirstFreeSlot(minDaysAhead: 2)
            let bookings = try await stack.stores.bookings.bookings(of: UserID(990), tenant: LocalStack.tenantA)
            #expect(bookings.count == 1 && bookings.first?.status == .confirmed)
            // The outage shows: calls went to the fallback, and the service says it is not ready.
            let (metrics, _) = try await MetricsJourneyTests.scrape(stack)
            #expect(metrics.value("zapis_redis_fallbacks_total") > 0)
            #expect(metrics.value("zapis_redis_failures_total") > 0)
            let ready = try await HTTPClient.shared.execute(
                HTTPClientRequest(url: "http://127.0.0.1:\(stack.appPort)/health/ready"), timeout: .seconds(5))
            #expect(ready.status == .serviceUnavailable)
        }
    }
}
