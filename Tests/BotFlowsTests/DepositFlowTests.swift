import BookingCore
@testable import BotFlows
import Foundation
import Storage
import TelegramBotAPI
import Testing

/// Deposits in the flows (issue 22, part 2): a deposit service is booked held with an invoice; pre-checkout and payment
/// are checked against our own deposit row; hostile payloads, amounts, currencies, payers and tenants are refused.
@Suite("Deposit flows")
struct DepositFlowTests {
    static let customer = FlowHarness.user(700)

    /// A harness whose first service asks a 500 ₽ deposit, taken in `mode`; the customer's held booking and its invoice.
    static func held(_ mode: PaymentMode = .stars) async throws -> (FlowHarness, Booking, SendInvoice, FlowResult) {
        var h = try await FlowHarness()
        var service = h.services[0]
        service.deposit = .fixed(minorUnits: 50_000)
        h.services[0] = await h.store.saveService(service, tenant: h.context.id)
        await h.store.setPaymentMode(mode, tenant: h.context.id, now: FlowHarness.now)
        _ = try await h.say("/start", as: Self.customer)
        let data = CallbackAction.confirm(service.id, h.master.id, epochMinute: h.at(10).epochMinute).data
        let result = try await h.result(FlowHarness.press(data, from: Self.customer, updateID: 3))
        let booking = try #require(await h.store.bookings(of: UserID(Self.customer.id), tenant: h.context.id).last)
        let invoice = try #require(result.calls.compactMap { if case .sendInvoice(let i) = $0 { i } else { nil } }.first)
        return (h, booking, invoice, result)
    }

    static func preCheckout(_ payload: String, amount: Int64, currency: String, from user: User = customer, id: Int64 = 10) -> Update {
        Update(
            updateID: id, preCheckoutQuery: PreCheckoutQuery(id: "q\(id)", from: user, currency: currency, totalAmount: amount, invoicePayload: payload))
    }

    static func payment(_ payload: String, amount: Int64, currency: String, charge: String, from user: User = customer, id: Int64 = 20) -> Update {
        let paid = SuccessfulPayment(
            currency: currency, totalAmount: amount, invoicePayload: payload, telegramPaymentChargeID: charge, providerPaymentChargeID: "")
        return Update(updateID: id, message: Message(messageID: id, from: user, chat: Chat(id: user.id), date: 1_796_000_000, successfulPayment: paid))
    }

    static func answer(_ calls: [BotCall]) -> AnswerPreCheckoutQuery? {
        calls.compactMap { if case .answerPreCheckoutQuery(let a) = $0 { a } else { nil } }.first
    }

    @Test func aDepositServiceIsHeldWithAnInvoiceAndATimer() async throws {
        let (h, booking, invoice, result) = try await Self.held()
        #expect(booking.status == .held && booking.holdUntil == FlowHarness.now.addingTimeInterval(15 * 60))
        #expect(invoice.payload == "deposit:\(booking.id)" && invoice.currency == "XTR" && invoice.providerToken.isEmpty)
        #expect(invoice.prices.map(\.amount) == [500])
        #expect(result.timers.map(\.due) == [FlowHarness.now.addingTimeInterval(15 * 60)])
        #expect(result.scheduled.isEmpty)  // reminders wait for the payment
        #expect(await h.store.deposit(of: booking.id, tenant: h.context.id)?.status == .pending)
        // A provider invoice waits in the outbox with a marker, never the token.
        let (_, _, money, _) = try await Self.held(.provider(sealedToken: [1, 2, 3]))
        #expect(money.currency == "RUB" && money.prices.map(\.amount) == [50_000] && money.providerToken == SendInvoice.tenantProviderToken)
    }

    @Test func forgedOrWrongPreCheckoutsAreRefusedAndTheRightOneAccepted() async throws {
        let (h, booking, invoice, _) = try await Self.held()
        let stranger = FlowHarness.user(701)
        let hostile: [Update] = [
            Self.preCheckout("deposit:999999", amount: 500, currency: "XTR"),
            Self.preCheckout("order:\(booking.id)", amount: 500, currency: "XTR"),
            Self.preCheckout(invoice.payload, amount: 1, currency: "XTR"),
            Self.preCheckout(invoice.payload, amount: .max, currency: "XTR"),
            Self.preCheckout(invoice.payload, amount: -500, currency: "XTR"),
            Self.preCheckout(invoice.payload, amount: 500, currency: "RUB"),
            Self.preCheckout(invoice.payload, amount: 500, currency: "XTR", from: stranger),
            Self.preCheckout(String(repeating: "d", count: 5_000), amount: 500, currency: "XTR"),
        ]
        for update in hostile {
            let answer = try #require(Self.answer(try await h.handle(update)))
            #expect(answer.ok == false && answer.errorMessage == "Этот счёт больше не действует. Оплата не списана.", "\(update)")
        }
        let good = try #require(Self.answer(try await h.handle(Self.preCheckout(invoice.payload, amount: 500, currency: "XTR"))))
        #expect(good.ok && good.errorMessage == nil)
        // Accepting keeps the hold at least 10 minutes from now (here the hold itself ends later).
        #expect(await h.store.booking(booking.id, tenant: h.context.id)?.holdUntil == FlowHarness.now.addingTimeInterval(15 * 60))
    }

    @Test func anotherTenantsOrderIsNotOurs() async throws {
        let (h, _, invoice, _) = try await Self.held()
        let other = TenantRecord(
            profile: TenantProfile(id: TenantID("other_salon")!, name: "Other", status: .active), encryptedToken: [], botID: 7_000_000_002,
            botUsername: "other_bot", ownerID: UserID(1), createdAt: FlowHarness.now)
        try await h.store.insertTenant(other)
        let context = TenantContext(record: other)
        let asked = try await FlowHarness.handle(Self.preCheckout(invoice.payload, amount: 500, currency: "XTR"), bot: h.bot, context: context, store: h.store)
        #expect(Self.answer(asked.calls)?.ok == false)
        // A payment naming it there confirms nothing here, and the Stars go back.
        let paid = try await FlowHarness.handle(
            Self.payment(invoice.payload, amount: 500, currency: "XTR", charge: "c1"), bot: h.bot, context: context, store: h.store)
        #expect(paid.calls.contains { if case .refundStarPayment(let r) = $0 { r.telegramPaymentChargeID == "c1" } else { false } })
    }

    @Test func thePaymentConfirmsOnceAndAMismatchIsGivenBack() async throws {
        let (h, booking, invoice, _) = try await Self.held()
        // Paid by someone else, or a different sum: not ours to keep, the booking stays held.
        let wrong = try await h.result(Self.payment(invoice.payload, amount: 499, currency: "XTR", charge: "w1", id: 19))
        #expect(wrong.calls.contains { if case .refundStarPayment(let r) = $0 { r.telegramPaymentChargeID == "w1" && r.userID == 700 } else { false } })
        #expect(await h.store.booking(booking.id, tenant: h.context.id)?.status == .held)
        let paid = try await h.result(Self.payment(invoice.payload, amount: 500, currency: "XTR", charge: "c1"))
        #expect(paid.calls.compactMap(\.sentText).contains { $0.hasPrefix("✅ Вы записаны!") })
        #expect(!paid.scheduled.isEmpty)  // reminders now
        #expect(!paid.notices.isEmpty)  // the owner hears of it
        #expect(await h.store.booking(booking.id, tenant: h.context.id)?.status == .confirmed)
        let again = try await h.result(Self.payment(invoice.payload, amount: 500, currency: "XTR", charge: "c1", id: 21))
        #expect(again.calls.isEmpty && again.scheduled.isEmpty && again.notices.isEmpty)
        #expect(await h.store.deposit(of: booking.id, tenant: h.context.id)?.telegramChargeID == "c1")
    }

    @Test func anExpiredHoldRefusesThePreCheckoutClearly() async throws {
        let (h, booking, invoice, result) = try await Self.held()
        let timer = try #require(result.timers.first)
        let later = FlowHarness.now.addingTimeInterval(16 * 60)
        let bot = CustomerBot(environment: FlowEnvironment(stores: Stores(h.store), now: { later }))
        let fired = try await bot.fire(timer, tenant: h.context)
        #expect(fired.calls.compactMap(\.sentText).contains { $0.hasPrefix("⌛ Предоплата не поступила вовремя") })
        #expect(await h.store.booking(booking.id, tenant: h.context.id)?.status == .cancelled(by: .expired, reason: nil))
        let asked = try await FlowHarness.handle(Self.preCheckout(invoice.payload, amount: 500, currency: "XTR"), bot: bot, context: h.context, store: h.store)
        let answer = try #require(Self.answer(asked.calls))
        #expect(answer.ok == false && answer.errorMessage == "Время брони истекло, запись снята. Запишитесь снова — оплата не списана.")
    }
}
