import BookingCore
import Foundation
import Storage
import TelegramBotAPI
import TelegramSandbox
import Testing

/// Issue 18, items 8 and 5 through the real service and the sandbox, in Russian and English: the owner blocks a range
/// of days chosen on calendars with a reason, finds it in the list and removes it; a customer of a tenant that asks for
/// phones shares their own contact (someone else's is refused), adds a comment for the master and books.
@Suite("Blocks and customers' contact through the sandbox", .serialized)
struct BlocksAndContactJourneyTests {
    struct Words: Sendable {
        let language: String
        let panel, blocks, empty, newBlock, chooseMaster, all, chooseStart, blockDay, untilDate, chooseEnd, endTitle, endOfDay, previewCount, reason, confirm, blocked: String
        let listed, cardTitle, remove, removed: String
        let book, chooseService, chooseDay, chooseTime, askPhone, share, notOwn, thanks, check, comment, askComment, commentLine, confirmBooking, booked: String
    }

    static let russian = Words(
        language: "ru", panel: "🛠 Панель администратора", blocks: "⛔ Закрытое время", empty: "⛔ Впереди закрытого времени нет.",
        newBlock: "➕ Закрыть время", chooseMaster: "⛔ Чьё время закрыть?", all: "Все", chooseStart: "Выберите первый день:",
        blockDay: "⛔ Закрыть время — Все,", untilDate: "📅 До другого дня…", chooseEnd: "Выберите последний день:", endTitle: "до конца дня или до времени", endOfDay: "До конца дня", previewCount: "Будут отменены записи: 0",
        reason: "Причина: Отпуск", confirm: "✅ Закрыть и отменить 0", blocked: "✅ Время закрыто.", listed: "⛔ Закрытое время впереди: 1.", cardTitle: "⛔ Закрыто — Все",
        remove: "🗑 Открыть это время", removed: "✅ Время снова открыто для записи.",
        book: "📅 Записаться", chooseService: "Выберите услугу:", chooseDay: "Выберите день:", chooseTime: "выберите время:",
        askPhone: "📱 Чтобы мастер мог связаться с вами", share: "📱 Поделиться номером", notOwn: "Это не ваш номер.",
        thanks: "✅ Спасибо, номер сохранён.", check: "Проверьте запись", comment: "💬 Комментарий мастеру",
        askComment: "💬 Напишите комментарий", commentLine: "💬 Комментарий: Аллергия на лак", confirmBooking: "✅ Подтвердить", booked: "✅ Вы записаны!")

    static let english = Words(
        language: "en", panel: "🛠 Admin panel", blocks: "⛔ Blocked time", empty: "⛔ No blocked time ahead.", newBlock: "➕ Block time",
        chooseMaster: "⛔ Whose time to block?", all: "All", chooseStart: "Choose the first day:", blockDay: "⛔ Block time — All,",
        untilDate: "📅 Until another day…", chooseEnd: "Choose the last day:", endTitle: "to the end of the day or until a time", endOfDay: "To the end of the day", previewCount: "Bookings that will be cancelled: 0", reason: "Reason: Отпуск",
        confirm: "✅ Block and cancel 0", blocked: "✅ Time blocked.", listed: "⛔ Blocked time ahead: 1.", cardTitle: "⛔ Blocked — All", remove: "🗑 Reopen this time",
        removed: "✅ The time is open for bookings again.",
        book: "📅 Book", chooseService: "Choose a service:", chooseDay: "Choose a day:", chooseTime: "choose a time:",
        askPhone: "📱 So the specialist can reach you", share: "📱 Share my number", notOwn: "This is not your number.",
        thanks: "✅ Thank you, the number is saved.", check: "Please check your booking", comment: "💬 Comment for the specialist",
        askComment: "💬 Write a comment", commentLine: "💬 Comment: Аллергия на лак", confirmBooking: "✅ Confirm", booked: "✅ You are booked!")

    static func step(_ who: SimulatedUser, _ text: String) async throws -> SandboxMessage {
        do {
            return try await who.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains(text) == true }
        } catch {
            let last = await who.transcript().suffix(3).map { "\($0.fromBot ? "bot" : "user"): \($0.text ?? "-")" }
            let answers = await who.callbackAnswers().suffix(2).map { "\($0.data ?? "-"): \($0.text ?? "-")" }
            Issue.record("no \"\(text)\"; the chat ends with \(last); answers \(answers)")
            throw error
        }
    }

    /// Presses "›" on the newest calendar and waits for its edit.
    static func nextMonth(_ who: SimulatedUser, _ shown: SandboxMessage, _ title: String) async throws -> SandboxMessage {
        try await who.press("›")
        return try await who.waitForBotMessage(timeout: .seconds(10)) { $0.messageID == shown.messageID && $0.editCount > shown.editCount && $0.text?.contains(title) == true }
    }

    @Test(arguments: [russian, english])
    func theOwnerBlocksDaysChosenOnCalendarsAndRemovesTheBlock(_ w: Words) async throws {
        // The owner here taps faster than a person: the incoming rate limit (tested elsewhere) is off.
        try await LocalStack.run(mode: .webhook, environment: ["ZAPIS_RATE_LIMITS": "0"]) { stack in
            let tenant = LocalStack.tenantA
            let owner = stack.user(1, of: tenant, language: w.language)
            try await owner.send("/admin")
            _ = try await Self.step(owner, w.panel)
            try await owner.press(w.blocks)
            _ = try await Self.step(owner, w.empty)
            try await owner.press(w.newBlock)
            _ = try await Self.step(owner, w.chooseMaster)
            try await owner.press(w.all)
            let month = try await Self.step(owner, w.chooseStart)
            // The 1st and the 3rd of next month, whole days.
            _ = try await Self.nextMonth(owner, month, w.chooseStart)
            try await owner.press("1")
            _ = try await Self.step(owner, w.blockDay)
            try await owner.press(w.untilDate)
            _ = try await Self.step(owner, w.chooseEnd)
            try await owner.press("3")
            _ = try await Self.step(owner, w.endTitle)
            try await owner.press(w.endOfDay)
            _ = try await Self.step(owner, w.previewCount)
            try await owner.waitUntilAllPressesAnswered(timeout: .seconds(10))
            try await owner.send("Отпуск")
            _ = try await Self.step(owner, w.reason)
            try await owner.press(w.confirm)
            _ = try await Self.step(owner, w.blocked)
            try await owner.waitUntilAllPressesAnswered(timeout: .seconds(10))
            let now = Date()
            let block = try #require(try await stack.stores.bookings.blocks(overlapping: now..<now.addingTimeInterval(90 * 86_400), tenant: tenant).first)
            #expect(block.range.upperBound.timeIntervalSince(block.range.lowerBound) == 3 * 86_400 && block.reason == "Отпуск" && block.masterID == nil)

            try await owner.send("/admin")
            _ = try await Self.step(owner, w.panel)
            try await owner.press(w.blocks)
            let list = try await Self.step(owner, w.listed)
            try await owner.press(try #require(list.inlineButtons.first { $0.callbackData?.hasPrefix("akc:") == true }).text)
            _ = try await Self.step(owner, w.cardTitle)
            try await owner.press(w.remove)
            _ = try await Self.step(owner, w.removed)
            try await owner.waitUntilAllPressesAnswered(timeout: .seconds(10))
            #expect(try await stack.stores.bookings.block(block.id, tenant: tenant) == nil)
            let audit = try await stack.stores.audit.auditLog(tenant, offset: 0, limit: 5)
            #expect(audit.first?.action == "block.remove" && audit.first?.outcome == .done)
        }
    }

    @Test(arguments: [russian, english])
    func aCustomerSharesTheirOwnPhoneAndCommentsBeforeTheFirstBooking(_ w: Words) async throws {
        var policies = Policies()
        policies.askPhone = true
        // The customer here types faster than a person: the incoming rate limit (tested elsewhere) is off.
        try await LocalStack.run(mode: .webhook, policies: policies, environment: ["ZAPIS_RATE_LIMITS": "0"]) { stack in
            let tenant = LocalStack.tenantA
            let customer = stack.user(300, of: tenant, language: w.language)
            try await customer.send("/start")
            try await customer.send(w.book)
            let services = try await Self.step(customer, w.chooseService)
            try await customer.press(try #require(services.inlineButtons.first { $0.text.hasPrefix("Женская стрижка") }).text)
            var days = try await Self.step(customer, w.chooseDay)
            if !days.inlineButtons.contains(where: { $0.callbackData?.hasPrefix("d:") == true }) { days = try await Self.nextMonth(customer, days, w.chooseDay) }
            try await customer.press(try #require(days.inlineButtons.first { $0.callbackData?.hasPrefix("d:") == true }).text)
            let slots = try await Self.step(customer, w.chooseTime)
            try await customer.press(try #require(slots.inlineButtons.first { $0.callbackData?.hasPrefix("t:") == true }).text)
            _ = try await Self.step(customer, w.askPhone)
            try await customer.waitUntilAllPressesAnswered(timeout: .seconds(10))
            #expect(await customer.replyKeyboard()?.keyboard.joined().contains { $0.text == w.share && $0.requestContact == true } == true)
            // A card of someone else from the address book is not taken for theirs.
            try await customer.sendContact(Contact(phoneNumber: "+79001112233", firstName: "Пётр", userID: 42))
            _ = try await Self.step(customer, w.notOwn)
            try await customer.shareContact(w.share, phone: "79123456789")
            _ = try await Self.step(customer, w.thanks)
            _ = try await Self.step(customer, w.check)
            #expect(await customer.replyKeyboard()?.keyboard.joined().contains { $0.requestContact == true } == false)
            try await customer.press(w.comment)
            _ = try await Self.step(customer, w.askComment)
            try await customer.waitUntilAllPressesAnswered(timeout: .seconds(10))
            try await customer.send("Аллергия на лак")
            _ = try await Self.step(customer, w.commentLine)
            try await customer.press(w.confirmBooking)
            _ = try await Self.step(customer, w.booked)
            try await customer.waitUntilAllPressesAnswered(timeout: .seconds(10))
            let booking = try #require(try await stack.stores.bookings.bookings(of: UserID(300), tenant: tenant).first)
            #expect(booking.comment == "Аллергия на лак")
            #expect(try await stack.stores.backOffice.customerRecord(UserID(300), tenant: tenant)?.profile.phone == "+79123456789")
        }
    }
}
