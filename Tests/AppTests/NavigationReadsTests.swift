import AsyncHTTPClient
import Foundation
@_spi(Testing) import StorageSQLite
import TelegramSandbox
import Testing

/// Navigation without writes (issue 23): presses that only re-render their message take no claim, no transaction
/// and no outbox row; a redelivered one renders again; `ZAPIS_NAVIGATION_READS=0` restores the transaction.
@Suite("Navigation by reading alone", .serialized)
struct NavigationReadsTests {
    /// Services → service (the first press notes the flow's message) → day → time: the day and time presses leave
    /// no processed-update claim and no outbox row, yet the customer sees every screen and every press is answered.
    @Test func navigationPressesWriteNothingAndRenderAgainWhenRedelivered() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let user = stack.user(9_101, of: LocalStack.tenantA)
            try await CustomerJourney(user: user).start()
            _ = try await user.send("📅 Записаться")
            let services = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Выберите услугу:") == true }
            _ = try await user.press(try #require(services.inlineButtons.first { $0.text.hasPrefix("Женская стрижка") }).text)
            let calendar = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasSuffix("Выберите день:") == true }
            try await user.waitUntilAllPressesAnswered()
            let before = try await stack.store.housekeptRows()

            let day = try #require(calendar.inlineButtons.first { $0.callbackData?.hasPrefix("d:") == true })
            _ = try await user.pressData(try #require(day.callbackData), messageID: calendar.messageID)
            let slots = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains("выберите время") == true }
            let slot = try #require(slots.inlineButtons.first { $0.callbackData?.hasPrefix("t:") == true })
            _ = try await user.pressData(try #require(slot.callbackData), messageID: slots.messageID)
            let card = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Проверьте запись") == true }
            try await user.waitUntilAllPressesAnswered()
            let afterNav = try await stack.store.housekeptRows()
            #expect(afterNav == before, "\(before) → \(afterNav)")

            // Telegram redelivers the time press (its answer was lost): the same card again, answered in the reply.
            let secret = try await stack.webhookSecret(for: LocalStack.tenantA)
            let redelivery = Self.press(id: 77_001, user: user.id, message: card.messageID, data: try #require(slot.callbackData))
            let again = try await WebhookReplyTests.post(stack.appPort, path: "/telegram/\(LocalStack.tenantA)", secret: secret, body: redelivery)
            #expect(again.status == 200)
            #expect(again.body.contains("answerCallbackQuery"))
            let transcript = try await user.waitForTranscript(timeout: .seconds(10)) { messages in
                messages.first { $0.messageID == card.messageID }?.text == card.text
            }
            #expect(transcript.first { $0.messageID == card.messageID }?.inlineButtons.map(\.callbackData) == card.inlineButtons.map(\.callbackData))
            #expect(try await stack.store.housekeptRows() == before)

            // Confirming is effectful: it goes through the update's transaction and books.
            let confirm = try #require(card.inlineButtons.first { $0.callbackData?.hasPrefix("ok:") == true })
            _ = try await user.pressData(try #require(confirm.callbackData), messageID: card.messageID)
            _ = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("✅ Вы записаны!") == true }
            #expect(try await stack.store.housekeptRows().processedUpdates == before.processedUpdates + 1)
        }
    }

    /// Forged navigation data (an unknown service, a day far away, a master of nobody, someone else's booking) is
    /// answered politely, and the bot goes on.
    @Test func forgedNavigationPressesAreAnsweredPolitely() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let user = stack.user(9_102, of: LocalStack.tenantA)
            try await CustomerJourney(user: user).start()
            _ = try await user.send("📅 Записаться")
            let services = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Выберите услугу:") == true }
            // Five, so the journey after them stays within the incoming limit on presses (a burst of 10).
            for data in ["s:999999", "d:1:0:99991231", "ms:1:9999", "rs:424242", "bc:424242"] {
                _ = try await user.pressData(data, messageID: services.messageID)
            }
            try await user.waitUntilAllPressesAnswered(timeout: .seconds(10))
            #expect(await user.callbackAnswers().count >= 5)
            try await CustomerJourney(user: user).bookFirstFreeSlot()
        }
    }

    /// With `ZAPIS_NAVIGATION_READS=0` a navigation press is claimed and committed like any update (the comparison run).
    @Test func turnedOffNavigationGoesThroughTheTransaction() async throws {
        try await LocalStack.run(mode: .webhook, environment: ["ZAPIS_NAVIGATION_READS": "0"]) { stack in
            let user = stack.user(9_103, of: LocalStack.tenantA)
            try await CustomerJourney(user: user).start()
            _ = try await user.send("📅 Записаться")
            let services = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Выберите услугу:") == true }
            try await user.waitUntilAllPressesAnswered()
            let before = try await stack.store.housekeptRows()
            _ = try await user.press(try #require(services.inlineButtons.first).text)
            _ = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasSuffix("Выберите день:") == true }
            #expect(try await stack.store.housekeptRows().processedUpdates == before.processedUpdates + 1)
        }
    }

    static func press(id: Int64, user: Int64, message: Int64, data: String) -> String {
        """
        {"update_id": \(id), "callback_query": {"id": "cb-\(id)", "chat_instance": "1",
         "from": {"id": \(user), "is_bot": false, "first_name": "User\(user)", "language_code": "ru"}, "data": "\(data)",
         "message": {"message_id": \(message), "date": 1796000000, "chat": {"id": \(user), "type": "private"}, "text": "old"}}}
        """
    }
}
