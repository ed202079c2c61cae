import Foundation

extension Schedule {
    /// Checks that `request` is one of the bookable slots now; nil when it is.
    ///
    /// `ignoring` is the booking being moved: its own time does not count as taken. The checks run in this
    /// order: master and service available, notice, horizon, on the grid of a working interval, free.
    /// Per-customer caps are checked separately by `checkCustomerLimits(_:existing:ignoring:)`.
    public func validate(_ request: BookingRequest, ignoring ignored: BookingID? = nil) -> BookingError? {
        guard let plan = plans.first(where: { $0.master.id == request.masterID }), plan.master.isActive,
            request.service.isActive, request.service.isPerformed(by: request.masterID)
        else { return .unavailable }
        if request.start < earliestStart { return .tooSoon }
        let day = calendar.localDate(of: request.start)
        if day > lastBookableDate { return .beyondHorizon }
        let query = query(for: request.service, from: day, through: day)
        let start = request.start.timeIntervalSince1970
        let local = query.offsets.local(at: start)
        let minute = Int(((local - day.naiveSeconds(minutes: 0)) / 60).rounded(.down).clamped(to: -1e6...1e6))
        let onGrid = workingSpans(on: day, plan: plan, query: query).contains { interval, span in
            gridSlot(on: day, minute: minute, in: interval, end: span.upper, query: query)?.lower == start
        }
        guard onGrid else { return .outsideWorkingHours }
        return isFree(request.occupied, master: request.masterID, ignoring: ignored) ? nil : .slotTaken
    }

    /// Checks whether a customer may still cancel or move `booking` at `now`: only while at least
    /// `policies.cancelNoticeHours` remain before its start. Admins are not bound by it.
    public func canCustomerChange(_ booking: Booking) -> BookingError? {
        guard booking.status.isActive else { return .notActive }
        let limit = booking.start.addingTimeInterval(-Double(policies.cancelNoticeHours) * 3_600)
        return now <= limit ? nil : .insideCancelWindow(hours: policies.cancelNoticeHours)
    }

    /// Checks `request` against the per-customer caps, given that customer's `existing` bookings.
    ///
    /// `ignoring` is the booking being moved, which does not count.
    public func checkCustomerLimits(_ request: BookingRequest, existing: [Booking], ignoring ignored: BookingID? = nil)
        -> BookingError?
    {
        policies.checkCustomerLimits(
            customer: request.customer, start: request.start, existing: existing, ignoring: ignored, now: now, calendar: calendar
        )
    }

    /// The active bookings that `block` cancels, earliest first.
    public func bookings(cancelledBy block: Block) -> [Booking] {
        bookings.filter(block.cancels).sorted { ($0.start, $0.id) < ($1.start, $1.id) }
    }
}

extension Policies {
    /// Checks a new booking of `customer` starting at `start` against the caps, given their `existing` bookings.
    ///
    /// Counts only confirmed bookings of `customer` (others in `existing` are ignored) other than `ignoring`:
    /// those starting after `now` against `maxActivePerCustomer`, and those on the same local date as
    /// `start` against `maxPerCustomerPerDay`. Returns the first cap reached, or nil.
    public func checkCustomerLimits(
        customer: UserID, start: Date, existing: [Booking], ignoring ignored: BookingID? = nil, now: Date, calendar: ZonedCalendar
    ) -> BookingError? {
        let mine = existing.filter { $0.customer == customer && $0.id != ignored && $0.status.isActive }
        if mine.count(where: { $0.start > now }) >= maxActivePerCustomer { return .customerLimitReached(maxActivePerCustomer) }
        if let perDay = maxPerCustomerPerDay {
            let day = calendar.localDate(of: start)
            if mine.count(where: { calendar.localDate(of: $0.start) == day }) >= perDay { return .dailyLimitReached(perDay) }
        }
        return nil
    }
}
