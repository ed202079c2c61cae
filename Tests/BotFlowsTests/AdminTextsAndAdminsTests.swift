import BookingCore
@testable import BotFlows
import Foundation
import Storage
import TelegramBotAPI
import Testing

@Suite("Admin texts and admins")
struct AdminTextsAndAdminsTests {
    @Test func anEditedTemplateIsWhatCustomersSeeAndResetRestoresIt() async throws {
        let h = try await FlowHarness()
        _ = try await h.press(.textEdit(.greeting, .ru), as: FlowHarness.owner)
        let unknown = try await h.say("Привет, {name}! {price}", as: FlowHarness.owner)
        #expect(unknown.sent(to: 1).first?.hasPrefix("Неизвестные подстановки: {price}. Можно: {name} {business}") == true)
        let braces = try await h.say("Привет, {name!", as: FlowHarness.owner)
        #expect(braces.sent(to: 1).first?.hasPrefix("Непарные фигурные скобки") == true)
        #expect(await h.store.textOverrides(h.context.id).isEmpty)
        let saved = try await h.say("Добрый день, {name}! Это {business}.", as: FlowHarness.owner)
        #expect(saved.sent(to: 1).first?.hasPrefix("✅ Сохранено.") == true)
        let greeting = try await h.say("/start", as: FlowHarness.customer)
        #expect(greeting.sent(to: FlowHarness.customer.id).first?.hasPrefix("Добрый день, Анна! Это Салон «Ромашка».") == true)
        // Other languages keep the default.
        let english = try await h.say("/start", as: FlowHarness.user(500, language: "en"))
        #expect(english.sent(to: 500).first?.hasPrefix("Hello, Анна!") == true)
        let entry = try #require(await h.audit().first)
        #expect(entry.action == "texts.edit" && entry.target == "text:greeting:ru" && entry.newValue == "Добрый день, {name}! Это {business}.")
        #expect(entry.oldValue?.hasPrefix("Здравствуйте, {name}!") == true)
        _ = try await h.press(.textReset(.greeting, .ru), as: FlowHarness.owner)
        let again = try await h.say("/start", as: FlowHarness.customer)
        #expect(again.sent(to: FlowHarness.customer.id).first?.hasPrefix("Здравствуйте, Анна!") == true)
        #expect(await h.audit().first?.action == "texts.reset")
    }

    @Test func templateValidation() {
        let texts = Texts.standard
        #expect(texts.validate("Hi {name}", for: .greeting) == nil)
        #expect(texts.validate("", for: .greeting) == .length)
        #expect(texts.validate(String(repeating: "x", count: 2_001), for: .greeting) == .length)
        #expect(texts.validate("Hi {name", for: .greeting) == .braces)
        #expect(texts.validate("Hi name}", for: .greeting) == .braces)
        #expect(texts.validate("Hi {na me}", for: .greeting) == .braces)
        #expect(texts.validate("{service} {x}", for: .greeting) == .unknownPlaceholders(["service", "x"]))
        #expect(Texts.editableKeys == TextKey.allCases)
    }

    @Test func ownersAddChangeAndRemoveAdminsButNeverTheLastOwner() async throws {
        let h = try await FlowHarness()
        _ = try await h.press(.adminAdd, as: FlowHarness.owner)
        let bad = try await h.say("not a number", as: FlowHarness.owner)
        #expect(bad.sent(to: 1).first?.hasPrefix("Это не Telegram id") == true)
        let added = try await h.say("555", as: FlowHarness.owner)
        #expect(added.sent(to: 555).first?.hasPrefix("Теперь вы администратор «Салон «Ромашка»» (мастер)") == true)
        #expect(await h.store.admins(h.context.id).map(\.role) == [.owner, .master])
        _ = try await h.press(.adminRole(UserID(555), .manager), as: FlowHarness.owner)
        #expect(await h.store.admins(h.context.id).last?.role == .manager)
        // The new manager opens the panel but not the admins list.
        #expect(try await h.say("/admin", as: User(id: 555, firstName: "N")).sent(to: 555).first?.contains("менеджер") == true)
        #expect(try await h.press(.admins, as: User(id: 555, firstName: "N")).answer?.text == "Ваша роль не позволяет это сделать.")
        // The only owner can be neither demoted nor removed.
        let demote = try await h.press(.adminRole(UserID(1), .manager), as: FlowHarness.owner)
        #expect(demote.answer?.text == "Последнего владельца нельзя удалить или понизить.")
        let remove = try await h.press(.adminRemove(UserID(1)), as: FlowHarness.owner)
        #expect(remove.answer?.text == "Последнего владельца нельзя удалить или понизить.")
        // With a second owner the first may step down.
        _ = try await h.press(.adminRole(UserID(555), .owner), as: FlowHarness.owner)
        _ = try await h.press(.adminRemove(UserID(1)), as: FlowHarness.owner)
        #expect(await h.store.admins(h.context.id).map(\.userID) == [UserID(555)])
        #expect(try await h.say("/admin", as: FlowHarness.owner).sent(to: 1) == ["Эта команда — для администраторов."])
        let actions = await h.audit().map(\.action)
        #expect(actions.contains("admins.add") && actions.contains("admins.role") && actions.contains("admins.remove"))
    }
}
