import BookingCore
@testable import BotFlows
import Foundation
import Storage
import TelegramBotAPI
import Testing

/// Bookings admins make for clients who walked in or phoned: phone numbers read strictly, the same engine and store
/// guarantees as customers' bookings (notice and horizon waived, overlaps never), offline clients, and a Telegram
/// customer found by the phone they shared.
@Suite("Admin walk-in bookings")
struct AdminWalkInTests {
    @Test func phoneNumbersAreNormalisedToE164() {
        let good: [(String, String)] = [
            ("8 (912) 345-67-89", "+79123456789"), ("+7 912 345 67 89", "+79123456789"), ("89123456789", "+79123456789"),
            ("79123456789", "+79123456789"), ("9123456789", "+79123456789"), ("+7(912)345.67.89", "+79123456789"),
            ("+44 20 7946 0958", "+442079460958"), ("+1 (415) 555-2671", "+14155552671"),
        ]
        for (typed, e164) in good { #expect(PhoneNumber(typed)?.e164 == e164, "\(typed)") }
        let bad = [
            "", "abc", "12345", "+7 912 345", "8 912 345 67 89 00", "+0123456789", "+7912345678x", "++79123456789", "7-912", "+1234567",
            "+1234567890123456", "٩١٢٣٤٥٦٧٨٩", String(repeating: "9", count: 40), "89123456789; DROP TABLE", "+7 912 345 67 8\u{0}",
        ]
        for typed in bad { #expect(PhoneNumber(typed) == nil, "\(typed)") }
        #expect(OfflineClient.id(for: PhoneNumber("+79123456789")!).isOffline)
        #expect(OfflineClient.id(for: PhoneNumber("+999999999999999")!).rawValue <= InputBounds.ids.upperBound)
        #expect(!UserID(Int64(1) << 52 - 1).isOffline)
    }

    /// Walks the buttons to the time at `hour` tomorrow and types `client`.
    @discardableResult
    static func book(_ h: FlowHarness, hour: Int, minute: Int = 0, client: String, as admin: User = FlowHarness.owner) async throws -> FlowResult {
        let (s, m, date) = (h.services[0].id, h.master.id, FlowHarness.tomorrow)
        let services = try await h.press(.walkIn(.start(nil, date)), as: admin)
        #expect(services.calls.flatMap(\.inlineButtons).contains { $0.callbackData == AdminCallback.walkIn(.service(s, nil, date)).data })
        let times = try await h.press(.walkIn(.service(s, nil, date)), as: admin)
        let slot = AdminCallback.walkIn(.slot(s, m, epochMinute: h.at(hour, minute).epochMinute))
        #expect(times.calls.flatMap(\.inlineButtons).contains { $0.callbackData == slot.data })
        _ = try await h.press(slot, as: admin)
        return try await h.say(client, as: admin)
    }

    @Test func anAdminBooksAnOfflineClientWhoAppearsInTheClientList() async throws {
        let h = try await FlowHarness()
        try await h.addAdmins()
        let result = try await Self.book(h, hour: 10, client: "Иван; 8 (912) 345-67-89; первый визит")
        #expect(result.sent(to: 1) == ["✅ Клиент записан: Иван, +79123456789."])
        let offline = OfflineClient.id(for: PhoneNumber("+79123456789")!)
        let booking = try #require(await h.store.bookings(of: offline, tenant: h.context.id).first)
        #expect(booking.start == h.at(10) && booking.masterID == h.master.id && booking.status == .confirmed)
        let record = try #require(await h.store.customerRecord(offline, tenant: h.context.id))
        #expect(record.profile.firstName == "Иван" && record.profile.phone == "+79123456789")
        // Nothing goes to a chat that does not exist, now or later.
        #expect(result.requests.allSatisfy { $0.chatID != offline.rawValue } && result.scheduled.isEmpty)
        let audit = try #require(await h.audit().first)
        #expect(audit.action == "booking.create" && audit.newValue == "Иван +79123456789 offline | note: первый визит")
        let clients = try await h.press(.business(.clients(page: 0)), as: FlowHarness.owner)
        #expect(clients.shown?.contains("Иван") == true)
    }

    @Test func adminsMayBookInsideTheNoticeAndPastTheHorizonButNeverOverAnotherBooking() async throws {
        var h = try await FlowHarness()
        try await h.addAdmins()
        h.context.record.policies.minNoticeMinutes = 48 * 60
        h.context.record.policies.horizonDays = 1
        try await Self.book(h, hour: 10, client: "Иван; +79123456789")
        #expect(await h.store.bookings(of: OfflineClient.id(for: PhoneNumber("+79123456789")!), tenant: h.context.id).count == 1)
        // A customer's booking at 12:00; an admin's forged press for 12:30 is refused by the engine, and by the store.
        _ = try await h.book(h.at(12))
        _ = try await h.press(.walkIn(.slot(h.services[0].id, h.master.id, epochMinute: h.at(12, 30).epochMinute)), as: FlowHarness.manager)
        let refused = try await h.say("Пётр; +79160000000", as: FlowHarness.manager)
        #expect(refused.sent(to: 2).first == "Записать не получилось: пересекается с другой записью или закрытым временем")
        #expect(await h.store.bookings(of: OfflineClient.id(for: PhoneNumber("+79160000000")!), tenant: h.context.id).isEmpty)
    }

    @Test func aPhoneATelegramCustomerSharedPutsTheBookingInTheirMyBookingsWithReminders() async throws {
        let h = try await FlowHarness()
        try await h.addAdmins()
        let customer = FlowHarness.customer
        _ = try await h.say("/start", as: customer)
        // Someone else's contact is not stored; their own is.
        let foreign = Update(updateID: 10, message: Message(
            messageID: 10, from: customer, chat: Chat(id: customer.id), date: 1, contact: Contact(phoneNumber: "79001112233", firstName: "X", userID: 42)))
        #expect(try await h.result(foreign).calls.compactMap(\.sentText).first?.hasPrefix("Сохраняем только") == true)
        let own = Update(updateID: 11, message: Message(
            messageID: 11, from: customer, chat: Chat(id: customer.id), date: 1, contact: Contact(phoneNumber: "79123456789", firstName: "Анна", userID: customer.id)))
        #expect(try await h.result(own).calls.compactMap(\.sentText).first?.hasPrefix("📞") == true)
        #expect(await h.store.customerRecord(UserID(customer.id), tenant: h.context.id)?.profile.phone == "+79123456789")
        // A later /start keeps the phone.
        _ = try await h.say("/start", as: customer)
        let result = try await Self.book(h, hour: 11, client: "Анна; 8 912 345 67 89")
        #expect(result.sent(to: 1).first?.hasPrefix("✅ Клиент записан: Анна, +79123456789. Он пользуется ботом") == true)
        #expect(result.sent(to: customer.id) == ["📌 Администратор записал вас: Стрижка, Анна\n1 декабря, вт, 11:00\nАдрес: Тверская, 1"])
        #expect(!result.scheduled.isEmpty && result.scheduled.allSatisfy { $0.call.chatID == customer.id })
        let mine = await h.store.bookings(of: UserID(customer.id), tenant: h.context.id)
        #expect(mine.map(\.start) == [h.at(11)])
        #expect(await h.store.bookings(of: OfflineClient.id(for: PhoneNumber("+79123456789")!), tenant: h.context.id).isEmpty)
    }

    @Test func absurdClientInputIsRefusedPolitely() async throws {
        let h = try await FlowHarness()
        try await h.addAdmins()
        _ = try await h.press(.walkIn(.slot(h.services[0].id, h.master.id, epochMinute: h.at(10).epochMinute)), as: FlowHarness.owner)
        let shape = "Нужно «Имя; телефон» (имя до 64 символов, заметка до 500). Пришлите снова."
        for (text, expected) in [
            ("Иван", shape), ("; 89123456789", shape), ("Иван; 89123456789; " + String(repeating: "x", count: 501), shape),
            (String(repeating: "И", count: 65) + "; 89123456789", shape),
            ("Иван; позвоните мне", "Не похоже на номер телефона: позвоните мне. Например: +7 912 345-67-89 или 8 912 345 67 89. Пришлите снова."),
            ("Иван; 123", "Не похоже на номер телефона: 123. Например: +7 912 345-67-89 или 8 912 345 67 89. Пришлите снова."),
        ] {
            #expect(try await h.say(text, as: FlowHarness.owner).sent(to: 1) == [expected], "\(text)")
        }
        #expect(try await h.snapshot().bookings.isEmpty)
        // Forged walk-in buttons are stale or not found, never a crash.
        for data in ["aiz:1:1:1", "aiz:x:1:29000000", "ait:1:99:20261201", "ais:99::20261201", "ai::2026"] {
            #expect(try await h.result(FlowHarness.press(data, from: FlowHarness.owner)).answer != nil, "\(data)")
        }
    }
}
