import BookingCore
@testable import BotFlows
import Foundation
import Storage
import TelegramBotAPI
import Testing

/// Customers' contact (issue 18, item 5): the phone asked before a first booking when the tenant wants it, only the
/// customer's own contact kept; a bounded comment for the master on the confirmation card, stored on the booking and
/// shown to staff.
@Suite("Customers' phone and comment")
struct CustomerContactTests {
    static let customer = FlowHarness.user(300)

    /// A harness whose tenant asks for phones (or not).
    static func harness(askPhone: Bool) async throws -> FlowHarness {
        var h = try await FlowHarness()
        var policies = h.context.policies
        policies.askPhone = askPhone
        try await h.store.updatePolicies(policies, of: h.context.id)
        var record = h.context.record
        record.policies = policies
        h.context = TenantContext(record: record)
        try await h.addAdmins()
        return h
    }

    func slot(_ h: FlowHarness, hour: Int = 10) -> CallbackAction {
        .slot(h.services[0].id, h.master.id, epochMinute: h.at(hour).epochMinute, choice: nil)
    }

    func contactUpdate(_ contact: Contact, from user: User = customer) -> Update {
        Update(updateID: 9, message: Message(messageID: 9, from: user, chat: Chat(id: user.id), date: 1, contact: contact))
    }

    static func replyKeyboard(_ result: FlowResult) -> ReplyKeyboardMarkup? {
        for call in result.calls {
            if case .sendMessage(let m) = call, case .reply(let keyboard) = m.replyMarkup { return keyboard }
        }
        return nil
    }

    @Test func aFirstBookingAsksForTheOwnPhoneOnceAndTheOwnerSeesIt() async throws {
        let h = try await Self.harness(askPhone: true)
        let asked = try await h.result(FlowHarness.press(slot(h).data, from: Self.customer))
        #expect(asked.sent(to: 300).first?.hasPrefix("📱 Чтобы мастер мог связаться с вами") == true)
        let keyboard = try #require(Self.replyKeyboard(asked))
        #expect(keyboard.keyboard.joined().map(\.text) == ["📱 Поделиться номером", "Не сейчас"])
        #expect(keyboard.keyboard.joined().first?.requestContact == true)
        // Someone else's contact (a card from the address book) is refused and the button offered again.
        let forged = try await h.result(contactUpdate(Contact(phoneNumber: "79001112233", firstName: "Пётр", userID: 42)))
        #expect(forged.sent(to: 300).first?.hasPrefix("Это не ваш номер.") == true && Self.replyKeyboard(forged) != nil)
        let noUser = try await h.result(contactUpdate(Contact(phoneNumber: "79001112233", firstName: "Пётр")))
        #expect(noUser.sent(to: 300).first?.hasPrefix("Это не ваш номер.") == true)
        #expect(await h.store.customerRecord(UserID(300), tenant: h.context.id)?.profile.phone == nil)
        // Their own: kept in E.164; the menu keyboard comes back, then the card.
        let own = try await h.result(contactUpdate(Contact(phoneNumber: "79123456789", firstName: "Анна", userID: 300)))
        #expect(own.sent(to: 300).first == "✅ Спасибо, номер сохранён.")
        #expect(Self.replyKeyboard(own)?.keyboard.joined().contains { $0.requestContact == true } == false)
        #expect(own.sent(to: 300).last?.contains("Проверьте запись") == true)
        #expect(await h.store.customerRecord(UserID(300), tenant: h.context.id)?.profile.phone == "+79123456789")
        _ = try await h.result(FlowHarness.press(CallbackAction.confirm(h.services[0].id, h.master.id, epochMinute: h.at(10).epochMinute).data, from: Self.customer))
        let booking = try #require(await h.store.bookings(of: UserID(300), tenant: h.context.id).first)
        // The owner sees the phone on the client card and the booking card.
        let card = try await h.press(.business(.client(UserID(300))), as: FlowHarness.owner)
        #expect(card.shown?.contains("+79123456789") == true)
        #expect(try await h.press(.booking(booking.id), as: FlowHarness.owner).shown?.contains("📱 +79123456789") == true)
        // The next booking does not ask again.
        let next = try await h.result(FlowHarness.press(slot(h, hour: 14).data, from: Self.customer))
        #expect(next.shown?.contains("Проверьте запись") == true && Self.replyKeyboard(next) == nil)
    }

    @Test func notNowSkipsThePhoneForThisBookingAndTheOffPolicyNeverAsks() async throws {
        let h = try await Self.harness(askPhone: true)
        _ = try await h.result(FlowHarness.press(slot(h).data, from: Self.customer))
        let other = try await h.say("привет", as: Self.customer)
        #expect(other.sent(to: 300).first?.hasPrefix("Нажмите «📱 Поделиться номером»") == true)
        let skipped = try await h.say("Не сейчас", as: Self.customer)
        #expect(skipped.sent(to: 300).first == "Хорошо, без номера.")
        #expect(skipped.sent(to: 300).last?.contains("Проверьте запись") == true)
        // The same slot again does not ask twice.
        let again = try await h.result(FlowHarness.press(slot(h).data, from: Self.customer))
        #expect(Self.replyKeyboard(again) == nil)
        let off = try await Self.harness(askPhone: false)
        let card = try await off.result(FlowHarness.press(slot(off).data, from: Self.customer))
        #expect(card.shown?.contains("Проверьте запись") == true && Self.replyKeyboard(card) == nil)
    }

    @Test func aCommentForTheMasterIsBoundedStoredAndShownToStaff() async throws {
        let h = try await Self.harness(askPhone: false)
        let minute = h.at(10).epochMinute
        _ = try await h.result(FlowHarness.press(slot(h).data, from: Self.customer))
        let asked = try await h.result(FlowHarness.press(CallbackAction.comment(h.services[0].id, h.master.id, epochMinute: minute).data, from: Self.customer))
        #expect(asked.shown?.hasPrefix("💬 Напишите комментарий для мастера") == true)
        let long = try await h.say(String(repeating: "а", count: Booking.maxComment + 1), as: Self.customer)
        #expect(long.sent(to: 300) == ["Комментарий — до 500 символов (сейчас 501). Сократите и пришлите снова."])
        let card = try await h.say("Короткая стрижка, пожалуйста", as: Self.customer)
        #expect(card.sent(to: 300).first?.contains("💬 Комментарий: Короткая стрижка, пожалуйста") == true)
        #expect(card.calls.flatMap(\.inlineButtons).contains { $0.text == "💬 Изменить комментарий" })
        let done = try await h.result(FlowHarness.press(CallbackAction.confirm(h.services[0].id, h.master.id, epochMinute: minute).data, from: Self.customer))
        let booking = try #require(await h.store.bookings(of: UserID(300), tenant: h.context.id).first)
        #expect(booking.comment == "Короткая стрижка, пожалуйста")
        #expect(done.sent(to: FlowHarness.owner.id).first?.contains("💬 Короткая стрижка, пожалуйста") == true)
        #expect(try await h.press(.booking(booking.id), as: FlowHarness.owner).shown?.contains("💬 Комментарий: Короткая стрижка") == true)
        // The booking is no longer being made: the old card's comment button is stale, and a text is no comment.
        let stale = try await h.result(FlowHarness.press(CallbackAction.comment(h.services[0].id, h.master.id, epochMinute: minute).data, from: Self.customer))
        #expect(stale.answer?.text == "Эта запись уже не оформляется.")
        _ = try await h.say("ещё комментарий", as: Self.customer)
        #expect(await h.store.booking(booking.id, tenant: h.context.id)?.comment == "Короткая стрижка, пожалуйста")
    }

    @Test func aCommentTypedForAnotherSlotIsNotCarriedOver() async throws {
        let h = try await Self.harness(askPhone: false)
        let (s, m) = (h.services[0].id, h.master.id)
        _ = try await h.result(FlowHarness.press(slot(h).data, from: Self.customer))
        _ = try await h.result(FlowHarness.press(CallbackAction.comment(s, m, epochMinute: h.at(10).epochMinute).data, from: Self.customer))
        _ = try await h.say("для десяти", as: Self.customer)
        // Another slot's card, then its Confirm: no comment; the 10:00 comment button is stale now.
        _ = try await h.result(FlowHarness.press(slot(h, hour: 12).data, from: Self.customer))
        let stale = try await h.result(FlowHarness.press(CallbackAction.comment(s, m, epochMinute: h.at(10).epochMinute).data, from: Self.customer))
        #expect(stale.answer?.showAlert == true)
        _ = try await h.result(FlowHarness.press(CallbackAction.confirm(s, m, epochMinute: h.at(12).epochMinute).data, from: Self.customer))
        #expect(await h.store.bookings(of: UserID(300), tenant: h.context.id).first?.comment == nil)
    }

    @Test func theOwnerTurnsThePolicyOnAndForgedValuesAreRefused() async throws {
        let h = try await Self.harness(askPhone: false)
        let shown = try await h.press(.business(.policies), as: FlowHarness.owner)
        #expect(shown.shown?.contains("Спрашивать телефон при первой записи: выкл") == true)
        _ = try await h.press(.business(.policyEdit(.askPhone)), as: FlowHarness.owner)
        let bad = try await h.say("да", as: FlowHarness.owner)
        #expect(bad.sent(to: FlowHarness.owner.id).first?.contains("1 — включить") == true)
        let saved = try await h.say("1", as: FlowHarness.owner)
        #expect(saved.shown?.contains("Спрашивать телефон при первой записи: вкл") == true)
        #expect(await h.store.tenant(h.context.id)?.policies.askPhone == true)
        #expect(await h.audit().first?.target == "policy:askPhone")
    }
}
