import BookingCore
import Foundation
import Storage
import TelegramSandbox
import Testing

/// PostgreSQL restarted under booking load: updates failing meanwhile are retried (transient, never dead-lettered),
/// the service is serving again within seconds of the database, and nothing is lost or repeated.
///
/// It caught a stall: PostgresNIO 1.33 drops a statement written to an already closed connection and never answers
/// it, so the `ROLLBACK` after a failed statement waited forever (see `PostgresConnection.ensureOpen`). Debug a run with
/// `ZAPIS_TEST_SERVE_LOG=/tmp/serve.log ZAPIS_TEST_SERVE_LOG_LEVEL=debug swift test --filter PostgresRestartTests`.
@Suite(
    "PostgreSQL restart", .serialized, .enabled(if: PostgresServerProcess.available))
struct PostgresRestartTests {
    @Test func aRestartMidLoadLosesNothingAndRecoversInSeconds() async throws {
        let postgres = try PostgresServerProcess()
        defer { postgres.destroy() }
        try await ProcessStack.run(.postgres, tenants: 2, postgresServer: postgres.url) { stack in
            let server = try stack.server()
            try server.start()
            defer { server.kill() }
            try await server.waitUntilReady()
            try await stack.waitForWebhooks(port: server.port)

            let load = stack.startLoad(perTenant: 6, firstUser: 3000, attempts: 3)
            // Let the customers get going (a load shape), then restart the database under them.
            let loadStarted = ContinuousClock.now
            try await Task.sleep(for: .milliseconds(500))
            try postgres.stop()
            try postgres.start()
            let back = ContinuousClock.now
            // A new customer's /start is answered within 5 s of the database being back.
            let probe = stack.sandbox.user(3999, firstName: "Проба", languageCode: "ru", bot: stack.tokens.values.first!)
            _ = try await probe.send("/start")
            _ = try await probe.waitForBotMessage(timeout: .seconds(5)) { $0.text?.hasPrefix("Здравствуйте") == true }
            let recovery = ContinuousClock.now - back
            let outcomes = await load.value
            let loadTime = ContinuousClock.now - loadStarted
            let confirmed = outcomes.reduce(0) { $0 + $1.1.confirmed.count }
            print(
                "postgres restart at 0.5 s of a \(loadTime) load: serving again \(recovery) after the database; \(confirmed) bookings confirmed"
            )
            for token in stack.tokens.values { try await stack.sandbox.waitUntilDelivered(bot: token, timeout: .seconds(30)) }
            for (customer, _) in outcomes { try await customer.user.waitUntilAllPressesAnswered(timeout: .seconds(30)) }
            server.kill()

            for (customer, outcome) in outcomes {
                #expect(await customer.user.repeatedBotMessages().isEmpty)
                #expect(outcome.timeouts == 0, "user \(customer.user.id): \(outcome.stalls)")
            }
            try await stack.withDatabase { database in
                #expect(try await database.stores.deadLetters.deadLetters(limit: 10).isEmpty)
                for (customer, outcome) in outcomes {
                    let bookings = try await database.stores.bookings.bookings(of: UserID(customer.user.id), tenant: customer.tenant)
                    let starts = Set(bookings.filter { $0.status == .confirmed }.map { Int64($0.start.timeIntervalSince1970 / 60) })
                    for minute in outcome.confirmed {
                        #expect(starts.contains(minute), "a confirmed booking of user \(customer.user.id) is missing")
                    }
                }
            }
        }
    }
}
