import Foundation
@_spi(Testing) import StorageSQLite
import TelegramSandbox
import Testing

/// The running service prunes on its own: a week after a conversation its delivery records are gone, except the
/// newest update mark of each tenant.
@Suite("Housekeeper", .serialized)
struct HousekeeperTests {
    @Test func aWeekLaterTheRecordsOfAConversationArePruned() async throws {
        let clock = TestClock()
        try await LocalStack.run(mode: .webhook, clock: clock, environment: ["ZAPIS_PURGE_INTERVAL": "1", "ZAPIS_RATE_LIMITS": "0"]) { stack in
            let user = stack.user(901, of: LocalStack.tenantA)
            try await user.send("/start")
            _ = try await user.waitForBotMessage(timeout: .seconds(10))
            try await user.send("/help")
            _ = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("/book") == true }
            let before = try await stack.store.housekeptRows()
            #expect(before.processedUpdates >= 2 && before.outbox >= 2)

            clock.advance(by: 8 * 86_400)
            let deadline = ContinuousClock.now + .seconds(15)
            var after = before
            while ContinuousClock.now < deadline {
                after = try await stack.store.housekeptRows()
                if after.processedUpdates == 1 && after.outbox < before.outbox { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(after.processedUpdates == 1, "only tenant A's newest mark is kept")
            // Every message of the conversation went (what remains was sent after the jump, e.g. a timer that fell due):
            // pruning again with the service's windows finds nothing left.
            #expect(after.outbox < before.outbox)
            let week: TimeInterval = 7 * 86_400
            #expect(try await stack.store.pruneDeliveredOutbox(
                before: clock.date().addingTimeInterval(-week), broadcastsBefore: clock.date().addingTimeInterval(-90 * 86_400), limit: 100) == 0)
            // The service goes on serving.
            try await user.send("/help")
            _ = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("/book") == true }
        }
    }
}
