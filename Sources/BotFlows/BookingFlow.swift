import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// Book: service → master (when several) → month → day → time → confirmation → stored booking.
struct BookingFlow: Sendable {
    /// Services and masters.
    let catalog: any CatalogStore
    /// Bookings and blocks.
    let bookings: any BookingStore
    /// Deposits and the tenant's payment method.
    let deposits: any DepositStore
    /// The current instant.
    let now: @Sendable () -> Date
    /// Tells the admins about a new booking.
    let notifier: AdminNotifier
    /// The tenant's Mini App, offered above the services when it is served.
    var miniAppURL: @Sendable (TenantID) -> String? = { _ in nil }

    func showServices(page requested: Int = 0, reply: inout Reply) async throws {
        let services = try await catalog.services(reply.tenant.id).filter(\.isActive)
        guard !services.isEmpty else {
            reply.show(reply.text(.noServices), keyboard: nil)
            return
        }
        let format = reply.format
        let page = ListPage(count: services.count, size: PageSizes.list, requested: requested)
        var rows = services[page.range].map { service in
            let values = ["service": service.name, "duration": format.duration(service.durationMinutes), "price": format.price(service.price)]
            let label = reply.text(.serviceButton, values)
            return [InlineKeyboardButton(text: label, callbackData: CallbackAction.service(service.id).data)]
        }
        if let pager = reply.pagerRow(page, { .servicesPage(page: $0) }) { rows.append(pager) }
        if let url = miniAppURL(reply.tenant.id) {
            rows.insert([InlineKeyboardButton(text: reply.text(.openCalendar), webApp: WebAppInfo(url: url))], at: 0)
        }
        rows.append(reply.navigationRow(back: nil))
        // Descriptions, compactly: one short line per service of the page that has one.
        let described = services[page.range].compactMap { service in
            service.shortDescription.map { reply.text(.serviceDescriptionLine, ["service": service.name, "description": $0]) }
        }
        let text = ([reply.text(.chooseService)] + (described.isEmpty ? [] : [""] + described)).joined(separator: "\n")
        reply.show(text, keyboard: InlineKeyboardMarkup(rows))
    }

    func chooseService(_ serviceID: ServiceID, page requested: Int = 0, reply: inout Reply) async throws {
        guard let service = try await activeService(serviceID, reply: &reply) else { return }
        let masters = try await catalog.masters(reply.tenant.id).filter { $0.isActive && service.isPerformed(by: $0.id) }
        if masters.count == 1 {
            return try await showMonth(serviceID, masters[0].id, year: nil, month: nil, reply: &reply)
        }
        let page = ListPage(count: masters.count, size: PageSizes.list, requested: requested)
        var rows = masters[page.range].map { [InlineKeyboardButton(text: $0.name, callbackData: CallbackAction.master(serviceID, $0.id).data)] }
        if let pager = reply.pagerRow(page, { .mastersPage(serviceID, page: $0) }) { rows.append(pager) }
        rows.append([InlineKeyboardButton(text: reply.text(.anyMaster), callbackData: CallbackAction.master(serviceID, nil).data)])
        rows.append(reply.navigationRow(back: .services))
        reply.show(reply.text(.chooseMaster, ["service": service.name]), keyboard: InlineKeyboardMarkup(rows))
    }

    func showMonth(_ serviceID: ServiceID, _ master: MasterID?, year: Int?, month: Int?, reply: inout Reply) async throws {
        guard let service = try await activeService(serviceID, reply: &reply) else { return }
        let now = self.now()
        let today = reply.tenant.calendar.localDate(of: now)
        let shown = LocalDate(year: year ?? today.year, month: month ?? today.month, day: 1) ?? today.firstOfMonth
        let first = shown.daysSinceEpoch
        let last = first + LocalDate.daysIn(year: shown.year, month: shown.month)
        let schedule = try await loadSchedule(reply.tenant, days: first..<last, now: now, viewer: reply.user)
        let availability = schedule.monthAvailability(year: shown.year, month: shown.month, service: service, master: master.map { .specific($0) } ?? .any)
        let keyboard = CalendarKeyboard<CallbackAction>(
            monthAction: { .month(serviceID, master, year: $0, month: $1) }, dayAction: { .day(serviceID, master, $0) }, month: shown, today: today, lastBookable: schedule.lastBookableDate,
            availability: availability, format: reply.format, fullDayAction: { .fullDay(serviceID, master, $0) }
        ).build(navigation: reply.navigationRow(back: try await backFromCalendar(service, reply: reply)))
        // The legend first, so the question stays right above the calendar.
        reply.show(reply.text(.calendarLegend) + "\n\n" + reply.text(.chooseDay, ["service": service.name]), keyboard: keyboard)
    }

    func showDay(_ serviceID: ServiceID, _ master: MasterID?, _ date: LocalDate, page: Int = 0, reply: inout Reply, notice: String? = nil) async throws {
        guard let service = try await activeService(serviceID, reply: &reply) else { return }
        let now = self.now()
        let schedule = try await loadSchedule(reply.tenant, days: date.daysSinceEpoch..<date.daysSinceEpoch + 1, now: now, viewer: reply.user)
        let choice: MasterChoice = master.map { .specific($0) } ?? .any
        let slots = schedule.slots(on: date, service: service, master: choice)
        if slots.isEmpty, schedule.availability(on: date, service: service, master: choice) == .full {
            // A full day: offer the waitlist.
            var text = reply.text(.noSlots, ["service": service.name, "date": reply.format.date(date)])
            if let notice { text = notice + "\n\n" + text }
            let join = InlineKeyboardButton(text: reply.text(.joinWaitlistButton), callbackData: CallbackAction.joinWaitlist(serviceID, master, date).data)
            let rows = [[join], reply.navigationRow(back: .month(serviceID, master, year: date.year, month: date.month))]
            return reply.show(text, keyboard: InlineKeyboardMarkup(rows))
        }
        reply.showTimes(
            slots, action: { .slot(serviceID, $0.masterID, epochMinute: $0.start.epochMinute, choice: master) },
            back: .month(serviceID, master, year: date.year, month: date.month), title: .chooseTime,
            values: ["service": service.name, "date": reply.format.date(date)], notice: notice,
            page: page, pageAction: { page in page == 0 ? .day(serviceID, master, date) : .dayPage(serviceID, master, date, page: page) })
    }

    func showConfirmation(_ serviceID: ServiceID, _ masterID: MasterID, _ minute: Int64, choice: MasterID?, reply: inout Reply) async throws {
        guard let service = try await activeService(serviceID, reply: &reply) else { return }
        let masters = try await catalog.masters(reply.tenant.id)
        let start = Date(timeIntervalSince1970: Double(minute) * 60)
        let calendar = reply.tenant.calendar
        let date = calendar.localDate(of: start)
        guard let master = masters.first(where: { $0.id == masterID }) else {
            reply.answer(reply.text(.staleButton))
            return
        }
        let format = reply.format
        let values = [
            "service": service.name, "master": master.name, "date": format.date(date),
            "time": calendar.localTime(of: start).description, "duration": format.duration(service.durationMinutes),
            "price": format.price(service.price), "address": reply.tenant.profile.address,
        ]
        // The card's draft: what the customer added to this slot so far (a comment), nothing awaited any more.
        var draft = reply.conversation.draft.flatMap { $0.isFor(serviceID, masterID, minute) ? $0 : nil }
            ?? BookingDraft(service: serviceID.rawValue, master: masterID.rawValue, minute: minute, choice: choice?.rawValue)
        draft.awaiting = nil
        reply.conversation.draft = draft
        let comment = InlineKeyboardButton(
            text: reply.contact(draft.comment == nil ? .commentButton : .commentEditButton),
            callbackData: CallbackAction.comment(serviceID, masterID, epochMinute: minute).data)
        let rows = [
            [InlineKeyboardButton(text: reply.text(.confirmButton), callbackData: CallbackAction.confirm(serviceID, masterID, epochMinute: minute).data)],
            [comment], reply.navigationRow(back: .day(serviceID, choice, date)),
        ]
        if reply.conversation.masterChoice != choice?.rawValue { reply.conversation.masterChoice = choice?.rawValue }
        var text = reply.text(.confirmCard, values)
        if let note = draft.comment { text += "\n\n" + reply.contact(.commentLine, ["comment": note]) }
        reply.show(text, keyboard: InlineKeyboardMarkup(rows))
    }

    /// What a Confirm press came to.
    enum ConfirmOutcome {
        case booked(Booking)
        case refused(BookingError)
        case serviceGone
    }

    @discardableResult
    func confirm(_ serviceID: ServiceID, _ masterID: MasterID, _ minute: Int64, reply: inout Reply) async throws -> ConfirmOutcome {
        guard let service = try await activeService(serviceID, reply: &reply) else { return .serviceGone }
        let now = self.now()
        let start = Date(timeIntervalSince1970: Double(minute) * 60)
        let calendar = reply.tenant.calendar
        let date = calendar.localDate(of: start)
        let schedule = try await loadSchedule(reply.tenant, days: date.daysSinceEpoch..<date.daysSinceEpoch + 1, now: now, viewer: reply.user)
        // A service with a deposit (and a payment method to take it) is booked as held until the deposit is paid.
        let charge = try await depositCharge(for: service, tenant: reply.tenant)
        let holdUntil = charge.map { _ in now.addingTimeInterval(Double(reply.tenant.policies.depositHoldMinutes) * 60) }
        let comment = reply.conversation.draft.flatMap { $0.isFor(serviceID, masterID, minute) ? $0.comment : nil }
        let request = BookingRequest(
            customer: reply.user, chat: reply.chat, service: service, masterID: masterID, start: start, holdUntil: holdUntil, comment: comment)
        let booking: Booking
        do {
            if let refusal = schedule.validate(request) { throw refusal }
            // Early, friendly check of both caps; the store re-checks both atomically on insert.
            let mine = try await bookings.bookings(of: reply.user, tenant: reply.tenant.id)
            if let refusal = schedule.checkCustomerLimits(request, existing: mine) { throw refusal }
            let policies = reply.tenant.policies
            // A customer past the tenant's limit of missed visits books through an admin (a walk-in booking) instead.
            let missed = mine.count { $0.status == .noShow }
            if let limit = policies.noShowLimit, missed >= limit {
                reply.answer(reply.contact(.missedVisits, ["count": String(missed), "business": reply.tenant.profile.name]), alert: true)
                return .refused(.unavailable)
            }
            booking = try await bookings.createBooking(
                request, tenant: reply.tenant.id, maxActivePerCustomer: policies.maxActivePerCustomer,
                perDay: policies.dailyCap(for: start, calendar: calendar), now: now)
        } catch let error as BookingError {
            try await refuse(error, request: request, date: date, reply: &reply)
            return .refused(error)
        }
        let master = schedule.masters.first { $0.id == masterID }
        reply.answer(reply.text(.done))
        if let charge, booking.status == .held {
            try await hold(booking, service: service, masterName: master?.name ?? "", charge: charge, reply: &reply)
        } else {
            try await announce(booking, service: service, masterName: master?.name ?? "", now: now, reply: &reply)
        }
        return .booked(booking)
    }

    private func refuse(_ error: BookingError, request: BookingRequest, date: LocalDate, reply: inout Reply) async throws {
        switch error {
        case .slotTaken, .outsideWorkingHours, .tooSoon:
            let notice = reply.text(error == .slotTaken ? .slotTaken : .tooSoon)
            reply.answer(notice)
            // The customer's own choice of master, when they made one for this master (an old card of another is "any").
            let choice = reply.conversation.masterChoice.map(MasterID.init).flatMap { $0 == request.masterID ? $0 : nil }
            try await showDay(request.service.id, choice, date, reply: &reply, notice: notice)
        case .customerLimitReached(let count):
            reply.answer(reply.text(.limitReached, ["count": String(count)]), alert: true)
        case .dailyLimitReached:
            reply.answer(reply.text(.dailyLimitReached), alert: true)
        case .beyondHorizon:
            reply.answer(reply.text(.beyondHorizon), alert: true)
        case .unavailable, .notFound, .notActive, .insideCancelWindow:
            reply.answer(reply.text(.serviceGone), alert: true)
        }
    }

    /// The service when it still exists and is active; otherwise tells the user.
    func activeService(_ id: ServiceID, reply: inout Reply) async throws -> Service? {
        guard let service = try await catalog.services(reply.tenant.id).first(where: { $0.id == id }), service.isActive else {
            reply.answer(reply.text(.serviceGone), alert: true)
            return nil
        }
        return service
    }

    private func backFromCalendar(_ service: Service, reply: Reply) async throws -> CallbackAction {
        let masters = try await catalog.masters(reply.tenant.id).filter { $0.isActive && service.isPerformed(by: $0.id) }
        return masters.count > 1 ? .service(service.id) : .services
    }

    /// Loads what the engine needs for the given local days, as `viewer` may book them (see `Schedule.load`).
    func loadSchedule(_ tenant: TenantContext, days: Range<Int>, now: Date, viewer: UserID?) async throws -> Schedule {
        try await Schedule.load(tenant, days: days, now: now, catalog: catalog, bookings: bookings, viewer: viewer)
    }
}
