import BookingCore
import BotFlows
import Foundation
import Storage
import TelegramBotAPI
import Testing

@Suite("Adversarial customer input")
struct AdversarialCustomerTests {
    static let garbage: [String] = [
        String(repeating: "Z", count: 64),
        "fr:" + String(repeating: "9", count: 61),
        "wa:" + String(repeating: "1", count: 30) + ":" + String(repeating: "x", count: 30),
        "pb:" + String(repeating: "7", count: 61),
        "wj:1:a:" + String(repeating: "2", count: 57),
        String(repeating: "ж", count: 32),  // 64 bytes of UTF-8
    ]

    @Test(arguments: [("ru", "Эта кнопка устарела."), ("en", "This button is out of date.")])
    func sixtyFourByteGarbageIsAnsweredAndChangesNothing(language: String, stale: String) async throws {
        let harness = try await FlowHarness()
        let user = FlowHarness.user(language: language)
        for (index, data) in Self.garbage.enumerated() {
            #expect(data.utf8.count == 64)
            let updateID = Int64(20 + index)
            let result = try await harness.result(FlowHarness.press(data, from: user, updateID: updateID))
            #expect(result.calls == [.answerCallbackQuery(AnswerCallbackQuery(callbackQueryID: "cb\(updateID)", text: stale))], "\(data)")
            #expect(result.scheduled.isEmpty && result.timers.isEmpty && result.withdrawn.isEmpty)
        }
        let key = ConversationKey(tenant: harness.context.id, chat: ChatID(user.id), user: UserID(user.id))
        #expect(await harness.store.loadState(key) == nil)
        #expect(await harness.store.waitlist(of: UserID(user.id), tenant: harness.context.id).isEmpty)
    }

    @Test(arguments: ["ru", "en"])
    func aFiveThousandCharacterMessageGetsTheHint(language: String) async throws {
        let harness = try await FlowHarness()
        let user = FlowHarness.user(language: language)
        let calls = try await harness.handle(FlowHarness.text(String(repeating: "a", count: 5000), from: user))
        #expect(calls.count == 1)
        #expect(calls.first?.sentText == Texts.standard.render(.hint, language == "ru" ? .ru : .en))
    }

    @Test func pastBookingsPageBeyondTheEndShowsTheLastPage() async throws {
        let harness = try await FlowHarness()
        for day in 1...7 {
            let start = FlowHarness.now.addingTimeInterval(-Double(day) * 86_400)
            _ = try await harness.store.createBooking(
                BookingRequest(customer: UserID(100_000_001), chat: ChatID(100_000_001), service: harness.services[0], masterID: harness.master.id, start: start),
                tenant: harness.context.id, maxActivePerCustomer: 100, now: start.addingTimeInterval(-86_400))
        }
        let first = try await harness.handle(FlowHarness.press("pb:0"))
        #expect(first[1].sentText?.hasPrefix("Ваши прошедшие записи (1/2):") == true)
        #expect(first[1].inlineButtons.map(\.callbackData) == ["pb:1", "my"])
        let beyond = try await harness.handle(FlowHarness.press("pb:99", updateID: 3))
        #expect(beyond[1].sentText?.hasPrefix("Ваши прошедшие записи (2/2):") == true)
        #expect(beyond[1].inlineButtons.map(\.callbackData) == ["pb:0", "my"])
        #expect(beyond[1].sentText?.split(separator: "\n").count == 3)
    }
}
