import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// Reschedule: a new day and time for the same service and master. The old time stays booked until the new
/// one is confirmed; the store moves the booking in one transaction, so it is never lost or doubled.
struct RescheduleFlow: Sendable {
    /// Services and masters.
    let catalog: any CatalogStore
    /// Moves the booking.
    let bookings: any BookingStore
    /// The current instant.
    let now: @Sendable () -> Date
    /// Loads the schedule the new time is checked against.
    let booking: BookingFlow
    /// Ownership and the notice window of the booking being moved.
    let myBookings: MyBookingsFlow
    /// Offers the freed old time to the day's waitlist.
    let waitlist: WaitlistFlow
    /// Tells the admins about the move.
    let notifier: AdminNotifier

    /// The booking with its service when the presser owns it and may still move it; otherwise answers why not.
    private func movable(_ id: BookingID, reply: inout Reply) async throws -> (Booking, Service)? {
        try? await checkMovable(id, reply: &reply).get()
    }

    /// `movable`, saying why not.
    private func checkMovable(_ id: BookingID, reply: inout Reply) async throws -> Result<(Booking, Service), BookingError> {
        guard let (booking, _) = try await myBookings.ownBooking(id, reply: &reply) else { return .failure(.notFound) }
        if let refusal = myBookings.schedule(reply).canCustomerChange(booking) {
            myBookings.explain(refusal, reply: &reply)
            return .failure(refusal)
        }
        guard let service = try await catalog.services(reply.tenant.id).first(where: { $0.id == booking.serviceID }) else {
            reply.answer(reply.text(.serviceGone), alert: true)
            return .failure(.unavailable)
        }
        return .success((booking, service))
    }

    /// The engine's view without the booking being moved, so its own time counts as free.
    private func schedule(without booking: Booking, days: Range<Int>, reply: Reply) async throws -> Schedule {
        var schedule = try await self.booking.loadSchedule(reply.tenant, days: days, now: now(), viewer: reply.user)
        schedule.bookings.removeAll { $0.id == booking.id }
        return schedule
    }

    private func when(_ instant: Date, _ reply: Reply) -> String {
        let calendar = reply.tenant.calendar
        return reply.format.dateTime(instant, calendar)
    }

    func showMonth(_ id: BookingID, year: Int?, month: Int?, reply: inout Reply) async throws {
        guard let (booking, service) = try await movable(id, reply: &reply) else { return }
        let today = reply.tenant.calendar.localDate(of: now())
        let shown = LocalDate(year: year ?? today.year, month: month ?? today.month, day: 1) ?? today.firstOfMonth
        let days = shown.daysSinceEpoch..<shown.daysSinceEpoch + LocalDate.daysIn(year: shown.year, month: shown.month)
        let schedule = try await schedule(without: booking, days: days, reply: reply)
        let availability = schedule.monthAvailability(year: shown.year, month: shown.month, service: service, master: .specific(booking.masterID))
        let keyboard = CalendarKeyboard<CallbackAction>(
            monthAction: { .rescheduleMonth(id, year: $0, month: $1) }, dayAction: { .rescheduleDay(id, $0) }, month: shown, today: today,
            lastBookable: schedule.lastBookableDate, availability: availability, format: reply.format
        ).build(navigation: reply.navigationRow(back: .myBookings))
        let text = reply.text(.calendarLegend) + "\n\n" + reply.text(.rescheduleChooseDay, ["service": service.name, "old": when(booking.start, reply)])
        reply.show(text, keyboard: keyboard)
    }

    func showDay(_ id: BookingID, _ date: LocalDate, page: Int = 0, reply: inout Reply, notice: String? = nil) async throws {
        guard let (booking, service) = try await movable(id, reply: &reply) else { return }
        let schedule = try await schedule(without: booking, days: date.daysSinceEpoch..<date.daysSinceEpoch + 1, reply: reply)
        let slots = schedule.slots(on: date, service: service, master: .specific(booking.masterID)).filter { $0.start != booking.start }
        reply.showTimes(
            slots, action: { .rescheduleSlot(id, epochMinute: $0.start.epochMinute) },
            back: .rescheduleMonth(id, year: date.year, month: date.month), title: .rescheduleChooseTime,
            values: ["service": service.name, "date": reply.format.date(date)], notice: notice,
            page: page, pageAction: { page in page == 0 ? .rescheduleDay(id, date) : .rescheduleDayPage(id, date, page: page) })
    }

    func showConfirmation(_ id: BookingID, _ minute: Int64, reply: inout Reply) async throws {
        guard let (booking, service) = try await movable(id, reply: &reply) else { return }
        let start = Date(timeIntervalSince1970: Double(minute) * 60)
        let master = try await catalog.masters(reply.tenant.id).first { $0.id == booking.masterID }
        let values = ["service": service.name, "master": master?.name ?? "", "old": when(booking.start, reply), "new": when(start, reply)]
        let rows = [
            [InlineKeyboardButton(text: reply.text(.rescheduleConfirmButton), callbackData: CallbackAction.rescheduleConfirm(id, epochMinute: minute).data)],
            reply.navigationRow(back: .rescheduleDay(id, reply.tenant.calendar.localDate(of: start))),
        ]
        reply.show(reply.text(.rescheduleCard, values), keyboard: InlineKeyboardMarkup(rows))
    }

    @discardableResult
    func confirm(_ id: BookingID, _ minute: Int64, reply: inout Reply) async throws -> MyBookingsFlow.ChangeOutcome {
        // Ownership and the notice window are checked now, when the move executes.
        let (booking, service): (Booking, Service)
        switch try await checkMovable(id, reply: &reply) {
        case .success(let found): (booking, service) = found
        case .failure(let refusal): return .refused(refusal)
        }
        let now = self.now()
        let start = Date(timeIntervalSince1970: Double(minute) * 60)
        let calendar = reply.tenant.calendar
        let date = calendar.localDate(of: start)
        let schedule = try await schedule(without: booking, days: date.daysSinceEpoch..<date.daysSinceEpoch + 1, reply: reply)
        let request = BookingRequest(customer: reply.user, chat: reply.chat, service: service, masterID: booking.masterID, start: start)
        let moved: Booking
        do {
            if let refusal = schedule.validate(request, ignoring: id) { throw refusal }
            // Both caps are checked by the store in the move's transaction (the per-day one on the new day).
            let policies = reply.tenant.policies
            moved = try await bookings.rescheduleBooking(
                id, to: request, tenant: reply.tenant.id, maxActivePerCustomer: policies.maxActivePerCustomer,
                perDay: policies.dailyCap(for: start, calendar: calendar), now: now, actor: "customer:\(request.customer)")
        } catch let error as BookingError {
            switch error {
            case .slotTaken, .outsideWorkingHours, .tooSoon:
                let notice = reply.text(error == .slotTaken ? .slotTaken : .tooSoon)
                reply.answer(notice)
                try await showDay(id, date, reply: &reply, notice: notice)
            default:
                myBookings.explain(error, reply: &reply)
            }
            return .refused(error)
        }
        let master = schedule.masters.first { $0.id == booking.masterID }
        let values = [
            "service": service.name, "master": master?.name ?? "", "date": reply.format.date(date),
            "time": calendar.localTime(of: start).description, "address": reply.tenant.profile.address,
        ]
        reply.answer(reply.text(.done))
        reply.show(reply.text(.rescheduled, values), keyboard: nil)
        reply.withdrawScheduled(for: id)
        let file = CalendarFile(booking: moved, tenant: reply.tenant, serviceName: service.name, masterName: master?.name ?? "", now: now)
        reply.sendDocument(fileName: file.fileName, mimeType: "text/calendar", contents: file.bytes, caption: reply.text(.calendarFileCaption))
        Reminders(reply: reply).schedule(for: moved, values: values, policies: reply.tenant.policies, now: now, into: &reply)
        try await notifier.notify(.moved(moved, from: booking.start), reply: &reply)
        // The old time is free now: it may be what someone on the waitlist waits for.
        try await waitlist.offerFreeSlots(on: calendar.localDate(of: booking.start), reply: &reply)
        return .done(moved)
    }
}
