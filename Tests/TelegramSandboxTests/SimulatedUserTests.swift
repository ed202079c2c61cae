import Foundation
import TelegramBotAPI
import TelegramSandbox
import Testing

/// Presses, transcripts with edits, blocking, documents, waits and bot isolation.
@Suite struct SimulatedUserTests {
    static let menu = InlineKeyboardMarkup([
        [InlineKeyboardButton(text: "Записаться", callbackData: "book")],
        [InlineKeyboardButton(text: "Мои записи", callbackData: "my"), InlineKeyboardButton(text: "Сайт", url: "https://example.com")],
    ])

    @Test func pressByTextSendsTheButtonsData() async throws {
        try await withSandbox { (h: Harness) async throws in
            let token = await h.bot()
            let user = try await h.startedUser(bot: token)
            let old = try await h.client.call(SendMessage(chatID: user.id, text: "old", replyMarkup: .inline(Self.menu)), token: token)
            let newer = InlineKeyboardMarkup([[InlineKeyboardButton(text: "Мои записи", callbackData: "my:2")]])
            let sent = try await h.client.call(SendMessage(chatID: user.id, text: "Меню", replyMarkup: .inline(newer)), token: token)
            let updateID = try await user.press("Мои записи")

            let updates = try await h.client.call(GetUpdates(), token: token)
            let query = try #require(updates.last?.callbackQuery)
            #expect(updates.last?.updateID == updateID)
            #expect(query.data == "my:2")  // The newest message with that button wins.
            #expect(query.message?.messageID == sent.messageID)
            #expect(query.from.id == user.id)
            #expect(await user.unansweredPresses() == [query.id])

            try await user.press("Записаться")  // Only on the older message.
            let second = try #require(try await h.call(GetUpdates(offset: updateID + 1), token: token).first?.callbackQuery)
            #expect(second.data == "book" && second.message?.messageID == old.messageID)
            await #expect(throws: SandboxError.buttonNotFound("Нет такой")) { try await user.press("Нет такой") }
            await #expect(throws: SandboxError.buttonNotFound("Сайт")) { try await user.press("Сайт") }  // URL buttons send nothing.

            async let answered: Void = user.waitUntilAllPressesAnswered()
            _ = try await h.client.call(AnswerCallbackQuery(callbackQueryID: query.id), token: token)
            _ = try await h.client.call(AnswerCallbackQuery(callbackQueryID: second.id, text: "Готово"), token: token)
            try await answered
            #expect(await user.callbackAnswers().map(\.data) == ["my:2", "book"])
            #expect(await user.callbackAnswers().last?.text == "Готово")
        }
    }

    @Test func forgedPressOnAMissingMessageIsInaccessible() async throws {
        try await withSandbox { (h: Harness) async throws in
            let token = await h.bot()
            let user = try await h.startedUser(bot: token)
            try await user.pressData("cancel:999", messageID: 4242)
            let query = try #require(try await h.call(GetUpdates(), token: token).last?.callbackQuery)
            #expect(query.data == "cancel:999")
            #expect(query.message?.isInaccessible == true)
            #expect(query.message?.messageID == 4242)
        }
    }

    @Test func transcriptAppliesEditsInPlace() async throws {
        try await withSandbox { (h: Harness) async throws in
            let token = await h.bot()
            let user = try await h.startedUser(bot: token)
            let sent = try await h.client.call(
                SendMessage(chatID: user.id, text: "Выберите день", replyMarkup: .inline(Self.menu)), token: token)
            try await user.send("спасибо")
            let edited = try await h.client.call(
                EditMessageText(chatID: user.id, messageID: sent.messageID, text: "Запись подтверждена"), token: token)
            #expect(edited.replyMarkup == nil && edited.editDate != nil)

            let transcript = await user.transcript()
            #expect(transcript.map(\.text) == ["/start", "Запись подтверждена", "спасибо"])
            #expect(transcript.map(\.fromBot) == [false, true, false])
            #expect(transcript[1].messageID == sent.messageID)
            #expect(transcript[1].inlineKeyboard == nil && transcript[1].editCount == 1)

            let keyboard = InlineKeyboardMarkup([[InlineKeyboardButton(text: "Отменить", callbackData: "c:1")]])
            _ = try await h.client.call(
                EditMessageReplyMarkup(chatID: user.id, messageID: sent.messageID, replyMarkup: keyboard), token: token)
            #expect(await user.transcript()[1].inlineKeyboard == keyboard)
            _ = try await h.client.call(DeleteMessage(chatID: user.id, messageID: sent.messageID), token: token)
            #expect(await user.transcript().map(\.text) == ["/start", "спасибо"])
        }
    }

    @Test func identicalEditsAndUnknownMessagesAreRefused() async throws {
        try await withSandbox { (h: Harness) async throws in
            let token = await h.bot()
            let user = try await h.startedUser(bot: token)
            let sent = try await h.client.call(SendMessage(chatID: user.id, text: "Меню", replyMarkup: .inline(Self.menu)), token: token)
            let same = EditMessageText(chatID: user.id, messageID: sent.messageID, text: "Меню", replyMarkup: Self.menu)
            let error = await #expect(throws: TelegramError.self) { try await h.client.call(same, token: token) }
            #expect(error?.isMessageNotModified == true)
            try await h.client.perform(.editMessageText(same), token: token)  // Callers treat it as success.
            await #expect(throws: TelegramError.badRequest("Bad Request: message to edit not found")) {
                try await h.client.call(EditMessageText(chatID: user.id, messageID: 999, text: "x"), token: token)
            }
            await #expect(throws: TelegramError.self) {
                try await h.client.call(
                    EditMessageReplyMarkup(chatID: user.id, messageID: sent.messageID, replyMarkup: Self.menu), token: token)
            }
        }
    }

    @Test func blockedUserIsForbidden() async throws {
        try await withSandbox { (h: Harness) async throws in
            let token = await h.bot()
            let user = try await h.startedUser(bot: token)
            try await user.blockBot()
            await #expect(throws: TelegramError.forbidden("Forbidden: bot was blocked by the user")) {
                try await h.client.call(SendMessage(chatID: user.id, text: "Напоминание"), token: token)
            }
            let member = try #require(try await h.call(GetUpdates(), token: token).last?.myChatMember)
            #expect(member.newChatMember.status == "kicked" && member.chat.id == user.id)
            try h.sandbox.setBlocked(false, userID: user.id, bot: token)
            _ = try await h.client.call(SendMessage(chatID: user.id, text: "Снова на связи"), token: token)
        }
    }

    @Test func documentBytesArriveIntact() async throws {
        try await withSandbox { (h: Harness) async throws in
            let token = await h.bot()
            let user = try await h.startedUser(bot: token)
            var bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }
            bytes.replaceSubrange(100..<110, with: Array("\r\n--zapis-".utf8))
            let sent = try await h.client.call(
                SendDocument(chatID: user.id, fileName: "записи.csv", mimeType: "text/csv", contents: bytes, caption: "Выгрузка"),
                token: token)
            #expect(sent.document?.fileName == "записи.csv" && sent.caption == "Выгрузка")
            let document = try #require(await user.transcript().last?.document)
            #expect(document.bytes == bytes)
            #expect(document.mimeType == "text/csv" && document.fileID == sent.document?.fileID)
        }
    }

    @Test func waitForBotMessageWakesOnTheReply() async throws {
        try await withSandbox { (h: Harness) async throws in
            let token = await h.bot()
            let user = try await h.startedUser(bot: token)
            async let reply = user.waitForBotMessage { $0.text == "Здравствуйте!" }
            _ = try await h.client.call(
                SendMessage(
                    chatID: user.id, text: "Здравствуйте!", replyMarkup: .reply(ReplyKeyboardMarkup([[KeyboardButton("Записаться")]]))),
                token: token)
            #expect(try await reply.replyKeyboard?.keyboard.first?.first?.text == "Записаться")
            #expect(await user.replyKeyboard() != nil)
            await #expect(throws: SandboxError.buttonNotFound("Отмена")) { try await user.tapReplyButton("Отмена") }
            let tapped = try await user.tapReplyButton("Записаться")
            #expect(try await h.call(GetUpdates(), token: token).last?.message?.text == "Записаться")
            #expect(try await h.call(GetUpdates(), token: token).last?.updateID == tapped)
            // Messages from before the user's latest action do not satisfy a new wait.
            try await user.send("ещё")
            await #expect(throws: SandboxError.timedOut("a bot message to user \(user.id)")) {
                try await user.waitForBotMessage(timeout: .milliseconds(100)) { $0.text == "Здравствуйте!" }
            }
        }
    }

    @Test func botsAreIsolated() async throws {
        try await withSandbox { (h: Harness) async throws in
            let salon = await h.bot("salon_bot", "Salon")
            let barber = await h.bot("barber_bot", "Barber")
            let anna = h.sandbox.user(100_000_001, firstName: "Анна", bot: salon)
            try await anna.send("/start")
            #expect(try await h.call(GetUpdates(), token: barber).isEmpty)
            await #expect(throws: TelegramError.badRequest("Bad Request: chat not found")) {
                try await h.client.call(SendMessage(chatID: anna.id, text: "hi"), token: barber)
            }
            _ = try await h.client.call(SendMessage(chatID: anna.id, text: "hi"), token: salon)
            let sameUserOtherBot = h.sandbox.user(100_000_001, firstName: "Анна", bot: barber)
            #expect(await sameUserOtherBot.transcript().isEmpty)
            #expect(await anna.transcript().count == 2)
            #expect(h.sandbox.requestCount("sendMessage", bot: salon) == 1)
            #expect(h.sandbox.requestCount("sendMessage", bot: barber) == 1)
            #expect(h.sandbox.requestCount("sendMessage") == 2)
            #expect(await h.sandbox.bots().map(\.username) == ["salon_bot", "barber_bot"])
        }
    }
}
