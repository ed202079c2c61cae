import BookingCore
@testable import BotFlows
import Foundation
import Storage
import TelegramBotAPI
import Testing

/// The owner sets deposits in the panel (issue 22, part 2): a service's deposit (bounded), the payment method (a provider
/// token sealed and never shown back, or Stars) and the hold; the dashboard shows deposits taken and refunded.
@Suite("Admin deposits")
struct AdminDepositTests {
    static let owner = FlowHarness.owner

    /// The harness's bot, able to seal secrets (here: reversing the bytes, enough to see the clear token is not kept).
    static func sealing(_ h: FlowHarness) -> CustomerBot {
        CustomerBot(environment: FlowEnvironment(stores: Stores(h.store), now: { FlowHarness.now }, seal: { Array($0.utf8.reversed()) }))
    }

    static func say(_ text: String, _ h: FlowHarness, _ bot: CustomerBot) async throws -> FlowResult {
        try await FlowHarness.handle(FlowHarness.text(text, from: owner), bot: bot, context: h.context, store: h.store)
    }

    static func press(_ callback: AdminCallback, _ h: FlowHarness, _ bot: CustomerBot) async throws -> FlowResult {
        try await FlowHarness.handle(FlowHarness.press(callback.data, from: owner), bot: bot, context: h.context, store: h.store)
    }

    @Test func aServiceDepositIsTypedAndBounded() async throws {
        let h = try await FlowHarness()
        try await h.addAdmins()
        let id = h.services[0].id
        for bad in ["101%", "0%", "-5%", "abc", "99999999999", "1e9", "10000001", "50,555", String(repeating: "9", count: 500)] {
            _ = try await h.press(.business(.serviceEdit(id, .deposit)), as: Self.owner)
            let refused = try await h.say(bad, as: Self.owner)
            #expect(refused.sent(to: 1).first?.hasPrefix("Такое значение не подходит.") == true, "\(bad)")
        }
        #expect(await h.store.services(h.context.id).first { $0.id == id }?.deposit == nil)
        _ = try await h.press(.business(.serviceEdit(id, .deposit)), as: Self.owner)
        let percent = try await h.say("30%", as: Self.owner)
        #expect(percent.shown?.contains("Предоплата: 30%") == true)
        _ = try await h.press(.business(.serviceEdit(id, .deposit)), as: Self.owner)
        let fixed = try await h.say("500", as: Self.owner)
        #expect(fixed.shown?.contains("Предоплата: 500\u{00A0}₽") == true)
        #expect(await h.store.services(h.context.id).first { $0.id == id }?.deposit == .fixed(minorUnits: 50_000))
        _ = try await h.press(.business(.serviceEdit(id, .deposit)), as: Self.owner)
        _ = try await h.say("-", as: Self.owner)
        #expect(await h.store.services(h.context.id).first { $0.id == id }?.deposit == nil)
    }

    @Test func theProviderTokenIsSealedAndNeverShownBack() async throws {
        let h = try await FlowHarness()
        try await h.addAdmins()
        let bot = Self.sealing(h)
        let token = "381764678:TEST:100500abc"
        // Managers do not touch payments.
        let refused = try await FlowHarness.handle(
            FlowHarness.press(AdminCallback.business(.policyEdit(.payments)).data, from: FlowHarness.manager), bot: bot, context: h.context, store: h.store)
        #expect(refused.answer?.showAlert == true)
        for bad in ["12345", "381764678:PROD:x", "abc:TEST:x", "381764678:TEST:", "381764678:TEST:a b", String(repeating: "1", count: 300) + ":TEST:x"] {
            _ = try await Self.press(.business(.policyEdit(.payments)), h, bot)
            #expect(try await Self.say(bad, h, bot).sent(to: 1).first?.hasPrefix("Такое значение не подходит.") == true, "\(bad)")
        }
        _ = try await Self.press(.business(.policyEdit(.payments)), h, bot)
        let saved = try await Self.say(token, h, bot)
        // The message holding the token leaves the chat at once.
        #expect(saved.calls.contains { if case .deleteMessage(let m) = $0 { m.chatID == 1 } else { false } })
        let card = try #require(saved.shown)
        #expect(card.contains("платёжный провайдер (токен сохранён, скрыт)") && !card.contains("100500"))
        #expect(await h.store.paymentMode(h.context.id) == .provider(sealedToken: Array(token.utf8.reversed())))
        let audit = try #require(await h.audit().first { $0.target == "policy:payments" })
        #expect(audit.newValue == "provider" && !(audit.oldValue ?? "").contains("100500"))
        _ = try await Self.press(.business(.policyEdit(.payments)), h, bot)
        _ = try await Self.say("stars", h, bot)
        #expect(await h.store.paymentMode(h.context.id) == .stars)
        _ = try await Self.press(.business(.policyEdit(.depositHold)), h, bot)
        _ = try await Self.say("30", h, bot)
        #expect(await h.store.tenant(h.context.id)?.policies.depositHoldMinutes == 30)
        // Without a key to seal with, a token is not taken at all.
        _ = try await h.press(.business(.policyEdit(.payments)), as: Self.owner)
        #expect(try await h.say(token, as: Self.owner).sent(to: 1).first == "На этом сервере оплату настроить нельзя (нет ключа шифрования).")
        #expect(await h.store.paymentMode(h.context.id) == .stars)
    }

    /// A block over a paid booking cancels it and gives the Stars back too.
    @Test func aBlockOverAPaidBookingGivesTheStarsBack() async throws {
        let (h, booking, invoice, _) = try await DepositFlowTests.held()
        try await h.addAdmins()
        _ = try await h.result(DepositFlowTests.payment(invoice.payload, amount: 500, currency: "XTR", charge: "c10"))
        let confirmed = try #require(await h.store.booking(booking.id, tenant: h.context.id))
        let (from, to) = (confirmed.start.epochMinute, confirmed.end.epochMinute)
        let blocked = try await h.press(.blockConfirm(nil, from: from, to: to), as: Self.owner)
        #expect(blocked.calls.contains { if case .refundStarPayment(let r) = $0 { r.userID == 700 && r.telegramPaymentChargeID == "c10" } else { false } })
        #expect(await h.store.deposit(of: booking.id, tenant: h.context.id)?.status == .refunded)
        #expect(await h.store.booking(booking.id, tenant: h.context.id)?.status.isActive == false)
    }

    /// The bookings export shows each booking's deposit and where it stands.
    @Test func theBookingsExportShowsDeposits() async throws {
        let (h, booking, invoice, _) = try await DepositFlowTests.held()
        try await h.addAdmins()
        let held = try #require(CSVTable.parse(try AdminExportTests.document(try await h.press(.export(.bookings), as: Self.owner)).contents))
        #expect(held.rows.first { $0[0] == "\(booking.id)" }.map { Array($0.suffix(2)) } == ["500 XTR", "pending"])
        _ = try await h.result(DepositFlowTests.payment(invoice.payload, amount: 500, currency: "XTR", charge: "c11"))
        let paid = try #require(CSVTable.parse(try AdminExportTests.document(try await h.press(.export(.bookings), as: Self.owner)).contents))
        #expect(paid.rows.first { $0[0] == "\(booking.id)" }.map { Array($0.suffix(2)) } == ["500 XTR", "paid"])
        #expect(ExportAdminFlow.amount(DepositCharge(amount: 50_005, currency: "RUB")) == "500.05 RUB")
    }

    @Test func aBusinessCancelGivesThePaidStarsBackToTheCustomer() async throws {
        let (h, booking, invoice, _) = try await DepositFlowTests.held()
        try await h.addAdmins()
        _ = try await h.result(DepositFlowTests.payment(invoice.payload, amount: 500, currency: "XTR", charge: "c9"))
        let cancelled = try await h.press(.cancel(booking.id), as: Self.owner)
        #expect(cancelled.calls.contains { if case .refundStarPayment(let r) = $0 { r.userID == 700 && r.telegramPaymentChargeID == "c9" } else { false } })
        #expect(cancelled.sent(to: 700).contains("Предоплата 500 ⭐ возвращена."))
        #expect(await h.store.deposit(of: booking.id, tenant: h.context.id)?.status == .refunded)
    }

    @Test func theDashboardShowsDepositsTakenAndRefunded() async throws {
        let h = try await FlowHarness()
        try await h.addAdmins()
        let booking = try await h.book(h.at(10))
        await h.store.addDeposit(
            Deposit(bookingID: booking.id, customer: booking.customer, charge: DepositCharge(amount: 500, currency: "XTR"), createdAt: FlowHarness.now),
            tenant: h.context.id)
        _ = await h.store.recordPayment(booking.id, telegramChargeID: "c", providerChargeID: "", tenant: h.context.id, now: FlowHarness.now)
        _ = await h.store.markRefund(booking.id, as: .refunded, tenant: h.context.id, now: FlowHarness.now)
        let shown = try await h.press(.business(.dashboard(week: false)), as: Self.owner)
        #expect(shown.shown?.contains("💳 Предоплаты получены: 500 ⭐; возвращены или к возврату: 500 ⭐") == true)
    }
}
