import App
import BookingCore
import Foundation
import Storage
import Testing
import TelegramSandbox
import YooKassaSandbox

/// Renewal from the tenant's own admin panel through both sandboxes: the owner sees plan and paid-until, picks a
/// plan, opens the pay link, pays on YooKassa's page, and the subscription is extended by the verified payment.
@Suite("Renewal from the admin panel", .serialized)
struct RenewalTests {
    @Test func theOwnerRenewsFromThePanelAndTheVerifiedPaymentExtends() async throws {
        try await PaymentNotificationTests.run { stack, yookassa, _ in
            let a = LocalStack.tenantA
            let before = try await PaymentNotificationTests.paidUntil(stack)
            let owner = stack.user(1, of: a)
            try await owner.send("/admin")
            try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.inlineButton("💳 Подписка") != nil }
            try await owner.press("💳 Подписка")
            let card = try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("💳 Подписка: Пробный период") == true }
            #expect(card.text?.contains("Оплачено до") == true)
            try await owner.press("3 месяца — 799.00 RUB")
            let offer = try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Продление: 3 месяца") == true }
            let link = try #require(offer.inlineButtons.first?.url)
            #expect(try await SalesPage.payOnConfirmationPage(link, yookassa: yookassa) == 200)
            var after = before
            for _ in 0..<100 where after == before {
                after = try await PaymentNotificationTests.paidUntil(stack)
                if after == before { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(after == before.addingTimeInterval(90 * 86_400))
            #expect(try await stack.stores.tenants.tenant(a)?.profile.status == .active)
            // Opening the link again after paying creates nothing new: it says the payment is done.
            #expect(try await SalesPage.payOnConfirmationPage(link, yookassa: yookassa) == 200)
            #expect(yookassa.payments().count == 1)
            #expect(try await PaymentNotificationTests.paidUntil(stack) == after)
        }
    }

    /// A manager (not an owner) does not see the subscription and a forged press is refused.
    @Test func aManagerCannotRenew() async throws {
        try await PaymentNotificationTests.run { stack, _, _ in
            let customer = stack.user(77, of: LocalStack.tenantA)
            try await customer.send("/start")
            try await customer.waitForBotMessage(timeout: .seconds(10))
            try await customer.pressData("abr:m3", messageID: 1)
            try await customer.waitUntilAllPressesAnswered(timeout: .seconds(10))
            #expect(try await stack.stores.billing.payments(tenant: LocalStack.tenantA, limit: 10).isEmpty)
        }
    }
}
