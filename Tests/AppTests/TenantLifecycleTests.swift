import App
import BookingCore
import Foundation
import Storage
import TelegramBotAPI
import TelegramSandbox
import Testing

/// The operator suspends, resumes, deletes, purges and re-tokens tenants while the real service runs (its tenant
/// directory refreshes every second here, as another process's change would reach it).
@Suite("Tenant lifecycle", .serialized)
struct TenantLifecycleTests {
    /// Refresh every second; no incoming rate limit (a test retries faster than a person would).
    static let refresh = ["ZAPIS_TENANT_REFRESH": "1", "ZAPIS_RATE_LIMITS": "0"]
    static let unavailable = "Запись через бот временно недоступна"
    static let greeting = "Здравствуйте"

    /// Sends `text` until the reply contains `expected`: the service picks a change up at its next refresh (1 s here).
    static func sendUntil(_ user: SimulatedUser, _ text: String, replyContains expected: String) async throws -> SandboxMessage {
        for _ in 0..<20 {
            try await user.send(text)
            let reply = try await user.waitForBotMessage(timeout: .seconds(10))
            if reply.text?.contains(expected) == true { return reply }
            try await Task.sleep(for: .milliseconds(500))
        }
        throw SandboxError.timedOut("no reply with \(expected.debugDescription)")
    }

    static func lifecycle(_ stack: LocalStack, now: Date? = nil) -> TenantLifecycle {
        var dependencies = stack.dependencies
        if let now { dependencies.now = { now } }
        return TenantLifecycle(dependencies: dependencies, actor: "cli:test")
    }

    @Test func suspendPausesCustomersButNotOwnersAndResumeServesAgain() async throws {
        try await LocalStack.run(mode: .webhook, environment: Self.refresh) { stack in
            let (a, b) = (LocalStack.tenantA, LocalStack.tenantB)
            let customer = stack.user(100, of: a)
            try await CustomerJourney(user: customer).start()
            let lifecycle = Self.lifecycle(stack)
            let (suspended, cancelled) = try await lifecycle.suspend(a, reason: "Подписка не оплачена", cancelReminders: false)
            #expect(suspended.profile.status == .suspended && cancelled == 0)
            await #expect(throws: LifecycleError.already(.suspended)) { try await lifecycle.suspend(a, reason: "", cancelReminders: false) }

            _ = try await Self.sendUntil(customer, "/start", replyContains: Self.unavailable)
            let another = stack.user(101, of: a)
            try await another.send("📅 Записаться")
            try await another.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains(Self.unavailable) == true }
            // The owner still runs the day, and reads why the bot is paused and how to resume.
            let owner = stack.user(1, of: a)
            try await owner.send("/admin")
            let panel = try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains("Панель администратора") == true }
            #expect(panel.text?.hasPrefix("⏸ Платформа приостановила этот бот: Подписка не оплачена") == true)
            #expect(panel.text?.contains("свяжитесь с оператором платформы") == true)
            // Another tenant is not affected.
            try await CustomerJourney(user: stack.user(200, of: b)).start()

            _ = try await lifecycle.resume(a)
            _ = try await Self.sendUntil(customer, "/start", replyContains: Self.greeting)
            try await CustomerJourney(user: customer).bookFirstFreeSlot(minDaysAhead: 2)

            // Reminders of existing bookings go out during a suspension unless the operator cancels them.
            let (_, kept) = try await lifecycle.suspend(a, reason: "again", cancelReminders: false)
            #expect(kept == 0)
            _ = try await lifecycle.resume(a)
            let (_, withdrawn) = try await lifecycle.suspend(a, reason: "closed for a month", cancelReminders: true)
            #expect(withdrawn >= 1)

            let audit = try await stack.stores.tenants.operatorAudit(tenant: a, limit: 10)
            #expect(audit.map(\.action) == ["tenant.suspend", "tenant.resume", "tenant.suspend", "tenant.resume", "tenant.suspend"])
            #expect(audit.allSatisfy { $0.actor == "cli:test" })
            #expect(audit.last?.detail == #"status: "trial" → "suspended"; reason: "" → "Подписка не оплачена""#)
            #expect(audit.first?.detail.hasPrefix("reminders cancelled; status: \"active\" → \"suspended\"") == true)
            #expect(try await stack.stores.tenants.operatorAudit(tenant: b, limit: 10).isEmpty)
        }
    }

    @Test func deleteRemovesTheWebhookStopsServingAndPurgesAfterTheGracePeriod() async throws {
        try await LocalStack.run(mode: .webhook, environment: Self.refresh) { stack in
            let (a, b) = (LocalStack.tenantA, LocalStack.tenantB)
            let customer = stack.user(100, of: a)
            try await CustomerJourney(user: customer).start()
            try await CustomerJourney(user: customer).bookFirstFreeSlot(minDaysAhead: 2)
            let secret = try await stack.webhookSecret(for: a)
            let deleted = try await Self.lifecycle(stack).delete(a, reason: "closed")
            #expect(deleted.profile.status == .deleted)
            #expect(try stack.sandbox.webhookInfo(for: stack.tokens[a]!).url == "")
            // Once the service has refreshed, the tenant's webhook path is answered like an unknown tenant's.
            let update = #"{"update_id": 1}"#
            var status = 200
            for _ in 0..<50 where status == 200 {
                status = try await WebhookReplyTests.post(stack.appPort, path: "/telegram/\(a)", secret: secret, body: update).status
                if status == 200 { try await Task.sleep(for: .milliseconds(100)) }  // polls a condition; the refresh is 1 s
            }
            #expect(status == 401)

            let deletedAt = try #require(deleted.statusChangedAt)
            #expect(try await Self.lifecycle(stack, now: deletedAt.addingTimeInterval(29 * 86_400)).purgeExpired(grace: 30 * 86_400).isEmpty)
            #expect(try await stack.stores.bookings.bookings(of: UserID(100), tenant: a).count == 1)
            let purged = try await Self.lifecycle(stack, now: deletedAt.addingTimeInterval(31 * 86_400)).purgeExpired(grace: 30 * 86_400)
            #expect(purged == [a])
            #expect(try await stack.stores.tenants.tenant(a) == nil)
            #expect(try await stack.stores.bookings.bookings(of: UserID(100), tenant: a).isEmpty)
            #expect(try await stack.stores.catalog.services(a).isEmpty)
            let audit = try await stack.stores.tenants.operatorAudit(tenant: a, limit: 10)
            #expect(audit.map(\.action) == ["tenant.purge", "tenant.delete"])
            #expect(audit.first?.detail.hasPrefix("grace period of 30 days over; deleted at") == true)
            await #expect(throws: LifecycleError.unknownTenant(a.rawValue)) { try await Self.lifecycle(stack).resume(a) }
            // The other tenant keeps its data and serves.
            #expect(try await stack.stores.catalog.services(b).isEmpty == false)
            try await CustomerJourney(user: stack.user(200, of: b)).start()
        }
    }

    @Test func aRevokedTokenIsReplacedForTheSameBotOnly() async throws {
        try await LocalStack.run(mode: .polling, environment: Self.refresh) { stack in
            let (a, b) = (LocalStack.tenantA, LocalStack.tenantB)
            let old = stack.tokens[a]!
            let fresh = try #require(stack.sandbox.reissueToken(bot: old))
            let lifecycle = Self.lifecycle(stack)
            await #expect(throws: LifecycleError.malformedToken) { try await lifecycle.setToken(a, token: "not a token", newBot: false) }
            await #expect(throws: LifecycleError.self) { try await lifecycle.setToken(a, token: old.rawValue, newBot: false) }
            let other = stack.tokens[b]!
            await #expect(throws: LifecycleError.differentBot(stored: old.botID!, new: other.botID!)) {
                try await lifecycle.setToken(a, token: other.rawValue, newBot: false)
            }
            let record = try await lifecycle.setToken(a, token: " \(fresh.rawValue)\n", newBot: false)
            #expect(try stack.vault.open(record.encryptedToken) == fresh.rawValue)
            // The service polls with the new token after its next refresh and answers the customer.
            let customer = stack.user(100, of: a)
            try await customer.send("/start")
            try await customer.waitForBotMessage(timeout: .seconds(20)) { $0.text?.contains(Self.greeting) == true }
            let audit = try #require(try await stack.stores.tenants.operatorAudit(tenant: a, limit: 1).first)
            #expect(audit.action == "tenant.set-token" && audit.detail == "token: replaced")
            #expect(!audit.detail.contains(fresh.rawValue))
        }
    }

    @Test func anEditIsCheckedFieldByFieldAndAudited() async throws {
        try await LocalStack.run(mode: .polling) { stack in
            let a = LocalStack.tenantA
            let lifecycle = Self.lifecycle(stack)
            let before = try #require(try await stack.stores.tenants.tenant(a))
            for edit in [
                TenantEdit(timeZone: "Mars/Olympus"), TenantEdit(language: "de"), TenantEdit(currency: "rub"), TenantEdit(name: "  "),
                TenantEdit(address: String(repeating: "x", count: 501)), TenantEdit(ownerID: -5), TenantEdit(name: "New", currency: "RUBLES"),
            ] {
                await #expect(throws: LifecycleError.self) { try await lifecycle.edit(a, edit) }
            }
            #expect(try await stack.stores.tenants.tenant(a) == before)
            let edited = try await lifecycle.edit(a, TenantEdit(name: "Barber 42", timeZone: "Asia/Yekaterinburg", ownerID: 77))
            #expect(edited.profile.name == "Barber 42" && edited.profile.timeZone == "Asia/Yekaterinburg" && edited.ownerID == UserID(77))
            let audit = try #require(try await stack.stores.tenants.operatorAudit(tenant: a, limit: 1).first)
            #expect(audit.detail.contains(#"time_zone: "Europe/Moscow" → "Asia/Yekaterinburg""#) && audit.detail.contains(#"owner: "1" → "77""#))
            await #expect(throws: LifecycleError.unknownTenant("nobody_here")) { try await lifecycle.edit(TenantID("nobody_here")!, TenantEdit(name: "x")) }
        }
    }

    /// Tokens are read from stdin, a file or the environment; the CLI has no way to take one from argv.
    @Test func theCLINeverTakesATokenFromArgv() async throws {
        let process = Process()
        process.executableURL = try DemoCommandTests.binary()
        process.arguments = ["tenant", "add", "--id", "client_001", "--name", "X", "--admin", "1", "--token", "123456:" + String(repeating: "A", count: 35)]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).contains("Unknown option '--token'"))

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("token-\(UUID().uuidString)")
        try Data("123:abc\nsecond line\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(try TokenInput(file: file.path, environmentName: nil).read() == "123:abc")
        #expect(try TokenInput(file: nil, environmentName: "BOT_TOKEN").read(environment: ["BOT_TOKEN": " 456:def\n"]) == "456:def")
        #expect(throws: TokenInput.Failure.self) { try TokenInput(file: nil, environmentName: "BOT_TOKEN").read(environment: [:]) }
        #expect(throws: TokenInput.Failure.self) { try TokenInput(file: "/nonexistent/token", environmentName: nil).read() }
    }
}
