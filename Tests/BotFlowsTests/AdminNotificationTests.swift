import BookingCore
@testable import BotFlows
import Foundation
import Storage
import TelegramBotAPI
import Testing

/// Admins hear about new, cancelled and moved bookings and low ratings, if they want to; admin changes that free time
/// offer it to the waitlist.
@Suite("Admin notifications and freed slots")
struct AdminNotificationTests {
    static let customer = FlowHarness.customer

    /// Owner and manager with notifications on, the master with them off.
    static func prepared() async throws -> FlowHarness {
        let h = try await FlowHarness()
        try await h.addAdmins()
        var master = try #require(await h.store.admins(h.context.id).first { $0.role == .master })
        master.notify = false
        await h.store.saveAdmin(master, tenant: h.context.id)
        return h
    }

    func bookAsCustomer(_ h: FlowHarness, at start: Date) async throws -> (FlowResult, Booking) {
        _ = try await h.say("/start", as: Self.customer)
        let data = CallbackAction.confirm(h.services[0].id, h.master.id, epochMinute: start.epochMinute).data
        let result = try await h.result(FlowHarness.press(data, from: Self.customer))
        let booking = try #require(await h.store.bookings(of: UserID(Self.customer.id), tenant: h.context.id).last)
        return (result, booking)
    }

    @Test func theNoticeSpeaksTheOwnersLanguageFromTheirLatestUpdate() async throws {
        let h = try await FlowHarness()
        // The owner started the bot in Russian as a customer once, then opens the admin panel in English.
        _ = try await h.say("/start", as: FlowHarness.owner)
        _ = try await h.say("/admin", as: User(id: FlowHarness.owner.id, firstName: "Olga", languageCode: "en"))
        let (result, _) = try await bookAsCustomer(h, at: h.at(10))
        #expect(result.sent(to: FlowHarness.owner.id) == ["🆕 New booking: Стрижка — Анна\nTue, December 1, 10:00\nClient: Анна"])
        // Back to Russian on the admin side: the next notice follows.
        _ = try await h.say("/admin", as: FlowHarness.owner)
        let (again, _) = try await bookAsCustomer(h, at: h.at(12))
        #expect(again.sent(to: FlowHarness.owner.id).first?.hasPrefix("🆕 Новая запись") == true)
    }

    @Test func anAdminWhoNeverWroteGetsTheTenantsLanguage() async throws {
        let h = try await Self.prepared()
        // The manager has a customer record in English but has never used the admin side.
        _ = try await h.say("/start", as: User(id: 2, firstName: "Max", languageCode: "en"))
        let (result, _) = try await bookAsCustomer(h, at: h.at(10))
        #expect(result.sent(to: 2).first?.hasPrefix("🆕 Новая запись") == true)
    }

    @Test func aNewBookingReachesTheOwnerAndManagerButNotTheMasterWhoTurnedThemOff() async throws {
        let h = try await Self.prepared()
        let (result, booking) = try await bookAsCustomer(h, at: h.at(10))
        for admin: Int64 in [1, 2] {
            #expect(result.sent(to: admin) == ["🆕 Новая запись: Стрижка — Анна\n1 декабря, вт, 10:00\nКлиент: Анна"])
        }
        #expect(result.sent(to: 3).isEmpty)
        let button = result.requests.compactMap { call -> String? in
            if case .sendMessage(let m) = call, m.chatID == 1 { return call.inlineButtons.first?.callbackData } else { return nil }
        }
        #expect(button == [AdminCallback.booking(booking.id).data])
        // The customer's own messages are unchanged: the confirmation and the calendar file come first.
        #expect(result.calls.firstIndex { if case .sendDocument = $0 { true } else { false } } != nil)
    }

    @Test func theToggleIsPerAdminAndAudited() async throws {
        let h = try await Self.prepared()
        let panel = try await h.press(.business(.notifications), as: FlowHarness.owner)
        #expect(panel.answer?.text == "Уведомления выключены.")
        #expect(panel.calls.last?.inlineButtons.contains { $0.text == "🔕 Уведомления: выкл" } == true)
        let entry = try #require(await h.audit().first)
        #expect(entry.action == "notify.toggle" && entry.oldValue == "on" && entry.newValue == "off" && entry.target == "admin:1")
        let (_, booking) = try await bookAsCustomer(h, at: h.at(10))
        let cancel = try await h.result(FlowHarness.press(CallbackAction.cancelBooking(booking.id).data, from: Self.customer))
        #expect(cancel.sent(to: 1).isEmpty)
        #expect(cancel.sent(to: 2) == ["❌ Клиент отменил запись: Стрижка — Анна\n1 декабря, вт, 10:00\nКлиент: Анна"])
    }

    @Test func aNewMasterStartsWithNotificationsOffAndAPromotionTurnsThemOn() async throws {
        let h = try await FlowHarness()
        _ = try await h.press(.adminAdd, as: FlowHarness.owner)
        _ = try await h.say("555", as: FlowHarness.owner)
        #expect(await h.store.admins(h.context.id).first { $0.userID == UserID(555) }?.notify == false)
        _ = try await h.press(.adminRole(UserID(555), .manager), as: FlowHarness.owner)
        #expect(await h.store.admins(h.context.id).first { $0.userID == UserID(555) }?.notify == true)
    }

    @Test func aRescheduleByTheCustomerIsReportedWithBothTimes() async throws {
        let h = try await Self.prepared()
        let (_, booking) = try await bookAsCustomer(h, at: h.at(10))
        let data = CallbackAction.rescheduleConfirm(booking.id, epochMinute: h.at(14).epochMinute).data
        let result = try await h.result(FlowHarness.press(data, from: Self.customer))
        #expect(result.sent(to: 1) == ["🔁 Клиент перенёс запись: Стрижка — Анна\nБыло: 1 декабря, вт, 10:00\nСтало: 1 декабря, вт, 14:00\nКлиент: Анна"])
    }

    @Test func lowRatingsAndTheirCommentsAreReportedHighOnesAreNot() async throws {
        let h = try await Self.prepared()
        let past = LocalDate(year: 2026, month: 11, day: 29)!
        let low = try await h.book(h.at(10, on: past))
        let high = try await h.book(h.at(12, on: past))
        let rated = try await h.result(FlowHarness.press(CallbackAction.rate(low.id, stars: 2).data, from: Self.customer))
        #expect(rated.sent(to: 1) == ["⚠️ Низкая оценка 2★: Стрижка — Анна, 29 ноября, вс, 10:00\nКлиент: Анна"])
        let comment = try await h.say("Долго ждала", as: Self.customer)
        #expect(comment.sent(to: 2) == ["💬 Комментарий к оценке 2★ от Анна: Долго ждала"])
        let good = try await h.result(FlowHarness.press(CallbackAction.rate(high.id, stars: 4).data, from: Self.customer))
        #expect(good.sent(to: 1).isEmpty && good.sent(to: 2).isEmpty)
    }

    @Test func withoutStoredAdminsTheTenantOwnerIsToldAndNothingIsWritten() async throws {
        let h = try await FlowHarness()
        let (result, _) = try await bookAsCustomer(h, at: h.at(10))
        #expect(result.sent(to: 1).count == 1)
        #expect(await h.store.admins(h.context.id).isEmpty)
    }

    /// Tomorrow fully booked (09:00–17:00, customers 909…917) and customer 555 waiting for it.
    static func fullDayWithWaiter(_ h: FlowHarness) async throws -> [Int: Booking] {
        var bookings: [Int: Booking] = [:]
        for hour in 9...17 { bookings[hour] = try await h.book(h.at(hour), customer: User(id: Int64(900 + hour), firstName: "C\(hour)", languageCode: "ru")) }
        let join = CallbackAction.joinWaitlist(h.services[0].id, h.master.id, FlowHarness.tomorrow).data
        _ = try await h.result(FlowHarness.press(join, from: User(id: 555, firstName: "Wait", languageCode: "ru")))
        #expect(await h.store.waitlist(of: UserID(555), tenant: h.context.id).first?.status == .waiting)
        return bookings
    }

    @Test func anAdminCancellationOffersTheFreedSlotToTheWaitlist() async throws {
        let h = try await Self.prepared()
        let bookings = try await Self.fullDayWithWaiter(h)
        let result = try await h.press(.cancel(try #require(bookings[12]).id), as: FlowHarness.owner)
        let offer = try #require(result.sent(to: 555).first)
        #expect(offer.contains("12:00"))
        #expect(await h.store.waitlist(of: UserID(555), tenant: h.context.id).first?.status == .offered)
    }

    @Test func aBlockOffersNothingInsideItButAnAdminMoveFreesTheOldTime() async throws {
        let h = try await Self.prepared()
        let bookings = try await Self.fullDayWithWaiter(h)
        let blocked = try await h.press(.blockConfirm(nil, from: h.at(12).epochMinute, to: h.at(13).epochMinute), as: FlowHarness.owner)
        #expect(blocked.sent(to: 921).isEmpty && blocked.sent(to: 555).isEmpty)
        // Moving 09:00 to the day after frees 09:00 tomorrow for the waiting customer.
        let to = h.at(9, on: FlowHarness.tomorrow.adding(days: 1)).epochMinute
        let moved = try await h.press(.moveConfirm(try #require(bookings[9]).id, epochMinute: to), as: FlowHarness.owner)
        #expect(moved.sent(to: 555).first?.contains("09:00") == true)
    }
}
