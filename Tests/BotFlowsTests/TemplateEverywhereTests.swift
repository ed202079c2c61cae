import BookingCore
import Foundation
import Storage
import TelegramBotAPI
import Testing

@testable import BotFlows

/// Every customer-visible text comes from the editable catalog (issue 17, item 7): notices of staff changes, menu
/// labels, command descriptions and the lines the flows assemble.
@Suite("Templates everywhere")
struct TemplateEverywhereTests {
    static let english = FlowHarness.user(500, language: "en")

    @Test func staffNoticesUseTheTenantsTemplatesInTheCustomersLanguage() async throws {
        let h = try await FlowHarness()
        let tenant = h.context.id
        await h.store.setTextOverride(
            key: "noticeCancelled", language: "ru", template: "Увы, {service} {when} отменено. {contact}", tenant: tenant)
        await h.store.setTextOverride(
            key: "noticeCancelled", language: "en", template: "Sorry: {service} on {when} is off.", tenant: tenant)
        await h.store.setTextOverride(key: "noticeReason", language: "ru", template: "Почему: {reason}", tenant: tenant)
        await h.store.setTextOverride(key: "noticeMoved", language: "en", template: "Moved {service}: {old} → {new}", tenant: tenant)
        let russian = try await h.book(h.at(10))
        let english = try await h.book(h.at(12), customer: Self.english)
        let cancelled = try await h.press(.cancel(russian.id), as: FlowHarness.owner)
        #expect(cancelled.sent(to: FlowHarness.customer.id) == ["Увы, Стрижка 1 декабря, вт, 10:00 отменено. +7 900 000-00-00"])
        let moved = try await h.press(.moveConfirm(english.id, epochMinute: h.at(14).epochMinute), as: FlowHarness.owner)
        #expect(moved.sent(to: 500) == ["Moved Стрижка: Tue, December 1, 12:00 → Tue, December 1, 14:00"])
        // A block over the moved booking: the English notice, the Russian reason template is not the English one.
        let from = h.at(13).epochMinute
        let to = h.at(16).epochMinute
        _ = try await h.press(.blockPreview(nil, from: from, to: to), as: FlowHarness.owner)
        _ = try await h.say("Master ill", as: FlowHarness.owner)
        let blocked = try await h.press(.blockConfirm(nil, from: from, to: to), as: FlowHarness.owner)
        #expect(blocked.sent(to: 500) == ["Sorry: Стрижка on Tue, December 1, 14:00 is off.\nReason: Master ill"])
    }

    @Test func anEditedMenuLabelIsRecognisedAndTheDefaultLabelStillWorks() async throws {
        let h = try await FlowHarness()
        #expect(Texts.editableKeys.contains(.menuBook) && Texts.editableKeys.contains(.commandHelp))
        _ = try await h.press(.textEdit(.menuBook, .ru), as: FlowHarness.owner)
        let saved = try await h.say("🗓 Хочу записаться", as: FlowHarness.owner)
        #expect(saved.sent(to: 1).first?.hasPrefix("✅ Сохранено.") == true)
        let start = try await h.result(FlowHarness.text("/start"))
        let menu = try #require(
            start.calls.first.flatMap { call -> ReplyKeyboardMarkup? in
                if case .sendMessage(let m) = call, case .reply(let k) = m.replyMarkup { k } else { nil }
            })
        #expect(menu.keyboard.first?.first?.text == "🗓 Хочу записаться")
        for label in ["🗓 Хочу записаться", "📅 Записаться"] {
            let pressed = try await h.result(FlowHarness.text(label))
            #expect(pressed.calls.first?.sentText?.hasPrefix("Выберите услугу:") == true, "\(label)")
        }
        // The other labels and unknown text behave as before.
        #expect(try await h.result(FlowHarness.text("ℹ️ О нас")).calls.first?.sentText?.hasPrefix("Салон «Ромашка»") == true)
        #expect(try await h.result(FlowHarness.text("🗓 Хочу")).calls.first?.sentText?.hasPrefix("Я понимаю кнопки меню") == true)
    }

    @Test func menuLabelsAndCommandDescriptionsAreCheckedWhenSaved() async throws {
        let h = try await FlowHarness()
        _ = try await h.press(.textEdit(.menuAbout, .en), as: FlowHarness.owner)
        for (typed, reply) in [
            ("📅 Записаться", "Такая надпись уже есть у другой кнопки меню"),
            ("Two\nlines", "Кнопка меню и описание команды — одна строка"),
            (String(repeating: "x", count: 65), "Текст должен быть от 1 до 64 символов"),
            ("About {business}", "Неизвестные подстановки: {business}"),
        ] {
            #expect(try await h.say(typed, as: FlowHarness.owner).sent(to: 1).first?.hasPrefix(reply) == true, "\(typed)")
        }
        // A typed "/…" is a command, never an input; a label like it is refused all the same.
        #expect(Texts.standard.validate("/about", for: .menuAbout) == .labelTaken)
        #expect(Texts.standard.validate("ℹ️ О нас", for: .menuAbout) == nil)
        _ = try await h.press(.textEdit(.commandHelp, .en), as: FlowHarness.owner)
        let long = try await h.say(String(repeating: "h", count: 257), as: FlowHarness.owner)
        #expect(long.sent(to: 1).first?.hasPrefix("Текст должен быть от 1 до 256 символов") == true)
        #expect(await h.store.textOverrides(h.context.id).isEmpty)
        #expect(long.calls.allSatisfy { if case .setMyCommands = $0 { false } else { true } })
    }

    @Test func aCommandDescriptionEditSendsTheCommandMenusAgain() async throws {
        let h = try await FlowHarness()
        _ = try await h.press(.textEdit(.commandHelp, .en), as: FlowHarness.owner)
        let saved = try await h.say(String(repeating: "h", count: 256), as: FlowHarness.owner)
        let menus = saved.calls.compactMap { if case .setMyCommands(let m) = $0 { m } else { nil } }
        try #require(menus.map(\.languageCode) == ["ru", "en", nil])
        #expect(menus[1].commands.first { $0.command == "help" }?.description == String(repeating: "h", count: 256))
        #expect(menus[0].commands.first { $0.command == "help" }?.description == "Помощь")
        #expect(await h.bot.commandMenus(for: h.context.id) == menus)
        let reset = try await h.press(.textReset(.commandHelp, .en), as: FlowHarness.owner)
        let again = reset.calls.compactMap { if case .setMyCommands(let m) = $0 { m } else { nil } }
        #expect(again.count == 3 && again[1].commands.first { $0.command == "help" }?.description == "Help")
        // Any other text leaves the command menus alone.
        _ = try await h.press(.textEdit(.greeting, .en), as: FlowHarness.owner)
        let other = try await h.say("Hi {name}", as: FlowHarness.owner)
        #expect(other.calls.allSatisfy { if case .setMyCommands = $0 { false } else { true } })
    }

    @Test func linesTheFlowsAssembleComeFromTheCatalog() async throws {
        let h = try await FlowHarness()
        let tenant = h.context.id
        let overrides = [
            ("serviceButton", "{price} — {service}"), ("bookingLine", "→ {service} @ {time}"), ("aboutServiceLine", "* {service}"),
            ("dateTime", "{time} {date}"), ("noticeCancelled", "X {when}"),
        ]
        for (key, template) in overrides { await h.store.setTextOverride(key: key, language: "ru", template: template, tenant: tenant) }
        let services = try await h.result(FlowHarness.text("/book"))
        #expect(services.calls.flatMap(\.inlineButtons).contains { $0.text.hasSuffix("— Стрижка") })
        let booking = try await h.book(h.at(10))
        #expect(try await h.result(FlowHarness.text("/my")).calls.first?.sentText?.contains("→ Стрижка @ 10:00") == true)
        #expect(try await h.result(FlowHarness.text("ℹ️ О нас")).calls.first?.sentText?.contains("* Стрижка") == true)
        let cancelled = try await h.press(.cancel(booking.id), as: FlowHarness.owner)
        #expect(cancelled.sent(to: FlowHarness.customer.id) == ["X 10:00 1 декабря, вт"])
    }
}
