import BookingCore
@testable import BotFlows
import Foundation
import Storage
import TelegramBotAPI
import Testing

/// Customer texts produced outside an ordinary update use the tenant's overrides too (issue 17, item 7).
@Suite("Template overrides outside updates")
struct TemplateOverrideFlowTests {
    @Test func theRateLimitNoticeUsesTheTenantsTemplate() async throws {
        let h = try await FlowHarness()
        await h.store.setTextOverride(key: "rateLimited", language: "ru", template: "Помедленнее, пожалуйста 🙏", tenant: h.context.id)
        let message = try await h.bot.limited(FlowHarness.text("спам"), tenant: h.context, notify: true)
        #expect(message.calls.first?.sentText == "Помедленнее, пожалуйста 🙏")
        let press = try await h.bot.limited(FlowHarness.press("s"), tenant: h.context, notify: true)
        #expect(press.calls == [.answerCallbackQuery(AnswerCallbackQuery(callbackQueryID: "cb2", text: "Помедленнее, пожалуйста 🙏"))])
        // Silent refusals stay silent.
        #expect(try await h.bot.limited(FlowHarness.text("спам"), tenant: h.context, notify: false).calls.isEmpty)
    }
}
