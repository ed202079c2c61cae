import BookingCore
import Foundation
import TelegramSandbox
import Testing

/// The Mini App API is limited per user like the chat (issue 22): its calls count as button presses, in the same bucket.
@Suite("Mini App rate limit", .serialized)
struct MiniAppRateLimitTests {
    @Test func aUserHammeringTheAPIGets429AndOthersAreServed() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let tenant = LocalStack.tenantA
            let token = stack.tokens[tenant]!
            let flooder = MiniAppClient(port: stack.appPort, tenant: tenant, token: token, user: 7_101)
            // Thirty calls at once: the first ten pass back to back, then about two a second (the refill depends on how
            // long the machine takes to serve them, so only "some were refused" is certain).
            let statuses = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                for _ in 0..<30 {
                    group.addTask {
                        let answer = try await flooder.call(.GET, "services")
                        return (answer.status, answer.json["error"] as? String)
                    }
                }
                return try await group.reduce(into: [(Int, String?)]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0.0 == 200 || ($0.0 == 429 && $0.1 == "rate_limited") }, "\(statuses)")
            #expect(statuses.filter { $0.0 == 200 }.count >= 10)
            #expect(statuses.contains { $0.0 == 429 }, "\(statuses)")
            // Someone else is not held up by it.
            let other = MiniAppClient(port: stack.appPort, tenant: tenant, token: token, user: 7_102)
            #expect(try await other.call(.GET, "services").status == 200)
        }
    }
}
