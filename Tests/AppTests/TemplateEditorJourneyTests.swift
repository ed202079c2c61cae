import BookingCore
import Foundation
import Storage
import TelegramBotAPI
import TelegramSandbox
import Testing

/// The owner edits customer texts through the editor's groups (real service, sandbox over HTTP), in Russian and
/// English: notices of staff changes, a menu label and a command description (issue 17, item 7).
@Suite("Template editor through the sandbox", .serialized)
struct TemplateEditorJourneyTests {
    static let wait = Duration.seconds(10)

    /// Opens the editor's group `group` in `language` ("RU"/"EN") and asks to edit `key`.
    static func edit(_ owner: SimulatedUser, group: String, key: String, language: String) async throws {
        try await paced(owner, "/admin")
        try await owner.waitForBotMessage(timeout: wait) { $0.text?.hasPrefix("🛠 Панель администратора") == true }
        try await owner.press("📝 Тексты")
        try await owner.waitForBotMessage(timeout: wait) { $0.text?.hasPrefix("📝 Тексты (RU)") == true }
        if language != "RU" {
            try await owner.press(language)
            try await owner.waitForBotMessage(timeout: wait) { $0.text?.hasPrefix("📝 Тексты (\(language))") == true }
        }
        try await owner.press(group)
        try await owner.waitForBotMessage(timeout: wait) { $0.text?.hasPrefix("📝 \(group) (\(language))") == true }
        try await owner.press(key)
        try await owner.waitForBotMessage(timeout: wait) { $0.text?.hasPrefix("📝 \(key) (\(language))") == true }
        try await owner.press("✏️ Изменить")
        try await owner.waitForBotMessage(timeout: wait) { $0.text?.hasPrefix("Пришлите новый текст \(key)") == true }
    }

    /// Sends `template` and waits for the editor's answer starting with `answer`.
    static func type(_ owner: SimulatedUser, _ template: String, expecting answer: String) async throws {
        try await paced(owner, template)
        try await owner.waitForBotMessage(timeout: wait) { $0.text?.hasPrefix(answer) == true }
    }

    /// Sends a message after a pause: the incoming limit lets a user send a burst of 3, then one message every 2 s
    /// (a typed message over it gets the polite "too many" notice, not the editor).
    static func paced(_ owner: SimulatedUser, _ text: String) async throws {
        try await Task.sleep(for: .milliseconds(2_100))
        try await owner.send(text)
    }

    @Test func editedStaffNoticesReachRussianAndEnglishCustomers() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let tenant = LocalStack.tenantA
            let russian = stack.user(100, of: tenant)
            let english = stack.user(200, of: tenant, language: "en")
            try await CustomerJourney(user: russian).start()
            try await english.send("/start")
            try await english.waitForBotMessage(timeout: Self.wait) { $0.text?.hasPrefix("Hello") == true }
            let owner = stack.user(1, of: tenant)
            try await Self.edit(owner, group: "Уведомления от сотрудников", key: "noticeCancelled", language: "RU")
            // Hostile edits are refused politely and the input stays open.
            try await Self.type(owner, String(repeating: "я", count: 2_001), expecting: "Текст должен быть от 1 до 2000 символов")
            try await Self.type(owner, String(repeating: "{contact}", count: 40), expecting: "Текст может стать слишком длинным")
            try await Self.type(owner, "Отменили {service} {price}", expecting: "Неизвестные подстановки: {price}")
            try await Self.type(owner, "Отменили: {service}, {when}. Звоните: {contact}", expecting: "✅ Сохранено.")
            try await Self.edit(owner, group: "Уведомления от сотрудников", key: "noticeCancelled", language: "EN")
            try await Self.type(owner, "Cancelled by us: {service}, {when}.", expecting: "✅ Сохранено.")

            let first = try await AdminJourneyTests.book(stack, customer: 100, hour: 10)
            let second = try await AdminJourneyTests.book(stack, customer: 200, hour: 12)
            let panel = try #require(await owner.transcript().last { $0.fromBot })
            for booking in [first, second] { try await owner.pressData("abx:\(booking.id)", messageID: panel.messageID) }
            let ru = try await russian.waitForBotMessage(timeout: Self.wait) { $0.text?.hasPrefix("Отменили: Женская стрижка") == true }
            #expect(ru.text?.contains("10:00. Звоните: ") == true)
            let en = try await english.waitForBotMessage(timeout: Self.wait) { $0.text?.hasPrefix("Cancelled by us: ") == true }
            #expect(en.text?.hasSuffix(", 12:00.") == true)
            try await owner.waitUntilAllPressesAnswered(timeout: Self.wait)
        }
    }

    @Test func anEditedMenuLabelAndCommandDescriptionWorkInTelegram() async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let tenant = LocalStack.tenantA
            let token = try #require(stack.tokens[tenant])
            let owner = stack.user(1, of: tenant)
            try await Self.edit(owner, group: "Меню и команды", key: "menuBook", language: "RU")
            try await Self.type(owner, "ℹ️ О нас", expecting: "Такая надпись уже есть у другой кнопки меню")
            try await Self.type(owner, "🗓 Записаться онлайн", expecting: "✅ Сохранено.")
            try await Self.edit(owner, group: "Меню и команды", key: "commandBook", language: "EN")
            try await Self.type(owner, String(repeating: "b", count: 257), expecting: "Текст должен быть от 1 до 256 символов")
            try await Self.type(owner, "Book a visit\nnow", expecting: "Кнопка меню и описание команды — одна строка")
            try await Self.type(owner, "Book a visit", expecting: "✅ Сохранено. Меню команд бота в Telegram обновляется.")
            // setMyCommands goes out through the outbox for this bot only.
            let deadline = ContinuousClock.now + Self.wait
            while stack.sandbox.commands(for: token, languageCode: "en").first(where: { $0.command == "book" })?.description
                != "Book a visit"
            {
                #expect(ContinuousClock.now < deadline, "setMyCommands was not sent again")
                if ContinuousClock.now >= deadline { return }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(stack.sandbox.commands(for: token, languageCode: "ru").first { $0.command == "book" }?.description == "Записаться")

            let russian = stack.user(100, of: tenant)
            try await CustomerJourney(user: russian).start()
            #expect(await russian.replyKeyboard()?.keyboard.first?.first?.text == "🗓 Записаться онлайн")
            try await russian.tapReplyButton("🗓 Записаться онлайн")
            try await russian.waitForBotMessage(timeout: Self.wait) { $0.text?.hasPrefix("Выберите услугу:") == true }
            // A keyboard shown before the edit still works.
            try await russian.send("📅 Записаться")
            try await russian.waitForBotMessage(timeout: Self.wait) { $0.text?.hasPrefix("Выберите услугу:") == true }
            let english = stack.user(200, of: tenant, language: "en")
            try await english.send("/start")
            try await english.waitForBotMessage(timeout: Self.wait) { $0.text?.hasPrefix("Hello") == true }
            try await english.tapReplyButton("📅 Book")
            try await english.waitForBotMessage(timeout: Self.wait) { $0.text?.hasPrefix("Choose a service:") == true }
        }
    }
}
