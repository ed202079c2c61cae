import Foundation
import TelegramSandbox
import Testing

/// Navigation by reading alone on PostgreSQL, through `zapis serve`: every navigation press of a booking stays on the
/// reading path (none falls back to a transaction because a read was refused), and the booking still commits.
@Suite("Navigation by reading alone on PostgreSQL", .serialized)
struct NavigationReadsPostgresTests {
    @Test(.enabled(if: ProcessStack.Database.available.contains(.postgres), "needs PostgreSQL"))
    func aBookingsNavigationPressesAreReadOnPostgres() async throws {
        try await ProcessStack.run(.postgres, tenants: 1) { stack in
            let server = try stack.server()
            try server.start()
            defer { server.kill() }
            try await server.waitUntilReady()
            try await stack.waitForWebhooks(port: server.port)
            let token = try #require(stack.tokens.values.first)
            let user = stack.sandbox.user(4_201, firstName: "Ира", bot: token)
            try await CustomerJourney(user: user).start()
            try await CustomerJourney(user: user).bookFirstFreeSlot()
            let (metrics, _) = try await MetricsJourneyTests.scrape(port: server.port) { $0.value("zapis_updates_total", ["outcome": "navigated"]) >= 3 }
            // Service, day and time were read; only Confirm went through a transaction.
            #expect(metrics.value("zapis_updates_total", ["kind": "callback", "outcome": "navigated"]) >= 3)
            #expect(metrics.value("zapis_updates_total", ["kind": "callback", "outcome": "handled"]) == 1)
        }
    }
}
