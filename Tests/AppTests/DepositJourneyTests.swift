import App
import BookingCore
import Foundation
import Storage
import TelegramSandbox
import Testing

/// Deposits through the sandbox (issue 22, parts 2 and 3): the real service over HTTP, Telegram's side played by the
/// sandbox (invoices, pre-checkout queries with their 10 s deadline, successful payments, Stars refunds).
@Suite("Deposit journeys", .serialized)
struct DepositJourneyTests {
    static let tenant = LocalStack.tenantA

    /// The demo's "Женская стрижка" (2 500 ₽) asks a 500 ₽ deposit, taken in `mode`.
    static func askDeposits(_ stack: LocalStack, mode: PaymentMode) async throws {
        var service = try #require(try await stack.stores.catalog.services(tenant).first { $0.name == "Женская стрижка" })
        service.deposit = .fixed(minorUnits: 50_000)
        _ = try await stack.stores.catalog.saveService(service, tenant: tenant)
        try await stack.stores.deposits.setPaymentMode(mode, tenant: tenant, now: Date())
    }

    /// Books the first free slot two days ahead: the booking is held and the invoice arrives; returns both.
    static func bookHeld(_ user: SimulatedUser, _ stack: LocalStack) async throws -> (Booking, SandboxMessage) {
        let journey = CustomerJourney(user: user)
        try await journey.start()
        try await journey.bookFirstFreeSlot(minDaysAhead: 2, done: "⏳ Время держим за вами")
        let transcript = try await user.waitForTranscript(timeout: .seconds(10)) { $0.contains { $0.invoice != nil } }
        let invoice = try #require(transcript.last { $0.invoice != nil })
        let booking = try #require(try await stack.stores.bookings.bookings(of: UserID(user.id), tenant: tenant).last)
        return (booking, invoice)
    }

    /// Waits until the bot has handled everything the user sent before (updates of one chat are handled in order).
    static func settle(_ user: SimulatedUser) async throws {
        try await user.send("/help")
        _ = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains("/book") == true }
    }

    @Test(arguments: [LocalStack.Mode.webhook, .polling])
    func starsDepositHoldInvoicePayConfirmOnceAndRefundOnCancel(mode: LocalStack.Mode) async throws {
        // The journey sends more messages in a few seconds than the incoming limit allows a person; it is not under test here.
        try await LocalStack.run(mode: mode, environment: ["ZAPIS_RATE_LIMITS": "0"]) { stack in
            try await Self.askDeposits(stack, mode: .stars)
            let user = stack.user(800, of: Self.tenant)
            do { try await Self.starsJourney(user, stack, mode: mode) } catch {
                print("transcript:", await user.transcript().map { "\($0.fromBot ? "bot" : "user"): \($0.text ?? $0.invoice.map { "invoice \($0)" } ?? $0.payment.map { "paid \($0)" } ?? "-")" })
                throw error
            }
        }
    }

    static func starsJourney(_ user: SimulatedUser, _ stack: LocalStack, mode: LocalStack.Mode) async throws {
        do {
            let (held, message) = try await Self.bookHeld(user, stack)
            let invoice = try #require(message.invoice)
            #expect(held.status == .held)
            #expect(invoice.currency == "XTR" && invoice.totalAmount == 500 && invoice.providerToken.isEmpty)
            #expect(invoice.payload == "deposit:\(held.id)")
            // Paying: the bot must answer the pre-checkout query within Telegram's 10 s.
            let started = ContinuousClock.now
            let result = try await user.pay()
            let elapsed = ContinuousClock.now - started
            guard case .paid(let chargeID) = result else { Issue.record("not paid: \(result)"); return }
            print("deposit journey (\(mode)): pre-checkout answered and payment sent in \(elapsed)")
            #expect(elapsed < .seconds(10))
            _ = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("✅ Вы записаны!") == true }
            #expect(try await stack.stores.bookings.booking(held.id, tenant: Self.tenant)?.status == .confirmed)
            let deposit = try #require(try await stack.stores.deposits.deposit(of: held.id, tenant: Self.tenant))
            #expect(deposit.status == .paid && deposit.telegramChargeID == chargeID && deposit.providerChargeID == "")
            // Telegram delivers the same payment again: nothing changes, nothing is sent twice.
            try await user.repeatPayment(chargeID: chargeID, invoice: message.messageID)
            try await Self.settle(user)
            let texts = await user.transcript().filter(\.fromBot).compactMap(\.text)
            #expect(texts.filter { $0.hasPrefix("✅ Вы записаны!") }.count == 1)
            #expect(try await stack.stores.bookings.history(of: held.id, tenant: Self.tenant).filter { $0.newStatus == "confirmed" }.count == 1)
            // Cancelled within the policy (two days ahead, 24 h window): the Stars go back.
            try await CustomerJourney(user: user).cancelFirstBooking()
            _ = try await user.waitForTranscript(timeout: .seconds(10)) { $0.contains { $0.text == "Предоплата 500 ⭐ возвращена." } }
            #expect(await user.isRefunded(chargeID: chargeID) == true)
            #expect(try await stack.stores.deposits.deposit(of: held.id, tenant: Self.tenant)?.status == .refunded)
        }
    }

    @Test func anUnpaidHoldExpiresFreesTheSlotAndItsPreCheckoutIsRefused() async throws {
        let clock = TestClock()
        try await LocalStack.run(mode: .webhook, clock: clock) { stack in
            try await Self.askDeposits(stack, mode: .provider(sealedToken: try stack.vault.seal("381764678:TEST:100500")))
            let user = stack.user(810, of: Self.tenant)
            let (held, message) = try await Self.bookHeld(user, stack)
            // The provider's token went out with the invoice (filled in by the sender), never stored in clear.
            #expect(message.invoice?.providerToken == "381764678:TEST:100500")
            #expect(message.invoice?.currency == "RUB" && message.invoice?.totalAmount == 50_000)
            clock.advance(by: 16 * 60)
            _ = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("⌛ Предоплата не поступила вовремя") == true }
            #expect(try await stack.stores.bookings.booking(held.id, tenant: Self.tenant)?.status == .cancelled(by: .expired, reason: nil))
            #expect(try await stack.stores.bookings.activeBookings(overlapping: held.occupied, tenant: Self.tenant).isEmpty)
            // Paying the old invoice now: refused at pre-checkout with a clear reason, nothing charged.
            let result = try await user.pay(invoice: message.messageID)
            #expect(result == .refused("Время брони истекло, запись снята. Запишитесь снова — оплата не списана."))
            // The time is free: another customer books it.
            let other = stack.user(811, of: Self.tenant)
            try await Self.askDeposits(stack, mode: .none)
            try await CustomerJourney(user: other).start()
            try await CustomerJourney(user: other).bookFirstFreeSlot(minDaysAhead: 2)
            let taken = try #require(try await stack.stores.bookings.bookings(of: UserID(811), tenant: Self.tenant).first)
            #expect(taken.start == held.start && taken.status == .confirmed)
        }
    }
}
