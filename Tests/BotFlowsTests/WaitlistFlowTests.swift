import BookingCore
import BotFlows
import Foundation
import Storage
import Synchronization
import TelegramBotAPI
import Testing

/// A clock the test moves.
final class TestClock: Sendable {
    private let value: Mutex<Date>
    init(_ start: Date = FlowHarness.now) { value = Mutex(start) }
    var now: Date { value.withLock { $0 } }
    func advance(minutes: Double) { value.withLock { $0 = $0.addingTimeInterval(minutes * 60) } }
}

@Suite("Waitlist flow")
struct WaitlistFlowTests {
    static let day = LocalDate(year: 2026, month: 12, day: 2)!
    static let anna = FlowHarness.user()
    static let john = FlowHarness.user(100_000_002, language: "en")

    let harness: FlowHarness
    let clock = TestClock()
    let bot: CustomerBot
    var tenant: TenantID { harness.context.id }

    init() async throws {
        harness = try await FlowHarness()
        let clock = clock
        bot = CustomerBot(environment: FlowEnvironment(stores: Stores(harness.store), now: { clock.now }))
    }

    func handle(_ update: Update) async throws -> FlowResult {
        try await FlowHarness.handle(update, bot: bot, context: harness.context, store: harness.store)
    }

    /// Books every hour 09:00–17:00 of `day` for customers 909… (one each); returns them by hour.
    @discardableResult
    func fillDay() async throws -> [Int: Booking] {
        var bookings: [Int: Booking] = [:]
        for hour in 9...17 {
            let start = try #require(harness.context.calendar.instant(Self.day, LocalTime(hour: hour)!))
            let customer = Int64(900 + hour)
            bookings[hour] = try await harness.store.createBooking(
                BookingRequest(customer: UserID(customer), chat: ChatID(customer), service: harness.services[0], masterID: harness.master.id, start: start),
                tenant: tenant, maxActivePerCustomer: 3, now: FlowHarness.now)
        }
        return bookings
    }

    var dayData: String { "d:\(harness.services[0].id):\(harness.master.id):\(Self.day.compact)" }
    var joinData: String { "wj:\(harness.services[0].id):\(harness.master.id):\(Self.day.compact)" }

    func join(_ user: User, updateID: Int64) async throws -> WaitlistEntry {
        _ = try await handle(FlowHarness.press(joinData, from: user, updateID: updateID))
        return try #require(await harness.store.waitlist(of: UserID(user.id), tenant: tenant).first)
    }

    @Test func aFullDayIsOpenFromTheCalendarAndOffersTheWaitlist() async throws {
        try await fillDay()
        let month = try await handle(FlowHarness.press("c:\(harness.services[0].id):\(harness.master.id):202612"))
        let full = try #require(month.calls[1].inlineButtons.first { $0.callbackData == "f" + dayData.dropFirst() })
        #expect(full.text == "✕")
        let day = try await handle(FlowHarness.press(dayData, updateID: 3))
        #expect(day.calls[1].sentText == "Стрижка\n2 декабря, ср: свободного времени нет. Выберите другой день.")
        #expect(day.calls[1].inlineButtons.map(\.callbackData) == [joinData, "c:\(harness.services[0].id):\(harness.master.id):202612", "x"])
        let joined = try await handle(FlowHarness.press(joinData, updateID: 4))
        #expect(joined.calls[0] == .answerCallbackQuery(AnswerCallbackQuery(callbackQueryID: "cb4", text: "Готово")))
        #expect(joined.calls[1].sentText == "Вы в листе ожидания: Стрижка, 2 декабря, ср. Если время освободится, я напишу и придержу его для вас 15 мин.")
        // Joining again changes nothing.
        let again = try await handle(FlowHarness.press(joinData, updateID: 5))
        #expect(again.calls[0] == .answerCallbackQuery(AnswerCallbackQuery(callbackQueryID: "cb5", text: "Вы уже в листе ожидания на этот день.")))
        #expect(await harness.store.waitlist(on: Self.day, tenant: tenant).count == 1)
    }

    @Test func aDayWithFreeTimeIsNotJoinedButShown() async throws {
        let result = try await handle(FlowHarness.press(joinData))
        #expect(result.calls[1].sentText?.hasPrefix("Стрижка\n2 декабря, ср: выберите время:") == true)
        #expect(await harness.store.waitlist(on: Self.day, tenant: tenant).isEmpty)
    }

    @Test func aCancellationOffersTheSlotToTheFirstInLineOnly() async throws {
        let bookings = try await fillDay()
        let first = try await join(Self.anna, updateID: 3)
        let second = try await join(Self.john, updateID: 4)
        let freed = try #require(bookings[10])
        let cancel = try await handle(FlowHarness.press("by:\(freed.id)", from: FlowHarness.user(910), updateID: 5))
        let offers = cancel.calls.filter { $0.chatID == Self.anna.id }
        try #require(offers.count == 1)
        #expect(offers[0].sentText == "🔔 Освободилось время!\n\nСтрижка, Анна\n2 декабря, ср, 10:00\n\nДержим его для вас до 04:08. Записаться?")
        #expect(offers[0].inlineButtons.map(\.callbackData) == ["wa:\(first.id)", "wn:\(first.id)"])
        #expect(!cancel.calls.contains { $0.chatID == Self.john.id })
        #expect(cancel.timers == [FlowTimer(event: .waitlistOfferExpired(entry: first.id.rawValue), chat: ChatID(Self.anna.id), due: clock.now.addingTimeInterval(900))])
        #expect(await harness.store.waitlistEntry(second.id, tenant: tenant)?.status == .waiting)
        // Accepting books it through the normal path.
        let accept = try await handle(FlowHarness.press("wa:\(first.id)", updateID: 6))
        #expect(accept.calls[1].sentText?.hasPrefix("✅ Вы записаны!") == true)
        let mine = await harness.store.bookings(of: UserID(Self.anna.id), tenant: tenant)
        #expect(mine.map(\.start) == [freed.start])
        #expect(await harness.store.waitlistEntry(first.id, tenant: tenant)?.status == .booked)
        // The timer fires later and finds nothing to do.
        clock.advance(minutes: 16)
        #expect(try await bot.fire(try #require(cancel.timers.first), tenant: harness.context).calls.isEmpty)
    }

    @Test func anExpiredHoldPassesToTheNextInLineInTheirLanguage() async throws {
        let bookings = try await fillDay()
        let first = try await join(Self.anna, updateID: 3)
        let second = try await join(Self.john, updateID: 4)
        let cancel = try await handle(FlowHarness.press("by:\(try #require(bookings[12]).id)", from: FlowHarness.user(912), updateID: 5))
        let timer = try #require(cancel.timers.first)
        clock.advance(minutes: 15)
        let fired = try await bot.fire(timer, tenant: harness.context)
        #expect(fired.calls.count == 1)
        #expect(fired.calls.first?.chatID == Self.john.id)
        #expect(fired.calls.first?.sentText == "🔔 A time has freed up!\n\nСтрижка, Анна\nWed, December 2, 12:00\n\nIt is held for you until 04:23. Book it?")
        #expect(fired.timers.map(\.event) == [.waitlistOfferExpired(entry: second.id.rawValue)])
        #expect(await harness.store.waitlistEntry(first.id, tenant: tenant)?.status == .expired)
        // The first customer's button is out of date now; nothing changes.
        let late = try await handle(FlowHarness.press("wa:\(first.id)", updateID: 6))
        #expect(late.calls == [.answerCallbackQuery(AnswerCallbackQuery(callbackQueryID: "cb6", text: "К сожалению, это предложение уже не действует.", showAlert: true)),
                               .editMessageReplyMarkup(EditMessageReplyMarkup(chatID: Self.anna.id, messageID: 50, replyMarkup: nil))])
        #expect(await harness.store.bookings(of: UserID(Self.anna.id), tenant: tenant).isEmpty)
        // Firing the same timer again (a redelivery) offers nothing twice.
        #expect(try await bot.fire(timer, tenant: harness.context).calls.isEmpty)
    }

    /// An offer made when a hold's timer fires uses the tenant's own wording, like one made during an update
    /// (issue 17, item 7).
    @Test func anOfferFiredByTheTimerUsesTheTenantsTemplate() async throws {
        let bookings = try await fillDay()
        _ = try await join(Self.anna, updateID: 3)
        _ = try await join(Self.john, updateID: 4)
        await harness.store.setTextOverride(key: "waitlistOffer", language: "en", template: "Free at {time}! Until {until}.", tenant: tenant)
        let cancel = try await handle(FlowHarness.press("by:\(try #require(bookings[12]).id)", from: FlowHarness.user(912), updateID: 5))
        clock.advance(minutes: 15)
        let fired = try await bot.fire(try #require(cancel.timers.first), tenant: harness.context)
        #expect(fired.calls.first?.chatID == Self.john.id)
        #expect(fired.calls.first?.sentText == "Free at 12:00! Until 04:23.")
    }

    @Test func decliningPassesTheSlotOnAtOnce() async throws {
        let bookings = try await fillDay()
        let first = try await join(Self.anna, updateID: 3)
        _ = try await join(Self.john, updateID: 4)
        _ = try await handle(FlowHarness.press("by:\(try #require(bookings[9]).id)", from: FlowHarness.user(909), updateID: 5))
        let declined = try await handle(FlowHarness.press("wn:\(first.id)", updateID: 6))
        #expect(declined.calls[1].sentText == "Хорошо, время перейдёт следующему в очереди.")
        #expect(declined.calls.last?.chatID == Self.john.id)
        #expect(declined.calls.last?.sentText?.hasPrefix("🔔 A time has freed up!") == true)
    }

    @Test func acceptingASlotTakenMeanwhileIsPoliteAndKeepsThePlace() async throws {
        let bookings = try await fillDay()
        let first = try await join(Self.anna, updateID: 3)
        let freed = try #require(bookings[11])
        _ = try await handle(FlowHarness.press("by:\(freed.id)", from: FlowHarness.user(911), updateID: 4))
        // Nobody can book the held time, but a block can still take it.
        _ = await harness.store.addBlock(
            Block(id: BlockID(0), masterID: nil, range: freed.start..<freed.end, reason: "сантехник"), tenant: tenant)
        let accept = try await handle(FlowHarness.press("wa:\(first.id)", updateID: 5))
        #expect(accept.calls[0] == .answerCallbackQuery(AnswerCallbackQuery(callbackQueryID: "cb5", text: "Это время только что заняли. Выберите другое:")))
        #expect(accept.calls[1].sentText?.hasPrefix("Это время только что заняли.") == true)
        #expect(await harness.store.waitlistEntry(first.id, tenant: tenant)?.status == .waiting)
        #expect(await harness.store.bookings(of: UserID(Self.anna.id), tenant: tenant).isEmpty)
    }

    /// The offer says the time is held: nobody else sees it or can book it while the hold lasts (issue 17, item 4).
    @Test func aHeldTimeIsNeitherShownNorBookableForOthersUntilTheHoldEnds() async throws {
        let bookings = try await fillDay()
        _ = try await join(Self.anna, updateID: 3)
        let freed = try #require(bookings[11])
        _ = try await handle(FlowHarness.press("by:\(freed.id)", from: FlowHarness.user(911), updateID: 4))
        let minute = Int64(freed.start.timeIntervalSince1970 / 60)
        let slot = "t:\(harness.services[0].id):\(harness.master.id):\(minute):\(harness.master.id)"
        let day = try await handle(FlowHarness.press(dayData, from: Self.john, updateID: 5))
        #expect(!day.calls.flatMap(\.inlineButtons).contains { $0.callbackData == slot })
        let confirm = "ok:\(harness.services[0].id):\(harness.master.id):\(minute)"
        let taken = try await handle(FlowHarness.press(confirm, from: Self.john, updateID: 6))
        #expect(taken.calls[0] == .answerCallbackQuery(AnswerCallbackQuery(callbackQueryID: "cb6", text: "That time was just taken. Please choose another:")))
        #expect(await harness.store.bookings(of: UserID(Self.john.id), tenant: tenant).isEmpty)
        // Once the hold has run out (before any timer fired) the time is anyone's.
        clock.advance(minutes: 16)
        let later = try await handle(FlowHarness.press(confirm, from: Self.john, updateID: 7))
        #expect(later.calls[1].sentText?.hasPrefix("✅ You are booked!") == true)
        #expect(await harness.store.bookings(of: UserID(Self.john.id), tenant: tenant).map(\.start) == [freed.start])
    }

    @Test func movingABookingAwayFreesItsSlotForTheWaitlist() async throws {
        let bookings = try await fillDay()
        let first = try await join(Self.anna, updateID: 3)
        let moving = try #require(bookings[15])
        let target = try #require(harness.context.calendar.instant(Self.day.adding(days: 1), LocalTime(hour: 15)!))
        let moved = try await handle(FlowHarness.press("ry:\(moving.id):\(Int64(target.timeIntervalSince1970 / 60))", from: FlowHarness.user(915), updateID: 4))
        #expect(moved.calls.contains { $0.chatID == Self.anna.id && $0.sentText?.contains("2 декабря, ср, 15:00") == true })
        #expect(await harness.store.waitlistEntry(first.id, tenant: tenant)?.status == .offered)
    }

    @Test func offersAndEntriesOfOthersCannotBeUsed() async throws {
        let bookings = try await fillDay()
        let first = try await join(Self.anna, updateID: 3)
        _ = try await handle(FlowHarness.press("by:\(try #require(bookings[13]).id)", from: FlowHarness.user(913), updateID: 4))
        for (index, data) in ["wa:\(first.id)", "wn:\(first.id)", "wl:\(first.id)", "wa:999999", "wj:1:a:20261399"].enumerated() {
            let updateID = Int64(10 + index)
            let result = try await handle(FlowHarness.press(data, from: Self.john, updateID: updateID))
            guard case .answerCallbackQuery(let answer) = result.calls.first else {
                Issue.record("\(data) not answered")
                continue
            }
            #expect(answer.callbackQueryID == "cb\(updateID)")
            #expect(result.calls.count == 1, "\(data) changed a message")
        }
        #expect(await harness.store.waitlistEntry(first.id, tenant: tenant)?.status == .offered)
        #expect(await harness.store.bookings(of: UserID(Self.john.id), tenant: tenant).isEmpty)
    }

    @Test func leavingTakesTheEntryOutOfLine() async throws {
        try await fillDay()
        let entry = try await join(Self.anna, updateID: 3)
        let left = try await handle(FlowHarness.press("wl:\(entry.id)", updateID: 4))
        #expect(left.calls[1].sentText == "Вы вышли из листа ожидания: Стрижка, 2 декабря, ср.")
        #expect(await harness.store.waitlist(on: Self.day, tenant: tenant).isEmpty)
    }
}
