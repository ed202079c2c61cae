import BookingCore
import Foundation
import Storage
import TelegramSandbox
import Testing

/// Staff through the real service and the sandbox, in Russian and English: the owner adds a second master and
/// links a Telegram user to them; a customer chooses between the two masters and "any master" and books the new one;
/// the linked master hears of that booking, opens it, and is refused another master's booking.
@Suite("Staff through the sandbox", .serialized)
struct StaffJourneyTests {
    struct Words: Sendable {
        let language: String
        let panel, staff, staffTitle, newMaster, askName, created, link, askLink, linked, youAreMaster: String
        let book, chooseService, chooseMaster, anyMaster, chooseDay, chooseTime, check, confirm, booked, newBooking, open, notAllowed: String
    }

    static let russian = Words(
        language: "ru", panel: "🛠 Панель администратора", staff: "👥 Мастера", staffTitle: "👥 Мастера.", newMaster: "➕ Новый мастер",
        askName: "Пришлите имя нового мастера", created: "✅ Мастер добавлен.", link: "🔗 Привязать Telegram", askLink: "Пришлите Telegram id",
        linked: "✅ Привязано.", youAreMaster: "Вы привязаны к мастеру Борис", book: "📅 Записаться", chooseService: "Выберите услугу:",
        chooseMaster: "Выберите мастера:", anyMaster: "Любой мастер", chooseDay: "Выберите день:", chooseTime: "выберите время:",
        check: "Проверьте запись", confirm: "✅ Подтвердить", booked: "✅ Вы записаны!", newBooking: "🆕 Новая запись: Женская стрижка — Борис",
        open: "Открыть запись", notAllowed: "Ваша роль не позволяет это сделать.")

    static let english = Words(
        language: "en", panel: "🛠 Admin panel", staff: "👥 Staff", staffTitle: "👥 Staff.", newMaster: "➕ New specialist",
        askName: "Send the name of the new specialist", created: "✅ Specialist added.", link: "🔗 Link Telegram", askLink: "Send the Telegram id",
        linked: "✅ Linked.", youAreMaster: "You are linked to the specialist Борис", book: "📅 Book", chooseService: "Choose a service:",
        chooseMaster: "Choose a specialist:", anyMaster: "Any specialist", chooseDay: "Choose a day:", chooseTime: "choose a time:",
        check: "Please check your booking", confirm: "✅ Confirm", booked: "✅ You are booked!", newBooking: "🆕 New booking: Женская стрижка — Борис",
        open: "Open the booking", notAllowed: "Your role does not allow this.")

    @Test(arguments: [russian, english])
    func theOwnerAddsAndLinksAMasterWhoSeesOnlyTheirBookings(_ w: Words) async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let tenant = LocalStack.tenantA
            let owner = stack.user(1, of: tenant, language: w.language)
            func step(_ who: SimulatedUser, _ prefix: String) async throws -> SandboxMessage {
                try await who.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains(prefix) == true }
            }
            // The future master has started the bot (Telegram lets a bot write only to such users).
            let master = stack.user(500, of: tenant, language: w.language)
            try await master.send("/start")
            try await owner.send("/admin")
            _ = try await step(owner, w.panel)
            try await owner.press(w.staff)
            _ = try await step(owner, w.staffTitle)
            try await owner.press(w.newMaster)
            _ = try await step(owner, w.askName)
            try await owner.send("Борис")
            _ = try await step(owner, w.created)
            try await owner.press(w.link)
            _ = try await step(owner, w.askLink)
            try await owner.send("500")
            _ = try await step(owner, w.linked)
            try await owner.waitUntilAllPressesAnswered(timeout: .seconds(10))
            _ = try await step(master, w.youAreMaster)

            // A customer sees both masters and "any master", and books the new one.
            let customer = stack.user(300, of: tenant, language: w.language)
            try await customer.send("/start")
            try await customer.send(w.book)
            let services = try await step(customer, w.chooseService)
            try await customer.press(try #require(services.inlineButtons.first { $0.text.hasPrefix("Женская стрижка") }).text)
            let masters = try await step(customer, w.chooseMaster)
            #expect(Set(masters.inlineButtons.map(\.text)).isSuperset(of: ["Анна", "Борис", w.anyMaster]))
            try await customer.press("Борис")
            let days = try await step(customer, w.chooseDay)
            try await customer.press(try #require(days.inlineButtons.first { $0.callbackData?.hasPrefix("d:") == true }).text)
            let slots = try await step(customer, w.chooseTime)
            try await customer.press(try #require(slots.inlineButtons.first { $0.callbackData?.hasPrefix("t:") == true }).text)
            _ = try await step(customer, w.check)
            try await customer.press(w.confirm)
            _ = try await step(customer, w.booked)
            try await customer.waitUntilAllPressesAnswered(timeout: .seconds(10))
            let booked = try #require(try await stack.stores.bookings.bookings(of: UserID(300), tenant: tenant).first)
            let boris = try #require(try await stack.stores.catalog.masters(tenant).first { $0.name == "Борис" })
            #expect(booked.masterID == boris.id)

            // The linked master hears of it and opens it.
            _ = try await step(master, w.newBooking)
            try await master.press(w.open)
            let card = try await master.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains("Борис") == true && $0.text?.contains(w.newBooking) == false }
            #expect(card.inlineButtons.isEmpty == false)
            try await master.waitUntilAllPressesAnswered(timeout: .seconds(10))

            // Anna's booking is not theirs: refused, and audited.
            let anna = try #require(try await stack.stores.catalog.masters(tenant).first { $0.name == "Анна" })
            let other = try await stack.stores.bookings.createBooking(
                BookingRequest(customer: UserID(301), chat: ChatID(301), service: try #require(try await stack.stores.catalog.services(tenant).first),
                               masterID: anna.id, start: booked.start.addingTimeInterval(3 * 3_600)),
                tenant: tenant, maxActivePerCustomer: 10, now: Date())
            try await master.pressData("ab:\(other.id)", messageID: card.messageID)
            try await master.waitUntilAllPressesAnswered(timeout: .seconds(10))
            let answer = try #require(await master.callbackAnswers().last)
            #expect(answer.data == "ab:\(other.id)" && answer.text == w.notAllowed && answer.showAlert)
            let audit = try await stack.stores.audit.auditLog(tenant, offset: 0, limit: 5)
            #expect(audit.first?.outcome == .refused && audit.first?.actor == UserID(500))
        }
    }
}
