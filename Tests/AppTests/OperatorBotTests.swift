import App
import BookingCore
import BotFlows
import Foundation
import Storage
import TelegramBotAPI
import Testing
import TelegramSandbox

/// The operator bot over HTTP through the Telegram sandbox: a platform bot served like a tenant's, for allow-listed
/// operator ids only.
@Suite("Operator bot", .serialized)
struct OperatorBotTests {
    static let operatorID: Int64 = 900_001

    static func run(_ body: @Sendable (LocalStack, BotToken) async throws -> Void) async throws {
        let box = SalesTokenBox()
        try await LocalStack.run(mode: .webhook, environment: ["ZAPIS_OPERATOR_IDS": "\(operatorID),900002"]) { sandbox in
            let token = await sandbox.registerBot(username: "zapis_operator_bot", firstName: "Operator")
            box.set(token)
            return ["ZAPIS_OPERATOR_BOT_TOKEN": token.rawValue]
        } _: { stack in
            let token = try #require(box.get())
            _ = try await stack.sandbox.waitForWebhookInfo(bot: token, timeout: .seconds(10)) { !$0.url.isEmpty }
            try await body(stack, token)
        }
    }

    @Test func theOperatorListsFindsSuspendsResumesPaysAndSeesStatsAllAudited() async throws {
        try await Self.run { stack, token in
            let op = stack.sandbox.user(Self.operatorID, firstName: "Op", languageCode: "en", bot: token)
            try await op.send("/start")
            try await op.waitForBotMessage(timeout: .seconds(10)) { $0.text == "Zapis operator." }
            try await op.press("🏢 Tenants")
            let list = try await op.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Tenants (2)") == true }
            // The platform bots' own rows are not tenants to the operator.
            #expect(list.inlineButtons.map(\.text).filter { $0.hasPrefix("salon_") }.count == 2)
            #expect(!list.inlineButtons.contains { $0.text.hasPrefix("zapis_") })
            try await op.press("🔎 Search")
            try await op.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("What to look for?") == true }
            try await op.send("beta")
            try await op.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Tenants (1)") == true }
            try await op.press("salon_beta — Salon salon_beta (trial)")
            let card = try await op.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("salon_beta — Salon salon_beta") == true }
            #expect(card.text?.contains("Plan: Trial") == true && card.text?.contains("@salon_beta_bot — healthy") == true)
            try await op.press("⏸ Suspend")
            try await op.waitForBotMessage(timeout: .seconds(10)) { $0.text == "salon_beta is suspended." }
            #expect(try await stack.stores.tenants.tenant(LocalStack.tenantB)?.profile.status == .suspended)
            try await op.press("« Menu")
            try await op.waitForBotMessage(timeout: .seconds(10)) { $0.text == "Zapis operator." }
            try await op.pressData("o:res:salon_beta", messageID: 1)
            try await op.waitForBotMessage(timeout: .seconds(10)) { $0.text == "salon_beta serves again." }
            #expect(try await stack.stores.tenants.tenant(LocalStack.tenantB)?.profile.status == .active)
            let before = try #require(try await stack.stores.billing.subscription(LocalStack.tenantB)).paidUntil
            try await op.pressData("o:pay:salon_beta", messageID: 1)
            try await op.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Payment for salon_beta") == true }
            try await op.send("12x 90 bank")
            try await op.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("I did not get that") == true }
            try await op.send("799.00 90 bank 42")
            try await op.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Payment 799.00 RUB recorded") == true }
            let after = try #require(try await stack.stores.billing.subscription(LocalStack.tenantB)).paidUntil
            #expect(abs(after.timeIntervalSince(max(Date(), before).addingTimeInterval(90 * 86_400))) < 60)
            try await op.pressData("o:stats", messageID: 1)
            let stats = try await op.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Tenants by status") == true }
            #expect(stats.text?.contains("MRR: 266.33") == true, "799 per 90 days is 266.33 per 30")
            #expect(stats.text?.contains("Revenue, last 30 days: 799.00") == true)
            #expect(stats.text?.contains("Trials ending this week: 1") == true)
            let audit = try await stack.stores.tenants.operatorAudit(tenant: nil, limit: 50).filter { $0.actor == "telegram:\(Self.operatorID)" }
            let actions = Set(audit.map(\.action))
            for action in [
                "operator-bot.menu", "operator-bot.list", "operator-bot.search", "operator-bot.card", "tenant.suspend", "tenant.resume",
                "operator-bot.payment-form", "billing.manual-payment", "operator-bot.stats",
            ] { #expect(actions.contains(action), "\(action) audited") }
        }
    }

    /// Every action of the operator bot, tried by someone not on the allow list (with real arguments): no message,
    /// no answer to a press, no change, no audit entry.
    @Test func aNonOperatorGetsNothingFromEveryAction() async throws {
        try await Self.run { stack, token in
            let stranger = stack.sandbox.user(123_456, firstName: "Mallory", languageCode: "en", bot: token)
            let before = try await stack.stores.tenants.allTenants()
            for verb in OperatorActions.verbs {
                for argument in ["", ":0", ":salon_alpha", ":salon_beta"] { try await stranger.pressData("o:\(verb)\(argument)", messageID: 1) }
            }
            for text in OperatorActions.messages { try await stranger.send(text) }
            // The allow-listed operator's update after all of those is answered: the stranger's were processed first.
            let op = stack.sandbox.user(Self.operatorID, firstName: "Op", languageCode: "en", bot: token)
            try await op.send("/start")
            try await op.waitForBotMessage(timeout: .seconds(10)) { $0.text == "Zapis operator." }
            try await Task.sleep(for: .milliseconds(500))
            #expect(await stranger.transcript().filter(\.fromBot).isEmpty)
            #expect(await stranger.callbackAnswers().isEmpty)
            #expect(try await stack.stores.tenants.allTenants() == before)
            #expect(try await stack.stores.billing.payments(tenant: nil, limit: 10).isEmpty)
            #expect(try await stack.stores.tenants.operatorAudit(tenant: nil, limit: 100).allSatisfy { $0.actor != "telegram:123456" })
        }
    }
}
