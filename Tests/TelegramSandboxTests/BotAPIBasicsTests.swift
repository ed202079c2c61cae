import Foundation
import TelegramBotAPI
import TelegramSandbox
import Testing

/// Identity, authentication, Telegram's message limits and failure injection.
@Suite struct BotAPIBasicsTests {
    @Test func getMeReturnsTheRegisteredBot() async throws {
        try await withSandbox { (h: Harness) async throws in
            let token = await h.bot()
            #expect(token.isWellFormed)
            #expect(token.botID == 7_000_000_001)
            #expect(token.rawValue.split(separator: ":")[1].count == 35)
            let me = try await h.client.call(GetMe(), token: token)
            #expect(me == User(id: 7_000_000_001, isBot: true, firstName: "Demo Salon", username: "demo_salon_bot"))
            #expect((await h.bot("second_bot", "Second")).botID == 7_000_000_002)
        }
    }

    @Test func tokensAndMethodsAreChecked() async throws {
        try await withSandbox { (h: Harness) async throws in
            let token = await h.bot()
            let unknown = BotToken("7000000099:AAbbCCddEEffGGhhIIjjKKllMMnnOOppQQr")
            await #expect(throws: TelegramError.unauthorized("Unauthorized")) { try await h.client.call(GetMe(), token: unknown) }
            await #expect(throws: TelegramError.notFound("Not Found")) { try await h.client.call(GetMe(), token: BotToken("nonsense")) }
            await #expect(throws: TelegramError.notFound("Not Found")) { try await h.client.call(NoSuchMethod(), token: token) }
        }
    }

    @Test func sendingBeforeTheUserWroteIsChatNotFound() async throws {
        try await withSandbox { (h: Harness) async throws in
            let token = await h.bot()
            await #expect(throws: TelegramError.badRequest("Bad Request: chat not found")) {
                try await h.client.call(SendMessage(chatID: 100_000_001, text: "hi"), token: token)
            }
        }
    }

    @Test func textLengthLimits() async throws {
        try await withSandbox { (h: Harness) async throws in
            let token = await h.bot()
            let user = try await h.startedUser(bot: token)
            let send = { (text: String) async throws(TelegramError) -> Message in
                try await h.client.call(SendMessage(chatID: user.id, text: text), token: token)
            }
            #expect(try await send(String(repeating: "a", count: 4096)).text?.count == 4096)
            #expect(try await send(String(repeating: "ж", count: 4096)).text?.count == 4096)
            await #expect(throws: TelegramError.badRequest("Bad Request: message is too long")) {
                try await send(String(repeating: "a", count: 4097))
            }
            // Telegram counts UTF-16 code units: 2049 emoji are 4098 units.
            await #expect(throws: TelegramError.badRequest("Bad Request: message is too long")) {
                try await send(String(repeating: "😀", count: 2049))
            }
            await #expect(throws: TelegramError.badRequest("Bad Request: message text is empty")) { try await send("") }
            // HTML is counted after entity parsing.
            let tagged = try await h.client.call(
                SendMessage(chatID: user.id, text: "<b>" + String(repeating: "b", count: 4096) + "</b>", parseMode: "HTML"), token: token)
            #expect(tagged.text?.count == 4096)
        }
    }

    @Test func htmlIsParsedAndUnescapedInputIsRefused() async throws {
        try await withSandbox { (h: Harness) async throws in
            let token = await h.bot()
            let user = try await h.startedUser(bot: token)
            let sent = try await h.client.call(
                SendMessage(chatID: user.id, text: "<b>Анна</b>, &lt;3 &amp; <i>до встречи</i>", parseMode: "HTML"), token: token)
            #expect(sent.text == "Анна, <3 & до встречи")
            let error = await #expect(throws: TelegramError.self) {
                try await h.client.call(SendMessage(chatID: user.id, text: "Hi <script>", parseMode: "HTML"), token: token)
            }
            guard case .badRequest(let description)? = error else {
                Issue.record("expected a bad request, got \(String(describing: error))")
                return
            }
            #expect(description.contains("can't parse entities"))
        }
    }

    @Test(arguments: [
        "book:svc=haircut_women;master=irina;date=20261203;time=1530;v=2xx",  // 65 ASCII bytes
        "s:маникюр+педикюр+покрытие+гель+лак1",  // 36 characters, 65 bytes
        "",
    ])
    func callbackDataOutsideOneTo64BytesIsRefused(_ data: String) async throws {
        try await withSandbox { (h: Harness) async throws in
            let token = await h.bot()
            let user = try await h.startedUser(bot: token)
            let keyboard = InlineKeyboardMarkup([[InlineKeyboardButton(text: "Book", callbackData: data)]])
            await #expect(throws: TelegramError.badRequest("Bad Request: BUTTON_DATA_INVALID")) {
                try await h.client.call(SendMessage(chatID: user.id, text: "Pick", replyMarkup: .inline(keyboard)), token: token)
            }
        }
    }

    @Test(arguments: ["book:svc=haircut_women;master=irina;date=20261203;time=1530;v=2x", "s:маникюр+педикюр+покрытие+гель+лак"])
    func callbackDataOf64BytesIsAccepted(_ data: String) async throws {
        #expect(data.utf8.count == 64)
        try await withSandbox { (h: Harness) async throws in
            let token = await h.bot()
            let user = try await h.startedUser(bot: token)
            let keyboard = InlineKeyboardMarkup([[InlineKeyboardButton(text: "Book", callbackData: data)]])
            let sent = try await h.client.call(SendMessage(chatID: user.id, text: "Pick", replyMarkup: .inline(keyboard)), token: token)
            #expect(sent.replyMarkup == keyboard)
        }
    }

    /// `total` callback buttons in rows of `perRow`.
    static func grid(_ total: Int, perRow: Int = 8) -> [[InlineKeyboardButton]] {
        let buttons = (0..<total).map { InlineKeyboardButton(text: "\($0)", callbackData: "n:\($0)") }
        return stride(from: 0, to: total, by: perRow).map { Array(buttons[$0..<min($0 + perRow, total)]) }
    }

    @Test func keyboardShapeIsChecked() async throws {
        try await withSandbox { (h: Harness) async throws in
            let token = await h.bot()
            let user = try await h.startedUser(bot: token)
            let send = { (rows: [[InlineKeyboardButton]]) async throws(TelegramError) -> Message in
                try await h.client.call(
                    SendMessage(chatID: user.id, text: "k", replyMarkup: .inline(InlineKeyboardMarkup(rows))), token: token)
            }
            _ = try await send(Self.grid(8))
            _ = try await send(Self.grid(100))
            await #expect(throws: TelegramError.badRequest("Bad Request: BUTTONS_TOO_MUCH")) { try await send(Self.grid(9, perRow: 9)) }
            await #expect(throws: TelegramError.badRequest("Bad Request: BUTTONS_TOO_MUCH")) { try await send(Self.grid(101)) }
            var neither = InlineKeyboardButton(text: "Neither", callbackData: "x")
            neither.callbackData = nil
            await #expect(throws: TelegramError.self) { try await send([[neither]]) }
            var both = InlineKeyboardButton(text: "Both", callbackData: "x")
            both.url = "https://example.com"
            await #expect(throws: TelegramError.self) { try await send([[both]]) }
            _ = try await send([[InlineKeyboardButton(text: "Site", url: "https://example.com")]])
        }
    }

    @Test func answerTextAndCaptionLimits() async throws {
        try await withSandbox { (h: Harness) async throws in
            let token = await h.bot()
            let user = try await h.startedUser(bot: token)
            await #expect(throws: TelegramError.badRequest("Bad Request: message caption is too long")) {
                try await h.client.call(
                    SendDocument(
                        chatID: user.id, fileName: "a.txt", mimeType: "text/plain", contents: [65],
                        caption: String(repeating: "c", count: 1025)),
                    token: token)
            }
            _ = try await h.client.call(
                SendMessage(
                    chatID: user.id, text: "Pick",
                    replyMarkup: .inline(InlineKeyboardMarkup([[InlineKeyboardButton(text: "Go", callbackData: "go")]]))),
                token: token)
            try await user.press("Go")
            let queryID = try #require(await user.unansweredPresses().first)
            await #expect(throws: TelegramError.badRequest("Bad Request: MESSAGE_TOO_LONG")) {
                try await h.client.call(
                    AnswerCallbackQuery(callbackQueryID: queryID, text: String(repeating: "t", count: 201)), token: token)
            }
            #expect(try await h.call(AnswerCallbackQuery(callbackQueryID: queryID, text: String(repeating: "t", count: 200)), token: token))
            await #expect(throws: TelegramError.self) {
                try await h.client.call(AnswerCallbackQuery(callbackQueryID: queryID), token: token)  // already answered
            }
        }
    }

    @Test func injectedFailuresHitTheNextMatchingRequestOnly() async throws {
        try await withSandbox { (h: Harness) async throws in
            let token = await h.bot()
            let user = try await h.startedUser(bot: token)
            h.sandbox.failNext(
                method: "sendMessage", chatID: user.id, error: 429, description: "Too Many Requests: retry after 3", retryAfter: 3)
            await #expect(throws: TelegramError.retryAfter(3)) {
                try await h.client.call(SendMessage(chatID: user.id, text: "one"), token: token)
            }
            _ = try await h.client.call(SendMessage(chatID: user.id, text: "two"), token: token)
            #expect(h.sandbox.requestCount("sendMessage", bot: token) == 2)
            #expect(h.sandbox.requests(for: token).filter { $0.method == "sendMessage" }.map(\.statusCode) == [429, 200])
        }
    }

    @Test func commandsArePerLanguage() async throws {
        try await withSandbox { (h: Harness) async throws in
            let token = await h.bot()
            let ru = [BotCommand(command: "start", description: "Начать"), BotCommand(command: "my", description: "Мои записи")]
            let en = [BotCommand(command: "start", description: "Start")]
            let setRussian = try await h.client.call(SetMyCommands(commands: ru, languageCode: "ru"), token: token)
            let setDefault = try await h.client.call(SetMyCommands(commands: en), token: token)
            #expect(setRussian && setDefault)
            #expect(h.sandbox.commands(for: token, languageCode: "ru") == ru)
            #expect(h.sandbox.commands(for: token) == en)
            await #expect(throws: TelegramError.badRequest("Bad Request: BOT_COMMAND_INVALID")) {
                try await h.client.call(SetMyCommands(commands: [BotCommand(command: "Бронь", description: "x")]), token: token)
            }
        }
    }
}
