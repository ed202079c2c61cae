import BookingCore
import Foundation
import TelegramBotAPI
import TelegramSandbox
import Testing

/// Expiry warnings with two `zapis serve` processes on one PostgreSQL database (issue 20): both run the subscription
/// check every second, and each owner gets the warning due (7, 3 or 0 days ahead) exactly once.
@Suite("Expiry warnings from two instances", .serialized)
struct TwoInstanceExpiryTests {
    static func psql(_ url: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", url, "-At", "-v", "ON_ERROR_STOP=1", "-c", sql]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "psql: \(sql)")
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(.enabled(if: ProcessStack.Database.available.contains(.postgres), "needs PostgreSQL"))
    func eachOwnerIsWarnedOnceWhileTwoInstancesCheck() async throws {
        let tenants = 4
        try await ProcessStack.run(.postgres, tenants: tenants) { stack in
            let url = stack.configuration.databaseURL
            // One tenant's 7-day warning is due now, two tenants' 3-day one, one tenant's "ends today" one (six hours before
            // the end); each subscription changed long ago, so its warning is news.
            _ = try Self.psql(
                url,
                """
                UPDATE zapis.subscriptions SET updated_at = now() - interval '10 days', paid_until = now() - interval '2 minutes' +
                    CASE tenant_id WHEN 'crash_000' THEN interval '7 days' WHEN 'crash_003' THEN interval '6 hours' ELSE interval '3 days' END
                """)
            // The owners (user 1 of every bot) have started their bots: a bot cannot open a chat.
            for token in stack.tokens.values { try stack.sandbox.startChat(userID: 1, firstName: "Owner", bot: token) }
            var environment = stack.environment
            environment["ZAPIS_BILLING_CHECK_INTERVAL"] = "1"
            let port = try ServeProcess.freePort()
            environment["ZAPIS_PUBLIC_URL"] = "http://127.0.0.1:\(port)"
            let first = ServeProcess(environment: environment, port: port)
            let second = ServeProcess(environment: environment, port: try ServeProcess.freePort())
            try first.start()
            defer { first.kill() }
            try second.start()
            defer { second.kill() }
            try await first.waitUntilReady()
            try await second.waitUntilReady()
            let owners = stack.tokens.values.map { stack.sandbox.user(1, firstName: "Owner", languageCode: "ru", bot: $0) }
            func warnings(_ owner: SimulatedUser) async -> [String] {
                await owner.transcript().filter { $0.fromBot && $0.text?.contains("Подписка на бот заканчивается") == true }.compactMap(\.text)
            }
            let deadline = ContinuousClock.now + .seconds(30)
            for owner in owners {
                while await warnings(owner).isEmpty, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
            }
            // Not a wait for something to happen: both instances check three more times, and nothing more may arrive.
            try await Task.sleep(for: .seconds(3))
            var seen: [String: Int] = [:]
            for (id, token) in stack.tokens {
                let owner = stack.sandbox.user(1, firstName: "Owner", languageCode: "ru", bot: token)
                let texts = await warnings(owner)
                #expect(texts.count == 1, "\(id): \(texts)")
                let kind = texts.first.map { $0.contains("через 7 дн.") ? "7" : $0.contains("через 3 дн.") ? "3" : $0.contains("сегодня") ? "0" : "?" }
                seen[id.rawValue] = kind.flatMap(Int.init) ?? -1
            }
            #expect(seen == ["crash_000": 7, "crash_001": 3, "crash_002": 3, "crash_003": 0])
            #expect(try Self.psql(url, "SELECT count(*) FROM zapis.expiry_notices") == String(tenants))
        }
    }
}
