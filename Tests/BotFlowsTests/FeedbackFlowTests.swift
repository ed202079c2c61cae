import BookingCore
import BotFlows
import Foundation
import Storage
import TelegramBotAPI
import Testing

@Suite("Feedback flow")
struct FeedbackFlowTests {
    static let anna = FlowHarness.user()

    /// A booking of `customer` that ended an hour before now (or starts in two days when `ended` is false).
    func booking(_ harness: FlowHarness, customer: Int64 = anna.id, ended: Bool = true) async throws -> Booking {
        let start = FlowHarness.now.addingTimeInterval(ended ? -2 * 3600 : 2 * 86_400)
        let request = BookingRequest(customer: UserID(customer), chat: ChatID(customer), service: harness.services[0], masterID: harness.master.id, start: start)
        return try await harness.store.createBooking(request, tenant: harness.context.id, maxActivePerCustomer: 3, now: start.addingTimeInterval(-86_400))
    }

    var key: ConversationKey { ConversationKey(tenant: TenantID("demo_salon")!, chat: ChatID(Self.anna.id), user: UserID(Self.anna.id)) }

    @Test(arguments: [("ru", "Как прошёл визит?\n\nСтрижка, Анна\n3 декабря, чт, 10:00\n\nОцените, пожалуйста, от 1 до 5 звёзд."),
                      ("en", "How was your visit?\n\nСтрижка, Анна\nThu, December 3, 10:00\n\nPlease rate it from 1 to 5 stars.")])
    func confirmingSchedulesTheQuestionAfterTheEnd(language: String, text: String) async throws {
        let harness = try await FlowHarness()
        let date = LocalDate(year: 2026, month: 12, day: 3)!
        let start = try #require(harness.context.calendar.instant(date, LocalTime(hour: 10)!))
        let data = "ok:\(harness.services[0].id):\(harness.master.id):\(Int64(start.timeIntervalSince1970 / 60))"
        let result = try await harness.result(FlowHarness.press(data, from: FlowHarness.user(language: language)))
        let booking = try #require(await harness.store.bookings(of: UserID(Self.anna.id), tenant: harness.context.id).first)
        let question = try #require(result.scheduled.last)
        #expect(question.due == start.addingTimeInterval(3600 + 2 * 3600))
        #expect(question.bookingID == booking.id)
        let stars = (1...5).map { InlineKeyboardButton(text: "\($0)⭐", callbackData: "fr:\(booking.id):\($0)") }
        #expect(question.call == .sendMessage(SendMessage(chatID: Self.anna.id, text: text, replyMarkup: .inline(InlineKeyboardMarkup([stars])))))
    }

    @Test func starsThenACommentAreStoredOnce() async throws {
        let harness = try await FlowHarness()
        let booking = try await booking(harness)
        let rated = try await harness.handle(FlowHarness.press("fr:\(booking.id):4", messageID: 60))
        let skip = InlineKeyboardMarkup([[InlineKeyboardButton(text: "Пропустить", callbackData: "fs:\(booking.id)")]])
        #expect(rated == [
            .answerCallbackQuery(AnswerCallbackQuery(callbackQueryID: "cb2", text: "Готово")),
            .editMessageText(EditMessageText(
                chatID: Self.anna.id, messageID: 60,
                text: "Спасибо! Ваша оценка: 4⭐\n\nХотите добавить комментарий? Просто отправьте его сообщением или нажмите «Пропустить».",
                replyMarkup: skip)),
        ])
        let commented = try await harness.handle(FlowHarness.text("Всё отлично, спасибо!", updateID: 3))
        #expect(commented.first == .editMessageReplyMarkup(EditMessageReplyMarkup(chatID: Self.anna.id, messageID: 60, replyMarkup: nil)))
        #expect(commented.last?.sentText == "Спасибо за отзыв!")
        let stored = try #require(await harness.store.feedback(for: booking.id, tenant: harness.context.id))
        #expect(stored.rating == 4 && stored.comment == "Всё отлично, спасибо!" && stored.customer == UserID(Self.anna.id))
        #expect(await harness.store.loadState(key) == nil)
        // Rating again: answered, nothing changes; a later text is just text again.
        let again = try await harness.handle(FlowHarness.press("fr:\(booking.id):1", updateID: 4))
        #expect(again.first == .answerCallbackQuery(AnswerCallbackQuery(callbackQueryID: "cb4", text: "Вы уже оценили этот визит. Спасибо!")))
        #expect(await harness.store.feedback(for: booking.id, tenant: harness.context.id)?.rating == 4)
        let text = try await harness.handle(FlowHarness.text("ещё", updateID: 5))
        #expect(text.first?.sentText?.hasPrefix("Я понимаю кнопки меню") == true)
    }

    @Test func skipThanksAndForgetsTheQuestion() async throws {
        let harness = try await FlowHarness()
        let booking = try await booking(harness)
        _ = try await harness.handle(FlowHarness.press("fr:\(booking.id):5"))
        let skipped = try await harness.handle(FlowHarness.press("fs:\(booking.id)", updateID: 3))
        #expect(skipped[1].sentText == "Спасибо за отзыв!")
        #expect(await harness.store.loadState(key) == nil)
        #expect(await harness.store.feedback(for: booking.id, tenant: harness.context.id)?.comment == nil)
    }

    @Test func someoneElsesBookingCannotBeRated() async throws {
        let harness = try await FlowHarness()
        let theirs = try await booking(harness, customer: 555)
        let calls = try await harness.handle(FlowHarness.press("fr:\(theirs.id):1"))
        #expect(calls == [.answerCallbackQuery(AnswerCallbackQuery(callbackQueryID: "cb2", text: "Запись не найдена.", showAlert: true))])
        let skip = try await harness.handle(FlowHarness.press("fs:\(theirs.id)", updateID: 3))
        #expect(skip == [.answerCallbackQuery(AnswerCallbackQuery(callbackQueryID: "cb3", text: "Запись не найдена.", showAlert: true))])
        #expect(await harness.store.feedback(for: theirs.id, tenant: harness.context.id) == nil)
    }

    @Test func upcomingAndCancelledVisitsCannotBeRated() async throws {
        let harness = try await FlowHarness()
        let upcoming = try await booking(harness, ended: false)
        let cancelled = try await booking(harness)
        _ = try await harness.store.cancelBooking(cancelled.id, tenant: harness.context.id, by: .admin, reason: nil, now: FlowHarness.now)
        for (index, id) in [upcoming.id, cancelled.id].enumerated() {
            let calls = try await harness.handle(FlowHarness.press("fr:\(id):5", updateID: Int64(10 + index)))
            #expect(calls == [.answerCallbackQuery(AnswerCallbackQuery(callbackQueryID: "cb\(10 + index)", text: "Этот визит нельзя оценить.", showAlert: true))])
            #expect(await harness.store.feedback(for: id, tenant: harness.context.id) == nil)
        }
    }

    @Test(arguments: [("sticker_message", 100_000_006), ("photo_message", 100_000_004)] as [(String, Int64)])
    func nonTextWhileACommentIsExpectedGetsAHintAndKeepsWaiting(fixture: String, userID: Int64) async throws {
        let harness = try await FlowHarness()
        let user = FlowHarness.user(userID)
        let booking = try await booking(harness, customer: user.id)
        _ = try await harness.handle(FlowHarness.press("fr:\(booking.id):3", from: user))
        let calls = try await harness.handle(try FlowHarness.fixture(fixture))
        #expect(calls == [.sendMessage(SendMessage(chatID: user.id, text: "Пожалуйста, отправьте комментарий текстом или нажмите «Пропустить»."))])
        #expect(await harness.store.feedback(for: booking.id, tenant: harness.context.id)?.comment == nil)
        let key = ConversationKey(tenant: harness.context.id, chat: ChatID(user.id), user: UserID(user.id))
        #expect(await harness.store.loadState(key) != nil)
    }

    @Test func editedAndOversizeMessagesAreRefusedPolitely() async throws {
        let harness = try await FlowHarness()
        let user = FlowHarness.user(100_000_003)
        let booking = try await booking(harness, customer: user.id)
        _ = try await harness.handle(FlowHarness.press("fr:\(booking.id):2", from: user))
        let edited = try await harness.handle(try FlowHarness.fixture("edited_message"))
        #expect(edited == [.sendMessage(SendMessage(chatID: user.id, text: "Исправленные сообщения я не учитываю — отправьте комментарий новым сообщением."))])
        let long = try await harness.handle(FlowHarness.text(String(repeating: "я", count: 5000), from: user, updateID: 7))
        #expect(long == [.sendMessage(SendMessage(chatID: user.id, text: "Комментарий слишком длинный — пожалуйста, не больше 1000 символов."))])
        #expect(await harness.store.feedback(for: booking.id, tenant: harness.context.id)?.comment == nil)
        // A menu button leaves the comment behind.
        let menu = try await harness.handle(FlowHarness.text("ℹ️ О нас", from: user, updateID: 8))
        #expect(menu.first?.sentText?.hasPrefix("Салон «Ромашка»") == true)
        _ = try await harness.handle(FlowHarness.text("поздно", from: user, updateID: 9))
        #expect(await harness.store.feedback(for: booking.id, tenant: harness.context.id)?.comment == nil)
    }
}
