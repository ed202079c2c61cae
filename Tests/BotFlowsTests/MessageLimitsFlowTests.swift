import BookingCore
import Foundation
import Storage
import TelegramBotAPI
import Testing

@testable import BotFlows

/// Nothing dropped silently: long texts split, long days paged, templates checked, refused views answered.
@Suite("Message limits in the flows")
struct MessageLimitsFlowTests {
    static let limit = MessageLimits.maxTextLength

    /// 200 lines of 50 characters: a 10,000+ character about text, as an older saved override could be.
    static let longAbout = (1...200).map { "Строка \(String(format: "%03d", $0)) описания салона {business} — подробно" }
        .joined(separator: "\n")

    @Test func aTenThousandCharacterTextReachesTheCustomerInPartsWithTheMenuOnTheLast() async throws {
        let h = try await FlowHarness()
        await h.store.setTextOverride(key: "about", language: "ru", template: Self.longAbout, tenant: h.context.id)
        let result = try await h.say("ℹ️ О нас", as: FlowHarness.customer)
        let messages = result.calls.compactMap { if case .sendMessage(let m) = $0 { m } else { nil } }
        let expected = Texts.fill(Self.longAbout, ["business": "Салон «Ромашка»"])
        #expect(expected.utf16.count > 10_000)
        #expect(messages.count == 3)
        #expect(messages.allSatisfy { $0.text.utf16.count <= Self.limit && $0.chatID == FlowHarness.customer.id })
        #expect(messages.map(\.text).joined(separator: "\n") == expected)
        #expect(messages.dropLast().allSatisfy { $0.replyMarkup == nil })
        guard case .reply? = messages.last?.replyMarkup else {
            Issue.record("the menu belongs on the last part")
            return
        }
    }

    @Test func theDefaultTemplatesFitWithTheLongestValues() {
        for key in Texts.editableKeys {
            for language in Language.allCases {
                #expect(Texts.standard.validate(Texts.standard.render(key, language), for: key) == nil, "\(key) \(language)")
            }
        }
    }

    @Test func worstCaseCountsEveryOccurrenceAndLeavesUnknownBracesAsWritten() {
        #expect(PlaceholderBounds.worstCaseLength("Hi {name}!", allowed: ["name"]) == 3 + 64 + 1)
        #expect(PlaceholderBounds.worstCaseLength("{name}{name}", allowed: ["name"]) == 128)
        #expect(PlaceholderBounds.worstCaseLength("{x} 😀", allowed: ["name"]) == 3 + 1 + 2)
        let template = String(repeating: "я", count: 1_900) + "{services}{services}"
        #expect(Texts.standard.validate(template, for: .about) == .tooLongWhenFilled(worstCase: 4_900))
    }

    @Test func aTemplateThatCouldOutgrowAMessageIsRefusedWithTheNumbers() async throws {
        let h = try await FlowHarness()
        _ = try await h.press(.textEdit(.about, .ru), as: FlowHarness.owner)
        let refused = try await h.say(String(repeating: "я", count: 1_900) + "{services}{services}", as: FlowHarness.owner)
        let reply = try #require(refused.sent(to: 1).first)
        #expect(reply.contains("до 4900 символов") && reply.contains("не больше 4096") && reply.contains("на 804"))
        #expect(await h.store.textOverrides(h.context.id).isEmpty)
        // The input stays open: a shorter text is saved.
        let saved = try await h.say(String(repeating: "я", count: 1_900) + "{services}", as: FlowHarness.owner)
        #expect(saved.sent(to: 1).first?.hasPrefix("✅ Сохранено.") == true)
    }

    /// 150 bookings tomorrow: ten masters with fifteen hourly bookings each.
    static func busyDay(_ h: FlowHarness) async throws -> Set<BookingID> {
        var ids: Set<BookingID> = []
        for m in 0..<10 {
            let master = await h.store.saveMaster(Master(id: MasterID(0), name: "Мастер \(m)"), tenant: h.context.id)
            for hour in 6..<21 {
                let customer = User(id: 10_000 + Int64(m * 100 + hour), firstName: "Клиент \(m)-\(hour)", languageCode: "ru")
                _ = await h.store.upsertCustomer(
                    CustomerProfile(
                        userID: UserID(customer.id), chatID: ChatID(customer.id), firstName: customer.firstName, username: nil,
                        languageCode: "ru"),
                    tenant: h.context.id, now: FlowHarness.now)
                let booking = try await h.store.createBooking(
                    BookingRequest(
                        customer: UserID(customer.id), chat: ChatID(customer.id), service: h.services[0], masterID: master.id,
                        start: h.at(hour)),
                    tenant: h.context.id, maxActivePerCustomer: 10, now: FlowHarness.now)
                ids.insert(booking.id)
            }
        }
        return ids
    }

    @Test func aDayWith150BookingsIsPagedWithinTheLimits() async throws {
        let h = try await FlowHarness()
        let ids = try await Self.busyDay(h)
        #expect(ids.count == 150)
        var seen: Set<BookingID> = []
        for page in 0..<6 {
            let callback: AdminCallback = page == 0 ? .day(nil, FlowHarness.tomorrow) : .dayPage(nil, FlowHarness.tomorrow, page: page)
            let result = try await h.press(callback, as: FlowHarness.owner)
            #expect(result.calls.count == 2)  // the answer and one edit: each page is one message
            guard case .editMessageText(let edit)? = result.calls.last, let keyboard = edit.replyMarkup else {
                Issue.record("page \(page) is not one edited message")
                continue
            }
            #expect(edit.text.utf16.count <= Self.limit && keyboard.buttonCount <= MessageLimits.maxButtons)
            #expect(edit.text.split(separator: "\n").count { $0.hasPrefix("• ") } == 25)
            let buttons = keyboard.inlineKeyboard.flatMap { $0 }
            #expect(buttons.contains { $0.text == "Стр. \(page + 1) из 6" })
            #expect(buttons.contains { $0.text == "»" } == (page < 5) && buttons.contains { $0.text == "«" } == (page > 0))
            for button in buttons {
                if case .booking(let id)? = button.callbackData.flatMap(AdminCallback.init(data:)) { seen.insert(id) }
            }
        }
        #expect(seen == ids)
        // A page past the end shows the last one; an ordinary day has no pager.
        let beyond = try await h.press(.dayPage(nil, FlowHarness.tomorrow, page: 40), as: FlowHarness.owner)
        #expect(beyond.calls.flatMap(\.inlineButtons).contains { $0.text == "Стр. 6 из 6" })
        let quiet = try await h.press(.day(nil, FlowHarness.tomorrow.adding(days: 1)), as: FlowHarness.owner)
        #expect(quiet.calls.flatMap(\.inlineButtons).contains { $0.text == "›" })
        #expect(!quiet.calls.flatMap(\.inlineButtons).contains { $0.text.hasPrefix("Стр.") })
    }

    @Test func aRefusedAdminViewIsAnsweredAndACustomerMessageOrANoticeIsNot() async throws {
        let h = try await FlowHarness()
        try await h.addAdmins()
        let view = OutgoingCall.typed(.editMessageText(EditMessageText(chatID: 1, messageID: 9, text: "📅 …")))
        let notice = try await h.bot.refused(view, chat: 1, tenant: h.context)
        #expect(notice.sent(to: 1) == [AdminTexts.standard.render(.viewTooLong, .ru)])
        let mira = FlowHarness.masterUser
        // Her latest admin-side update was in English.
        _ = try await h.say("/admin", as: User(id: mira.id, firstName: mira.firstName, languageCode: "en"))
        let english = try await h.bot.refused(view, chat: mira.id, tenant: h.context)
        #expect(english.sent(to: mira.id) == [AdminTexts.standard.render(.viewTooLong, .en)])
        #expect(english.sent(to: mira.id).first?.hasPrefix("This view is too long to show") == true)
        #expect(try await h.bot.refused(view, chat: FlowHarness.customer.id, tenant: h.context).calls.isEmpty)
        let refusedNotice = OutgoingCall.json(
            method: "sendMessage", body: Array(try JSONEncoder().encode(SendMessage(chatID: 1, text: AdminTexts.standard.render(.viewTooLong, .ru))))
        )
        #expect(try await h.bot.refused(refusedNotice, chat: 1, tenant: h.context).calls.isEmpty)
        let answer = OutgoingCall.typed(.answerCallbackQuery(AnswerCallbackQuery(callbackQueryID: "q")))
        #expect(try await h.bot.refused(answer, chat: 1, tenant: h.context).calls.isEmpty)
    }
}
