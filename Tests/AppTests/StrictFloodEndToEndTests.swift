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

/// In the broadcast suite, which is serialized: the two heaviest sandbox runs take turns, so neither's pacing is
/// measured on a machine the other one saturates.
extension BroadcastFloodTests {
    /// 200 customers of one tenant confirm their bookings at the same moment, against Telegram's own figures: no
    /// 429, and the owner gets the 200 notices as a few digests, the last within seconds of the last booking.
    @Test func twoHundredConcurrentBookingsGiveNo429AndAFewDigests() async throws {
        try await LocalStack.run(mode: .webhook, floodLimits: .telegram) { stack in
            let owner = stack.user(1, of: LocalStack.tenantA)
            try await CustomerJourney(user: owner).start()
            let customers = (0..<200).map { stack.user(20_000 + Int64($0), of: LocalStack.tenantA) }
            // Everyone walks up to the confirmation card first, each to a different day and time.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (n, customer) in customers.enumerated() {
                    group.addTask { try await Self.walkToCard(customer, choice: n) }
                }
                try await group.waitForAll()
            }
            let clock = ContinuousClock()
            let outcomes = try await withThrowingTaskGroup(of: (Bool, ContinuousClock.Instant).self) { group in
                for customer in customers {
                    group.addTask {
                        try await customer.press("✅ Подтвердить")
                        let done = try await customer.waitForBotMessage(timeout: .seconds(60)) {
                            $0.text.map { !$0.hasPrefix("Проверьте запись") } ?? false
                        }
                        return (done.text?.hasPrefix("✅ Вы записаны!") == true, clock.now)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let booked = outcomes.count { $0.0 }
            #expect(booked >= 190, "most customers get their own slot")
            let lastBooked = try #require(outcomes.map(\.1).max())
            let notices = try await owner.waitForTranscript(timeout: .seconds(60)) { messages in
                messages.compactMap(\.text).reduce(0) { $0 + $1.components(separatedBy: "🆕 Новая запись").count - 1 } >= booked
            }
            let late = clock.now - lastBooked
            let toOwner = notices.filter { $0.fromBot && $0.text?.contains("Новая запись") == true }
            // One digest per 2-s window the confirmations were spread over (a loaded machine spreads them), at most 5
            // messages per window for length, plus the first notice alone: a handful, where there used to be 200.
            let firstBooked = try #require(outcomes.map(\.1).min())
            let windows = Int(((lastBooked - firstBooked) / .seconds(2)).rounded(.up)) + 1
            #expect(toOwner.count <= 1 + windows + 4, "\(toOwner.count) messages to the owner over \(lastBooked - firstBooked)")
            #expect(toOwner.count < 20)
            #expect(toOwner.contains { $0.text?.hasPrefix("🔔 Уведомления (") == true })
            #expect(toOwner.allSatisfy { ($0.text?.utf16.count ?? 0) <= 4096 && $0.inlineButtons.count <= 100 })
            #expect(late < .seconds(8), "the last notice came \(late) after the last booking")
            #expect(stack.sandbox.floodRejections() == 0)
            print("200 bookings: \(booked) booked over \(lastBooked - firstBooked), \(toOwner.count) messages to the owner, last \(late) after the last booking")
        }
    }

    /// Opens the booking card of the `choice`-th distinct (day, time) pair the bot offers.
    static func walkToCard(_ user: SimulatedUser, choice: Int) async throws {
        try await user.send("📅 Записаться")
        let services = try await user.waitForBotMessage(timeout: .seconds(60)) { $0.text?.hasPrefix("Выберите услугу:") == true }
        let service = try #require(services.inlineButtons.first { $0.text.hasPrefix("Женская стрижка") })
        try await user.press(service.text)
        let calendar = try await user.waitForBotMessage(timeout: .seconds(60)) {
            $0.text?.hasSuffix("Выберите день:") == true && $0.inlineButtons.contains { $0.callbackData?.hasPrefix("d:") == true }
        }
        let days = calendar.inlineButtons.filter { $0.callbackData?.hasPrefix("d:") == true }
        try await user.press(days[choice % days.count].text)
        let times = try await user.waitForBotMessage(timeout: .seconds(60)) { $0.inlineButtons.contains { $0.callbackData?.hasPrefix("t:") == true } }
        let slots = times.inlineButtons.filter { $0.callbackData?.hasPrefix("t:") == true }
        try await user.press(slots[(choice / days.count) % slots.count].text)
        _ = try await user.waitForBotMessage(timeout: .seconds(60)) { $0.text?.hasPrefix("Проверьте запись") == true }
    }
}
