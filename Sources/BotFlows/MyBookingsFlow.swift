import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// My bookings: the customer's upcoming bookings, and cancelling one within the rules.
struct MyBookingsFlow: Sendable {
    /// The customer's bookings.
    let bookings: any BookingStore
    /// Service names.
    let catalog: any CatalogStore
    /// The current instant.
    let now: @Sendable () -> Date
    /// Tells the admins about a cancellation.
    let notifier: AdminNotifier
    /// Offers a freed time to the day's waitlist.
    let waitlist: WaitlistFlow
    /// Gives back a cancelled booking's paid deposit.
    let deposits: DepositFlow

    func list(page requested: Int = 0, reply: inout Reply) async throws {
        let now = self.now()
        let bookings = try await self.bookings.bookings(of: reply.user, tenant: reply.tenant.id)
            .filter { $0.status.isActive && $0.end > now }
        let past = [InlineKeyboardButton(text: reply.text(.pastBookingsButton), callbackData: CallbackAction.pastBookings(page: 0).data)]
        guard !bookings.isEmpty else {
            reply.show(reply.text(.noBookings), keyboard: InlineKeyboardMarkup([past]))
            return
        }
        let services = Dictionary(uniqueKeysWithValues: try await catalog.services(reply.tenant.id).map { ($0.id, $0) })
        let calendar = reply.tenant.calendar
        let format = reply.format
        var lines = [reply.text(.myBookingsHeader)]
        var rows: [[InlineKeyboardButton]] = []
        // Up to 50 active bookings (the cap's bound) would be 100 buttons: a page at a time.
        let page = ListPage(count: bookings.count, size: PageSizes.bookings, requested: requested)
        for booking in bookings[page.range] {
            let date = calendar.localDate(of: booking.start)
            let time = calendar.localTime(of: booking.start).description
            lines.append(reply.text(.bookingLine, ["date": format.date(date), "time": time, "service": services[booking.serviceID]?.name ?? ""]))
            let values = ["date": format.shortDate(date), "time": time]
            rows.append([
                InlineKeyboardButton(text: reply.text(.rescheduleButton, values), callbackData: CallbackAction.reschedule(booking.id).data),
                InlineKeyboardButton(text: reply.text(.cancelBookingButton, values), callbackData: CallbackAction.askCancel(booking.id).data),
            ])
        }
        if let pager = reply.pagerRow(page, { $0 == 0 ? .myBookings : .myBookingsPage(page: $0) }) { rows.append(pager) }
        reply.show(lines.joined(separator: "\n"), keyboard: InlineKeyboardMarkup(rows + [past]))
    }

    func askCancel(_ id: BookingID, reply: inout Reply) async throws {
        guard let (booking, values) = try await ownBooking(id, reply: &reply) else { return }
        if let refusal = schedule(reply).canCustomerChange(booking) {
            return explain(refusal, reply: &reply)
        }
        let rows = [
            [InlineKeyboardButton(text: reply.text(.yesCancel), callbackData: CallbackAction.cancelBooking(id).data)],
            [InlineKeyboardButton(text: reply.text(.back), callbackData: CallbackAction.myBookings.data)],
        ]
        reply.show(reply.text(.askCancel, values), keyboard: InlineKeyboardMarkup(rows))
    }

    /// What a change of a booking (cancel, move) came to: the booking as it is now, or why it was refused.
    enum ChangeOutcome {
        case done(Booking)
        case refused(BookingError)
    }

    @discardableResult
    func cancel(_ id: BookingID, reply: inout Reply) async throws -> ChangeOutcome {
        guard let (booking, values) = try await ownBooking(id, reply: &reply) else { return .refused(.notFound) }
        // The window is checked now, when the cancel executes, not when the button was shown.
        if let refusal = schedule(reply).canCustomerChange(booking) {
            explain(refusal, reply: &reply)
            return .refused(refusal)
        }
        let cancelled: Booking
        do {
            cancelled = try await bookings.cancelBooking(id, tenant: reply.tenant.id, by: .customer, reason: nil, now: now())
        } catch let error as BookingError {
            explain(error, reply: &reply)
            return .refused(error)
        }
        reply.answer(reply.text(.done))
        reply.show(reply.text(.bookingCancelled, values), keyboard: nil)
        reply.withdrawScheduled(for: id)
        try await notifier.notify(.cancelled(booking), reply: &reply)
        // Cancelled within the policy: a paid deposit goes back.
        try await deposits.settleRefund(of: cancelled, reply: &reply)
        try await waitlist.offerFreeSlots(on: reply.tenant.calendar.localDate(of: booking.start), reply: &reply)
        return .done(cancelled)
    }

    /// "I'm coming" on a reminder: thanks the customer and removes the reminder's buttons.
    func confirmComing(_ id: BookingID, reply: inout Reply) async throws {
        guard let (booking, _) = try await ownBooking(id, reply: &reply) else { return }
        guard booking.status.isActive else { return explain(.notActive, reply: &reply) }
        reply.answer(reply.text(.thanksComing))
        if let messageID = reply.editableMessageID { reply.removeKeyboard(of: messageID) }
    }

    func schedule(_ reply: Reply) -> Schedule {
        Schedule(calendar: reply.tenant.calendar, policies: reply.tenant.policies, masters: [], bookings: [], blocks: [], now: now())
    }

    func explain(_ refusal: BookingError, reply: inout Reply) {
        switch refusal {
        case .insideCancelWindow(let hours):
            reply.answer(reply.text(.cancelWindow, ["hours": String(hours), "contact": reply.tenant.profile.contact]), alert: true)
        case .dailyLimitReached:
            reply.answer(reply.text(.dailyLimitReached), alert: true)
        default:
            reply.answer(reply.text(.bookingNotFound), alert: true)
        }
    }

    /// The booking when it belongs to this customer, with its wording values; otherwise answers "not found".
    func ownBooking(_ id: BookingID, reply: inout Reply) async throws -> (Booking, [String: String])? {
        guard let booking = try await bookings.booking(id, tenant: reply.tenant.id), booking.customer == reply.user else {
            reply.answer(reply.text(.bookingNotFound), alert: true)
            return nil
        }
        let service = try await catalog.services(reply.tenant.id).first { $0.id == booking.serviceID }
        let calendar = reply.tenant.calendar
        let values = [
            "service": service?.name ?? "", "date": reply.format.date(calendar.localDate(of: booking.start)),
            "time": calendar.localTime(of: booking.start).description,
        ]
        return (booking, values)
    }
}
