import BookingCore
import Foundation
import Storage
import TelegramSandbox
import Testing

@Suite("End to end through the sandbox", .serialized)
struct EndToEndTests {
    @Test(arguments: [LocalStack.Mode.webhook, .polling])
    func twoTenantsBookAtOnceAndOneCancels(mode: LocalStack.Mode) async throws {
        try await LocalStack.run(mode: mode) { stack in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, tenant) in [LocalStack.tenantA, LocalStack.tenantB].enumerated() {
                    group.addTask {
                        let journey = CustomerJourney(user: stack.user(Int64(500 + index), of: tenant))
                        try await journey.start()
                        try await journey.bookFirstFreeSlot(minDaysAhead: 2)
                    }
                }
                try await group.waitForAll()
            }
            let alpha = try await stack.stores.bookings.bookings(of: UserID(500), tenant: LocalStack.tenantA)
            let beta = try await stack.stores.bookings.bookings(of: UserID(501), tenant: LocalStack.tenantB)
            #expect(alpha.count == 1 && alpha.first?.status == .confirmed)
            #expect(beta.count == 1 && beta.first?.status == .confirmed)
            // Tenant isolation: nobody booked the other tenant's bot.
            #expect(try await stack.stores.bookings.bookings(of: UserID(500), tenant: LocalStack.tenantB).isEmpty)

            try await CustomerJourney(user: stack.user(500, of: LocalStack.tenantA)).cancelFirstBooking()
            let cancelled = try await stack.stores.bookings.bookings(of: UserID(500), tenant: LocalStack.tenantA)
            #expect(cancelled.first?.status == .cancelled(by: .customer, reason: nil))
            #expect(stack.sandbox.requestCount("setMyCommands", bot: stack.tokens[LocalStack.tenantA]!) == 3)
        }
    }

    @Test func secondStartMidFlowRestartsCleanly() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let user = stack.user(700, of: LocalStack.tenantA)
            try await CustomerJourney(user: user).start()
            _ = try await user.send("📅 Записаться")
            let services = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Выберите услугу:") == true }
            _ = try await user.press(try #require(services.inlineButtons.first).text)
            let calendar = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasSuffix("Выберите день:") == true }
            _ = try await user.send("/start")
            _ = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Здравствуйте") == true }
            let transcript = try await user.waitForTranscript(timeout: .seconds(10)) { messages in
                messages.first { $0.messageID == calendar.messageID }?.inlineKeyboard == nil
            }
            #expect(transcript.last?.replyKeyboard != nil)
        }
    }
}
