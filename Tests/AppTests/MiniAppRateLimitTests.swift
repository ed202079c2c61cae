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
            var statuses: [Int] = []
            for _ in 0..<30 { statuses.append(try await flooder.call(.GET, "services").status) }
            // The callback policy: 10 back to back, then about two a second.
            #expect(statuses.prefix(10).allSatisfy { $0 == 200 })
            #expect(statuses.filter { $0 == 429 }.count >= 15)
            let refused = try await flooder.call(.GET, "services")
            #expect(refused.status == 429 && refused.json["error"] as? String == "rate_limited")
            // Someone else is not held up by it.
            let other = MiniAppClient(port: stack.appPort, tenant: tenant, token: token, user: 7_102)
            #expect(try await other.call(.GET, "services").status == 200)
        }
    }
}
