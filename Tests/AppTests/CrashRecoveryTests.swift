import BookingCore
import Foundation
import Storage
import TelegramSandbox
import Testing

/// `zapis serve` killed with SIGKILL in the middle of booking load, then restarted on the same database.
@Suite("Crash recovery", .serialized)
struct CrashRecoveryTests {
    @Test(arguments: ProcessStack.Database.available)
    func killedMidLoadLosesNothingAndRepeatsNothing(database: ProcessStack.Database) async throws {
        try await ProcessStack.run(database, tenants: 3) { stack in
            let server = try stack.server()
            try server.start()
            defer { server.kill() }
            try await server.waitUntilReady()
            try await stack.waitForWebhooks(port: server.port)

            let load = stack.startLoad(perTenant: 5, firstUser: 1000, attempts: 3)
            // Two hard kills while customers are mid-flow, each followed by a restart on the same database.
            for pause in [1.5, 2.5] {
                try await Task.sleep(for: .seconds(pause))
                server.kill()
                try await Task.sleep(for: .milliseconds(300))
                try server.start()
                try await server.waitUntilReady()
            }
            let outcomes = await load.value
            let (confirmed, timeouts, refused) = outcomes.reduce((0, 0, 0)) { ($0.0 + $1.1.confirmed.count, $0.1 + $1.1.timeouts, $0.2 + $1.1.refused) }
            print("crash test on \(database): \(confirmed) confirmed, \(refused) refused, \(timeouts) attempts without an answer")
            for (customer, outcome) in outcomes where !outcome.stalls.isEmpty { print("  \(customer.tenant)/\(customer.user.id): \(outcome.stalls)") }

            // Every update was answered: nothing left to deliver, every press answered.
            for token in stack.tokens.values { try await stack.sandbox.waitUntilDelivered(bot: token, timeout: .seconds(30)) }
            for (customer, _) in outcomes { try await customer.user.waitUntilAllPressesAnswered(timeout: .seconds(30)) }
            server.kill()

            // No one saw a message twice.
            for (customer, _) in outcomes {
                let repeated = await customer.user.repeatedBotMessages()
                #expect(repeated.isEmpty, "user \(customer.user.id) of \(customer.tenant) saw twice: \(repeated.map { $0.text ?? "" })")
            }
            // Every booking whose confirmation a customer saw exists, and no slot is booked twice.
            let confirmedTotal = outcomes.reduce(0) { $0 + $1.1.confirmed.count }
            #expect(confirmedTotal >= outcomes.count, "the load should confirm bookings through the crashes")
            try await stack.withDatabase { database in
                let stores = database.stores
                for (customer, outcome) in outcomes {
                    let bookings = try await stores.bookings.bookings(of: UserID(customer.user.id), tenant: customer.tenant)
                    let confirmedStarts = Set(bookings.filter { $0.status == .confirmed }.map { Int64($0.start.timeIntervalSince1970 / 60) })
                    for minute in outcome.confirmed {
                        #expect(confirmedStarts.contains(minute), "a confirmed booking of user \(customer.user.id) is missing")
                    }
                }
            }
        }
    }
}
