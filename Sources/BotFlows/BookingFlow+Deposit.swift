import BookingCore
import Foundation
import Storage
import TelegramBotAPI

extension BookingFlow {
    /// What booking `service` asks in advance now, or nil (no rule, no payment method, nothing to charge).
    func depositCharge(for service: Service, tenant: TenantContext) async throws -> DepositCharge? {
        guard let rule = service.deposit else { return nil }
        return rule.charge(price: service.price, mode: try await deposits.paymentMode(tenant.id), tenantCurrency: tenant.profile.currency)
    }

    /// A booking is confirmed: the card, the calendar file, reminders and the admins' notice.
    func announce(_ booking: Booking, service: Service, masterName: String, now: Date, reply: inout Reply) async throws {
        let calendar = reply.tenant.calendar
        let values = [
            "service": service.name, "master": masterName, "date": reply.format.date(calendar.localDate(of: booking.start)),
            "time": calendar.localTime(of: booking.start).description, "address": reply.tenant.profile.address,
        ]
        reply.show(reply.text(.booked, values), keyboard: nil)
        let file = CalendarFile(booking: booking, tenant: reply.tenant, serviceName: service.name, masterName: masterName, now: now)
        reply.sendDocument(fileName: file.fileName, mimeType: "text/calendar", contents: file.bytes, caption: reply.text(.calendarFileCaption))
        Reminders(reply: reply).schedule(for: booking, values: values, policies: reply.tenant.policies, now: now, into: &reply)
        try await notifier.notify(.booked(booking), reply: &reply)
    }

    /// A booking is held for its deposit: the deposit row, the held card, the invoice (payload = the order id) and the
    /// timer that frees the time when the hold runs out unpaid.
    func hold(_ booking: Booking, service: Service, masterName: String, charge: DepositCharge, reply: inout Reply) async throws {
        guard let until = booking.holdUntil else { return }
        try await deposits.addDeposit(Deposit(bookingID: booking.id, customer: booking.customer, charge: charge, createdAt: booking.createdAt), tenant: reply.tenant.id)
        let calendar = reply.tenant.calendar
        let values = [
            "service": service.name, "master": masterName, "date": reply.format.date(calendar.localDate(of: booking.start)),
            "time": calendar.localTime(of: booking.start).description, "until": calendar.localTime(of: until).description,
            "amount": reply.format.amount(charge),
        ]
        reply.show(reply.text(.depositHeld, values), keyboard: nil)
        let stars = charge.currency == DepositCharge.stars
        reply.call(
            .sendInvoice(
                SendInvoice(
                    chatID: reply.chat.rawValue, title: reply.text(.depositInvoiceTitle, values), description: reply.text(.depositInvoiceDescription, values),
                    payload: Deposit.payload(for: booking.id), providerToken: stars ? "" : SendInvoice.tenantProviderToken, currency: charge.currency,
                    prices: [LabeledPrice(label: String(service.name.prefix(32)), amount: charge.amount)])))
        reply.setTimer(.depositHoldExpired(booking: booking.id.rawValue, language: reply.language.rawValue), at: until, booking: booking.id)
    }
}

extension Formatter {
    /// A deposit amount: "500 ₽", or "50 ⭐" for Stars.
    func amount(_ charge: DepositCharge) -> String {
        charge.currency == DepositCharge.stars ? "\(charge.amount) ⭐" : price(.fixed(minorUnits: charge.amount, currency: charge.currency))
    }
}
