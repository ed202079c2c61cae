import BookingCore
import Foundation
import Storage
import TelegramSandbox
import Testing

/// An update that crashes `zapis serve` deterministically (the test-only crash trigger): the supervised process
/// restarts, the update is dead-lettered instead of crashing it again, and every other update of every tenant is
/// processed.
@Suite("Crash loop", .serialized)
struct CrashLoopTests {
    static let trigger = "💥 crash me"

    @Test(arguments: ProcessStack.Database.available)
    func aPoisonUpdateCrashesTheServiceOnceAndIsDeadLettered(database: ProcessStack.Database) async throws {
        try await ProcessStack.run(database, tenants: 2) { stack in
            var environment = stack.environment
            environment["ZAPIS_TEST_CRASH_TRIGGER"] = Self.trigger
            environment["ZAPIS_INFLIGHT_JOURNAL"] =
                FileManager.default.temporaryDirectory
                .appendingPathComponent("zapis-crash-\(UUID().uuidString).inflight").path
            let port = try ServeProcess.freePort()
            environment["ZAPIS_PUBLIC_URL"] = "http://127.0.0.1:\(port)"
            let server = ServeProcess(environment: environment, port: port)
            try server.start()
            defer { server.kill() }
            try await server.waitUntilReady()
            try await stack.waitForWebhooks(port: port)

            let tenants = stack.tokens.keys.sorted { $0.rawValue < $1.rawValue }
            let attacker = stack.sandbox.user(5001, firstName: "Mallory", languageCode: "en", bot: stack.tokens[tenants[0]]!)
            _ = try await attacker.send(Self.trigger)
            // The supervisor (this test) sees the crash and restarts the service on the same database and journal.
            let status = try await server.waitForExit(timeout: .seconds(30))
            #expect(status != 0)
            try server.start()
            try await server.waitUntilReady()

            // The redelivered poison update is given up on: the sender is told politely, the process stays up.
            let apology = try await attacker.waitForBotMessage(timeout: .seconds(30)) {
                $0.text?.hasPrefix("Sorry, something went wrong") == true
            }
            #expect(apology.text != nil)
            // Every other update of every tenant is processed, before and after.
            for (index, tenant) in tenants.enumerated() {
                let user = stack.sandbox.user(Int64(6000 + index), firstName: "Ivan", languageCode: "en", bot: stack.tokens[tenant]!)
                _ = try await user.send("/start")
                _ = try await user.waitForBotMessage(timeout: .seconds(30)) { $0.text?.hasPrefix("Hello, Ivan") == true }
            }
            _ = try await attacker.send("/start")
            _ = try await attacker.waitForBotMessage(timeout: .seconds(30)) { $0.text?.hasPrefix("Hello, Mallory") == true }
            #expect(server.isRunning, "the dead-lettered update must not crash the service again")
            server.kill()

            let letters = try await stack.withDatabase { try await $0.stores.deadLetters.deadLetters(limit: 10) }
            #expect(letters.count == 1)
            let letter = try #require(letters.first)
            #expect(letter.ref.tenant == tenants[0])
            #expect(letter.attempts == 2)
            #expect(String(decoding: letter.body, as: UTF8.self).contains("crash me"))
            #expect(try await stack.withDatabase { try await $0.stores.deadLetters.crashRecords(now: Date()) }.isEmpty)
        }
    }
}
