import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// Cancelling and moving one booking from its card; the customer is notified in their language.
extension ScheduleAdminFlow {
    func askCancel(_ id: BookingID, reply: inout Reply) async throws {
        guard let (booking, service, _) = try await load(id, reply: &reply) else { return }
        guard booking.status.isActive else { return reply.answer(reply.admin(.notActive), alert: true) }
        let rows = [[reply.button(.yesCancel, .cancel(id))], [reply.button(.back, .booking(id))]]
        reply.show(reply.admin(.askCancel, ["service": service?.name ?? "", "when": session.when(booking.start, reply)]), keyboard: InlineKeyboardMarkup(rows))
    }

    func cancel(_ id: BookingID, reply: inout Reply) async throws {
        let cancelled: Booking
        do {
            cancelled = try await bookings.cancelBooking(id, tenant: reply.tenant.id, by: .admin, reason: nil, now: session.now)
        } catch let error as BookingError {
            return reply.answer(reply.admin(error == .notFound ? .notFound : .notActive), alert: true)
        }
        try await session.audit(.cancelBooking, target: "booking:\(id)", old: "confirmed \(session.when(cancelled.start, reply))", new: "cancelled", reply: reply)
        try await notice.cancelled(cancelled, reason: nil, reply: &reply)
        // The business cancelled: a paid deposit goes back.
        try await deposits.settleRefund(of: cancelled, reply: &reply)
        try await waitlist.offerFreedSlots([cancelled.start], reply: &reply)
        reply.answer(reply.admin(.done))
        try await card(id, reply: &reply, notice: reply.admin(.cancelledNotified))
    }

    /// The engine's view of `date` with `booking` itself not counted.
    private func schedule(without booking: Booking, on date: LocalDate, reply: Reply) async throws -> Schedule {
        var schedule = try await Schedule.load(
            reply.tenant, days: date.daysSinceEpoch..<date.daysSinceEpoch + 1, now: session.now, catalog: catalog, bookings: bookings,
            viewer: booking.customer)
        schedule.bookings.removeAll { $0.id == booking.id }
        return schedule
    }

    func moveDay(_ id: BookingID, _ date: LocalDate, page requested: Int = 0, reply: inout Reply, notice: String? = nil) async throws {
        guard let (booking, service, _) = try await load(id, reply: &reply) else { return }
        guard booking.status.isActive, let service else { return reply.answer(reply.admin(.notActive), alert: true) }
        let slots = try await schedule(without: booking, on: date, reply: reply)
            .slots(on: date, service: service, master: .specific(booking.masterID)).filter { $0.start != booking.start }
        let page = ListPage(count: slots.count, size: PageSizes.times, requested: requested)
        let buttons = slots[page.range].map { InlineKeyboardButton.admin($0.localTime.description, .moveSlot(id, epochMinute: $0.start.epochMinute)) }
        var rows = stride(from: 0, to: buttons.count, by: 4).map { Array(buttons[$0..<min($0 + 4, buttons.count)]) }
        if let pager = reply.adminPagerRow(page, { $0 == 0 ? .moveDay(id, date) : .moveDayPage(id, date, page: $0) }) { rows.append(pager) }
        rows.append([.admin("‹", .moveDay(id, date.adding(days: -1))), .admin("›", .moveDay(id, date.adding(days: 1)))])
        rows.append([reply.button(.back, .booking(id))])
        var text = reply.admin(slots.isEmpty ? .moveNoSlots : .moveChoose, ["service": service.name, "date": reply.format.date(date), "old": session.when(booking.start, reply)])
        if let notice { text = notice + "\n\n" + text }
        reply.show(text, keyboard: InlineKeyboardMarkup(rows))
    }

    func moveSlot(_ id: BookingID, _ minute: Int64, reply: inout Reply) async throws {
        guard let (booking, service, _) = try await load(id, reply: &reply) else { return }
        guard booking.status.isActive else { return reply.answer(reply.admin(.notActive), alert: true) }
        let start = Date(timeIntervalSince1970: Double(minute) * 60)
        let rows = [
            [reply.button(.confirmMove, .moveConfirm(id, epochMinute: minute))],
            [reply.button(.back, .moveDay(id, reply.tenant.calendar.localDate(of: start)))],
        ]
        let values = ["service": service?.name ?? "", "old": session.when(booking.start, reply), "new": session.when(start, reply)]
        reply.show(reply.admin(.moveCard, values), keyboard: InlineKeyboardMarkup(rows))
    }

    func moveConfirm(_ id: BookingID, _ minute: Int64, reply: inout Reply) async throws {
        guard let (booking, service, _) = try await load(id, reply: &reply) else { return }
        guard booking.status.isActive, let service else { return reply.answer(reply.admin(.notActive), alert: true) }
        let start = Date(timeIntervalSince1970: Double(minute) * 60)
        let date = reply.tenant.calendar.localDate(of: start)
        let request = BookingRequest(customer: booking.customer, chat: booking.chat, service: service, masterID: booking.masterID, start: start)
        let moved: Booking
        do {
            // The same engine rules as a customer's booking (grid, hours, notice, free), checked when the move executes.
            if let refusal = try await schedule(without: booking, on: date, reply: reply).validate(request, ignoring: id) { throw refusal }
            moved = try await bookings.rescheduleBooking(
                id, to: request, tenant: reply.tenant.id, maxActivePerCustomer: .max, now: session.now, actor: CancelledBy.admin.rawValue)
        } catch let error as BookingError {
            reply.answer(reply.admin(.moveRefused))
            return try await moveDay(id, date, reply: &reply, notice: reply.admin(.moveRefused) + " (\(error.adminReason(reply)))")
        }
        try await session.audit(.moveBooking, target: "booking:\(id)", old: session.when(booking.start, reply), new: session.when(moved.start, reply), reply: reply)
        try await notice.moved(moved, from: booking.start, reply: &reply)
        try await waitlist.offerFreedSlots([booking.start], reply: &reply)
        reply.answer(reply.admin(.done))
        try await card(id, reply: &reply, notice: reply.admin(.movedNotified))
    }
}

extension BookingError {
    /// A short admin-facing reason.
    func adminReason(_ reply: Reply) -> String {
        switch self {
        case .slotTaken: reply.admin(.reasonTaken)
        case .outsideWorkingHours: reply.admin(.reasonHours)
        case .tooSoon: reply.admin(.reasonPast)
        case .beyondHorizon: reply.admin(.reasonHorizon)
        case .notActive, .notFound: reply.admin(.notActive)
        default: reply.admin(.reasonUnavailable)
        }
    }
}
