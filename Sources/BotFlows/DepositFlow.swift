import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// Deposits after the invoice: the pre-checkout check, the payment that confirms a held booking, the hold that runs out,
/// and refunds. Every check is made against our own deposit row, never against what the update claims: the payload
/// only names a booking of this tenant; customer, amount and currency must match what we asked.
struct DepositFlow: Sendable {
    /// Deposits and payment methods.
    let deposits: any DepositStore
    /// Bookings.
    let bookings: any BookingStore
    /// Service and master names.
    let catalog: any CatalogStore
    /// The current instant.
    let now: @Sendable () -> Date
    /// The confirmation of a paid booking (card, calendar file, reminders, admins' notice).
    let booking: BookingFlow
    /// Offers the time a lapsed hold freed.
    let waitlist: WaitlistFlow

    /// How long an accepted pre-checkout keeps the hold alive for the payment that follows it.
    static let paymentGrace: TimeInterval = 10 * 60

    /// Answers a pre-checkout query: yes only for a pending deposit of this customer with the amount and currency we
    /// asked, whose booking is still held (the hold is then kept for `paymentGrace`); otherwise no, with the reason.
    func preCheckout(_ query: PreCheckoutQuery, reply: inout Reply) async throws {
        let now = self.now()
        var refusal: TextKey? = .depositRefusedWrong
        if let id = Deposit.booking(inPayload: query.invoicePayload), let deposit = try await deposits.deposit(of: id, tenant: reply.tenant.id),
            deposit.customer.rawValue == query.from.id, deposit.charge.currency == query.currency, deposit.charge.amount == query.totalAmount
        {
            if deposit.status == .pending, reply.tenant.profile.status.isServing,
                try await deposits.prolongHold(id, until: now.addingTimeInterval(Self.paymentGrace), tenant: reply.tenant.id, now: now)
            {
                refusal = nil
            } else {
                refusal = .depositRefusedExpired
            }
        }
        reply.call(
            .answerPreCheckoutQuery(
                AnswerPreCheckoutQuery(preCheckoutQueryID: query.id, ok: refusal == nil, errorMessage: refusal.map { reply.text($0) })))
    }

    /// A payment went through: the first delivery confirms the held booking; a repeat changes nothing; a payment that
    /// matches no held booking of ours (late, or not ours at all) is given back.
    func paid(_ payment: SuccessfulPayment, reply: inout Reply) async throws {
        let tenant = reply.tenant.id
        let charge = DepositCharge(amount: payment.totalAmount, currency: payment.currency)
        guard let id = Deposit.booking(inPayload: payment.invoicePayload), let deposit = try await deposits.deposit(of: id, tenant: tenant),
            deposit.customer == reply.user, deposit.charge == charge
        else {
            return refund(charge, chargeID: payment.telegramPaymentChargeID, booking: nil, reply: &reply)
        }
        let now = self.now()
        switch try await deposits.recordPayment(
            id, telegramChargeID: payment.telegramPaymentChargeID, providerChargeID: payment.providerPaymentChargeID, tenant: tenant, now: now)
        {
        case .confirmed(let confirmed):
            let service = try await catalog.services(tenant).first { $0.id == confirmed.serviceID }
            let master = try await catalog.masters(tenant).first { $0.id == confirmed.masterID }?.name ?? ""
            let shown = service ?? Service(id: confirmed.serviceID, name: "", durationMinutes: 5, price: .onRequest)
            try await booking.announce(confirmed, service: shown, masterName: master, now: now, reply: &reply)
        case .duplicate:
            return
        case .late(let booking):
            reply.send(reply.text(.depositLate))
            // Marked paid by this call (the hold had run out) or paid twice: either way this charge goes back.
            if deposit.status == .pending || deposit.status == .expired {
                try await settleRefund(of: booking, reply: &reply)
            } else {
                refund(charge, chargeID: payment.telegramPaymentChargeID, booking: booking, reply: &reply)
            }
        case .unknown:
            refund(charge, chargeID: payment.telegramPaymentChargeID, booking: nil, reply: &reply)
        }
    }

    /// The paid deposit of a cancelled `booking` goes back: Stars at once (`refundStarPayment`), a provider payment is
    /// recorded as due and the admins are told; the customer hears of it in their chat (in the tenant's language when
    /// an admin cancelled). Nothing happens when the deposit was not paid.
    func settleRefund(of booking: Booking, reply: inout Reply) async throws {
        guard let deposit = try await deposits.deposit(of: booking.id, tenant: reply.tenant.id), deposit.status == .paid,
            let chargeID = deposit.telegramChargeID
        else { return }
        let stars = deposit.charge.currency == DepositCharge.stars
        guard try await deposits.markRefund(booking.id, as: stars ? .refunded : .refundDue, tenant: reply.tenant.id, now: now()) != nil else { return }
        if reply.user == booking.customer {
            refund(deposit.charge, chargeID: chargeID, booking: booking, reply: &reply)
        } else {
            var customer = Reply(
                tenant: reply.tenant, chat: booking.chat, user: booking.customer,
                language: Language.resolve(userCode: nil, tenantDefault: reply.tenant.profile.defaultLanguage), texts: reply.texts,
                editableMessageID: nil, callbackID: nil)
            refund(deposit.charge, chargeID: chargeID, booking: booking, reply: &customer)
            reply.merge(customer.result)
        }
        if !stars { try await self.booking.notifier.notify(.refundDue(booking, amount: reply.format.amount(deposit.charge)), reply: &reply) }
    }

    /// Gives a charge back: Stars by `refundStarPayment`, a provider payment by telling the customer the business will.
    private func refund(_ charge: DepositCharge, chargeID: String, booking: Booking?, reply: inout Reply) {
        let amount = reply.format.amount(charge)
        if charge.currency == DepositCharge.stars {
            reply.call(.refundStarPayment(RefundStarPayment(userID: reply.user.rawValue, telegramPaymentChargeID: chargeID)))
            reply.send(reply.text(.depositRefunded, ["amount": amount]))
        } else {
            reply.send(reply.text(.depositRefundDue, ["amount": amount, "business": reply.tenant.profile.name]))
        }
    }


    /// A hold's timer: a booking still held past its (possibly prolonged) hold is released, its customer told and the
    /// time offered to the waitlist; a hold prolonged by a pre-checkout sets the timer again; a paid or cancelled booking
    /// needs nothing.
    func holdExpired(_ id: BookingID, language: String, tenant: TenantContext, texts: Texts) async throws -> FlowResult {
        guard let held = try await bookings.booking(id, tenant: tenant.id), held.status == .held else { return FlowResult() }
        var reply = Reply(
            tenant: tenant, chat: held.chat, user: held.customer, language: Language.resolve(userCode: language, tenantDefault: tenant.profile.defaultLanguage),
            texts: texts, editableMessageID: nil, callbackID: nil)
        let now = self.now()
        if let until = held.holdUntil, until > now {
            reply.setTimer(.depositHoldExpired(booking: id.rawValue, language: reply.language.rawValue), at: until, booking: id)
            return reply.result
        }
        guard let expired = try await deposits.expireHold(id, tenant: tenant.id, now: now) else { return FlowResult() }
        let calendar = tenant.calendar
        let date = calendar.localDate(of: expired.start)
        reply.send(reply.text(.depositHoldExpired, ["date": reply.format.date(date), "time": calendar.localTime(of: expired.start).description]))
        try await waitlist.offerFreeSlots(on: date, reply: &reply)
        return reply.result
    }
}
