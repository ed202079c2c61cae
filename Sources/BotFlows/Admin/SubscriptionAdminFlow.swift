import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// The owner's subscription in the admin panel: plan and paid-until, and renewal by any purchasable plan. Renewing
/// stores a pending payment in the press's transaction and gives its pay link (YooKassa's payment is created when the
/// link is opened; the verified payment extends `paid_until` through the one apply path).
struct SubscriptionAdminFlow: Sendable {
    let session: AdminSession
    let billing: any BillingStore
    var payURL: @Sendable (PaymentID) -> String? = { _ in nil }

    func show(reply: inout Reply) async throws {
        let tenant = reply.tenant
        let subscription = try await billing.subscription(tenant.id)
        let plans = try await billing.plans()
        let language = reply.language
        func render(_ key: SubscriptionTextKey, _ values: [String: String] = [:]) -> String { SubscriptionTexts.standard.render(key, language, values) }
        var text: String
        if let subscription {
            let day = tenant.calendar.localDate(of: subscription.paidUntil)
            let plan = plans.first { $0.code == subscription.plan }?.name(language.rawValue) ?? subscription.plan.rawValue
            let state = subscription.state(at: session.now, grace: 0) == .expired ? render(.expired) : ""
            text = render(.card, ["plan": plan, "until": String(format: "%02d.%02d.%04d", day.day, day.month, day.year), "state": state])
        } else {
            text = render(.noSubscription)
        }
        text += "\n\n" + render(.choose)
        let rows = plans.filter(\.isPurchasable).map { plan in
            [
                InlineKeyboardButton(
                    text: render(.renewButton, ["plan": plan.name(language.rawValue), "price": MoneyAmount(minor: plan.priceMinor).decimal, "currency": plan.currency]),
                    callbackData: AdminCallback.business(.renew(plan.code)).data)
            ]
        }
        reply.show(text, keyboard: InlineKeyboardMarkup(rows + [[reply.button(.toPanel, .panel)]]))
    }

    func renew(_ code: PlanCode, reply: inout Reply) async throws {
        let language = reply.language
        func render(_ key: SubscriptionTextKey, _ values: [String: String] = [:]) -> String { SubscriptionTexts.standard.render(key, language, values) }
        guard let plan = try await billing.plans().first(where: { $0.code == code && $0.isPurchasable }) else {
            return reply.answer(render(.planGone), alert: true)
        }
        let payment = try await billing.createPayment(
            PaymentRecord(
                tenant: reply.tenant.id, plan: plan.code, amount: MoneyAmount(minor: plan.priceMinor), currency: plan.currency,
                periodDays: plan.periodDays, provider: .yookassa, reference: "Zapis: \(plan.nameEN) (renewal)", createdAt: session.now))
        guard let url = payURL(payment.id) else { return reply.send(render(.paymentsOff)) }
        let values = ["plan": plan.name(language.rawValue), "price": MoneyAmount(minor: plan.priceMinor).decimal, "currency": plan.currency]
        reply.send(render(.payLink, values), markup: .inline(InlineKeyboardMarkup([[InlineKeyboardButton(text: render(.payButton, values), url: url)]])))
    }
}

/// The subscription's texts in the admin panel and on the expiry warnings' button.
public enum SubscriptionTextKey: String, TextCatalogKey {
    case panelButton, card, expired, noSubscription, choose, renewButton, planGone, paymentsOff, payLink, payButton

    public static let russian: [SubscriptionTextKey: String] = [
        .panelButton: "💳 Подписка", .card: "💳 Подписка: {plan}\nОплачено до {until}{state}", .expired: " — истекла",
        .noSubscription: "💳 Бот подключён без подписки (не истекает).", .choose: "Продлить:",
        .renewButton: "{plan} — {price} {currency}", .planGone: "Этот тариф больше не продаётся.",
        .paymentsOff: "Оплата сейчас недоступна. Напишите оператору Zapis.",
        .payLink: "Продление: {plan} — {price} {currency}. Оплатите по ссылке; срок продлится сразу после оплаты.",
        .payButton: "Оплатить {price} {currency}",
    ]

    public static let english: [SubscriptionTextKey: String] = [
        .panelButton: "💳 Subscription", .card: "💳 Subscription: {plan}\nPaid until {until}{state}", .expired: " — expired",
        .noSubscription: "💳 The bot is connected without a subscription (it does not expire).", .choose: "Renew:",
        .renewButton: "{plan} — {price} {currency}", .planGone: "This plan is no longer sold.",
        .paymentsOff: "Payments are not available right now. Please write to the Zapis operator.",
        .payLink: "Renewal: {plan} — {price} {currency}. Pay with the link; the subscription is extended as soon as it is paid.",
        .payButton: "Pay {price} {currency}",
    ]
}

/// The subscription's texts.
public typealias SubscriptionTexts = TextCatalog<SubscriptionTextKey>

/// The Renew button of an expiry warning: it opens the subscription in the admin panel (the owner's role is checked
/// when pressed, like every admin button).
public enum RenewButton {
    /// The button in `language` (`ru` or `en`).
    public static func button(language: String) -> InlineKeyboardButton {
        InlineKeyboardButton(
            text: SubscriptionTexts.standard.render(.panelButton, Language(rawValue: language) ?? .ru),
            callbackData: AdminCallback.business(.subscription).data)
    }
}
