import BookingCore
import BotFlows
import Foundation
import Storage
import TelegramBotAPI
import Testing

@Suite("Customer flow")
struct CustomerFlowTests {
    @Test func startFixtureGreetsNewCustomerWithOnboardingAndMenu() async throws {
        let harness = try await FlowHarness()
        let calls = try await harness.handle(try FlowHarness.fixture("start_command_ru"))
        let keyboard = ReplyKeyboardMarkup([[KeyboardButton("📅 Записаться")], [KeyboardButton("🗂 Мои записи"), KeyboardButton("ℹ️ О нас")]])
        let text = "Здравствуйте, Анна! Это бот «Салон «Ромашка»». Здесь можно записаться, посмотреть и отменить записи.\n\n"
            + "Как это работает: нажмите «📅 Записаться», выберите услугу, день и время — и подтвердите. Напомним заранее."
        #expect(calls == [.sendMessage(SendMessage(chatID: 100_000_001, text: text, replyMarkup: .reply(keyboard)))])
        // A second /start: no onboarding again.
        let again = try await harness.handle(try FlowHarness.fixture("start_command_ru"))
        #expect(again.first?.sentText?.contains("Как это работает") == false)
    }

    @Test func englishDeepLinkStartSpeaksEnglish() async throws {
        let harness = try await FlowHarness()
        let calls = try await harness.handle(try FlowHarness.fixture("start_command_deeplink_en"))
        #expect(calls.count == 1)
        #expect(calls[0].sentText?.hasPrefix("Hello, ") == true)
    }

    @Test(arguments: [("ru", "Выберите услугу:"), ("en", "Choose a service:")])
    func bookShowsServicesWithPrices(language: String, title: String) async throws {
        let harness = try await FlowHarness()
        let calls = try await harness.handle(FlowHarness.text("/book", from: FlowHarness.user(language: language)))
        #expect(calls.count == 1)
        #expect(calls[0].sentText == title)
        let labels = calls[0].inlineButtons.map(\.text)
        #expect(labels.contains(language == "ru" ? "Стрижка · 60 мин · 1\u{00A0}500\u{00A0}₽" : "Стрижка · 60 min · 1\u{00A0}500\u{00A0}₽"))
        #expect(calls[0].inlineButtons.allSatisfy { ($0.callbackData?.utf8.count ?? 0) <= 64 })
    }

    @Test func fullPathBooksAndStores() async throws {
        let harness = try await FlowHarness()
        let service = harness.services[0]
        // Service → calendar (one master, so no master step).
        var calls = try await harness.handle(FlowHarness.press("s:\(service.id)"))
        guard case .answerCallbackQuery = calls.first else { Issue.record("press not answered first"); return }
        #expect(calls[1].sentText == "12 — есть время, 12•2 — осталось 2, ✕ — всё занято, · — не работаем\n\nСтрижка\nВыберите день:")
        let day = try #require(calls[1].inlineButtons.first { $0.callbackData?.hasPrefix("d:") == true })
        #expect(day.callbackData == "d:\(service.id):\(harness.master.id):20261130")
        // Day → slots: Moscow is 05:53, so the first slot is 09:00.
        calls = try await harness.handle(FlowHarness.press(day.callbackData!, updateID: 3))
        let slot = try #require(calls[1].inlineButtons.first)
        #expect(slot.text == "09:00")
        // Slot → confirmation card → Confirm.
        calls = try await harness.handle(FlowHarness.press(slot.callbackData!, updateID: 4))
        #expect(calls[1].sentText?.contains("Дата: 30 ноября, пн") == true)
        #expect(calls[1].sentText?.contains("Адрес: Тверская, 1") == true)
        let confirm = try #require(calls[1].inlineButtons.first)
        calls = try await harness.handle(FlowHarness.press(confirm.callbackData!, updateID: 5))
        #expect(calls[1].sentText?.hasPrefix("✅ Вы записаны!") == true)
        let stored = await harness.store.bookings(of: UserID(100_000_001), tenant: harness.context.id)
        #expect(stored.count == 1)
        let nineMoscow = Double(LocalDate(year: 2026, month: 11, day: 30)!.daysSinceEpoch * 86_400 + 6 * 3600)
        #expect(stored.first?.start == Date(timeIntervalSince1970: nineMoscow))
        // The same Confirm again: the slot is taken now, that day's slots are shown again without 09:00.
        calls = try await harness.handle(FlowHarness.press(confirm.callbackData!, updateID: 6))
        #expect(calls[1].sentText?.hasPrefix("Это время только что заняли") == true)
        #expect(!calls[1].inlineButtons.contains { $0.text == "09:00" })
    }

    @Test func forgedAndStaleButtonsAreAnsweredPolitely() async throws {
        let harness = try await FlowHarness()
        for (index, data) in ["garbage", "s:999", "ok:1:1:abc", "by:424242", "t:1:1:1:a", "d:1:a:20261399"].enumerated() {
            let calls = try await harness.handle(FlowHarness.press(data, updateID: Int64(10 + index)))
            guard case .answerCallbackQuery(let answer) = calls.first else {
                Issue.record("\(data) not answered")
                continue
            }
            #expect(answer.callbackQueryID == "cb\(10 + index)")
        }
    }

    @Test func cancellingAnotherCustomersBookingIsRefused() async throws {
        let harness = try await FlowHarness()
        let request = BookingRequest(
            customer: UserID(5), chat: ChatID(5), service: harness.services[0], masterID: harness.master.id,
            start: FlowHarness.now.addingTimeInterval(3 * 86_400))
        let booking = try await harness.store.createBooking(request, tenant: harness.context.id, maxActivePerCustomer: 3, now: FlowHarness.now)
        let calls = try await harness.handle(FlowHarness.press("by:\(booking.id)"))
        #expect(calls == [.answerCallbackQuery(AnswerCallbackQuery(callbackQueryID: "cb2", text: "Запись не найдена.", showAlert: true))])
        #expect(await harness.store.booking(booking.id, tenant: harness.context.id)?.status == .confirmed)
    }

    @Test func cancelInsideTheWindowIsRefusedAtConfirmTime() async throws {
        let harness = try await FlowHarness()
        let user = FlowHarness.user()
        let request = BookingRequest(
            customer: UserID(user.id), chat: ChatID(user.id), service: harness.services[0], masterID: harness.master.id,
            start: FlowHarness.now.addingTimeInterval(5 * 3600))
        let booking = try await harness.store.createBooking(request, tenant: harness.context.id, maxActivePerCustomer: 3, now: FlowHarness.now)
        let calls = try await harness.handle(FlowHarness.press("by:\(booking.id)"))
        guard case .answerCallbackQuery(let answer) = calls.first else { Issue.record("not answered"); return }
        #expect(answer.showAlert == true)
        #expect(answer.text?.contains("24 ч") == true)
        #expect(await harness.store.booking(booking.id, tenant: harness.context.id)?.status == .confirmed)
    }

    @Test func myBookingsListsAndCancels() async throws {
        let harness = try await FlowHarness()
        let user = FlowHarness.user(language: "en")
        let request = BookingRequest(
            customer: UserID(user.id), chat: ChatID(user.id), service: harness.services[0], masterID: harness.master.id,
            start: FlowHarness.now.addingTimeInterval(3 * 86_400))
        let booking = try await harness.store.createBooking(request, tenant: harness.context.id, maxActivePerCustomer: 3, now: FlowHarness.now)
        var calls = try await harness.handle(FlowHarness.text("🗂 My bookings", from: user))
        #expect(calls[0].sentText?.hasPrefix("Your upcoming bookings:") == true)
        let cancel = try #require(calls[0].inlineButtons.first { $0.callbackData?.hasPrefix("bc:") == true })
        calls = try await harness.handle(FlowHarness.press(cancel.callbackData!, from: user))
        try #require(calls.count == 2)
        let yes = try #require(calls[1].inlineButtons.first)
        calls = try await harness.handle(FlowHarness.press(yes.callbackData!, from: user, updateID: 3))
        #expect(calls[1].sentText?.hasPrefix("Booking cancelled:") == true)
        #expect(await harness.store.booking(booking.id, tenant: harness.context.id)?.status == .cancelled(by: .customer, reason: nil))
    }

    @Test func secondStartMidFlowRestartsCleanly() async throws {
        let harness = try await FlowHarness()
        _ = try await harness.handle(FlowHarness.press("s:\(harness.services[0].id)", messageID: 77))
        let calls = try await harness.handle(FlowHarness.text("/start", updateID: 9))
        #expect(calls.first == .editMessageReplyMarkup(EditMessageReplyMarkup(chatID: 100_000_001, messageID: 77, replyMarkup: nil)))
        #expect(calls.last?.sentText?.hasPrefix("Здравствуйте") == true)
        let key = ConversationKey(tenant: harness.context.id, chat: ChatID(100_000_001), user: UserID(100_000_001))
        #expect(await harness.store.loadState(key) == nil)
    }

    @Test(arguments: ["sticker_message", "photo_message", "edited_message", "channel_post", "my_chat_member_blocked", "group_message"])
    func nonTextUpdatesNeverCrash(fixture: String) async throws {
        let harness = try await FlowHarness()
        let calls = try await harness.handle(try FlowHarness.fixture(fixture))
        // Stickers and photos get the hint; the rest need no reply.
        #expect(calls.count <= 1)
    }

    @Test func inaccessibleMessageCallbackSendsANewMessage() async throws {
        let harness = try await FlowHarness()
        var update = try FlowHarness.fixture("callback_query_inaccessible_message")
        update.callbackQuery?.data = "s"
        let calls = try await harness.handle(update)
        guard case .sendMessage = calls.last else { Issue.record("expected a new message"); return }
    }

    @Test func suspendedTenantIsPolitelyUnavailable() async throws {
        let harness = try await FlowHarness(status: .suspended)
        let calls = try await harness.handle(FlowHarness.text("/book"))
        #expect(calls == [.sendMessage(SendMessage(chatID: 100_000_001, text: "Запись через бот временно недоступна. Пожалуйста, попробуйте позже."))])
    }
}
