import BookingCore
import Foundation
import TelegramSandbox
import Testing

/// The real service against a sandbox that enforces Telegram's own flood figures (1 message/s per chat, burst 3;
/// 30/s per bot): the sender's margin keeps every request under them.
@Suite("Strict flood limits end to end", .serialized)
struct StrictFloodEndToEndTests {
    @Test func aNormalJourneyGetsNo429() async throws {
        try await LocalStack.run(mode: .webhook, floodLimits: .telegram) { stack in
            // The owner hears about each booking and cancellation in their chat.
            try await CustomerJourney(user: stack.user(1, of: LocalStack.tenantA)).start()
            let journey = CustomerJourney(user: stack.user(501, of: LocalStack.tenantA))
            try await journey.start()
            try await journey.bookFirstFreeSlot(minDaysAhead: 3)
            try await journey.cancelFirstBooking()
            // A second customer books right after (a scripted customer booking again at once would meet the spam limit).
            try await CustomerJourney(user: stack.user(502, of: LocalStack.tenantA)).bookFirstFreeSlot(minDaysAhead: 3)
            _ = try await stack.user(1, of: LocalStack.tenantA).waitForTranscript(timeout: .seconds(10)) { messages in
                messages.compactMap(\.text).reduce(0) { $0 + $1.components(separatedBy: "Клиент: ").count - 1 } == 3
            }
            #expect(stack.sandbox.floodRejections() == 0)
        }
    }
}
