import Foundation
import Testing

@testable import BookingCore

@Suite("Policies")
struct PolicyTests {
    let service = makeService(duration: 60)

    func request(_ schedule: Schedule, _ local: String, master: Int64 = 1, service: Service? = nil, customer: Int64 = 100)
        -> BookingRequest
    {
        BookingRequest(
            customer: UserID(customer), chat: ChatID(customer), service: service ?? self.service, masterID: MasterID(master),
            start: schedule.at(local)
        )
    }

    @Test(
        "Minimum notice moves the first slot of today", arguments: [(0, "11:00"), (40, "11:00"), (41, "12:00"), (300, "16:00")])
    func notice(minutes: Int, first: String) {
        var policies = Policies()
        policies.minNoticeMinutes = minutes
        let schedule = makeSchedule(now: "2026-06-10 10:20", policies: policies)
        #expect(schedule.times(on: "2026-06-10", service).first == first)
        #expect(schedule.times(on: "2026-06-11", service).first == "09:00")
    }

    @Test("The horizon is today + horizonDays, whole days")
    func horizon() {
        var policies = Policies()
        policies.horizonDays = 2
        let schedule = makeSchedule(now: "2026-06-10 08:00", policies: policies)
        #expect(schedule.lastBookableDate == date("2026-06-12"))
        #expect(schedule.times(on: "2026-06-12", service).count == 9)
        #expect(schedule.times(on: "2026-06-13", service).isEmpty)
        #expect(schedule.times(on: "2026-06-09", service).isEmpty)
        let month = schedule.monthAvailability(year: 2026, month: 6, service: service, master: .any)
        #expect(month[date("2026-06-09")] == .past)
        #expect(month[date("2026-06-10")] == .free(9))
        #expect(month[date("2026-06-12")] == .free(9))
        #expect(month[date("2026-06-13")] == .beyondHorizon)
        #expect(month.count == 30)
        #expect(schedule.validate(request(schedule, "2026-06-13 09:00")) == .beyondHorizon)
    }

    @Test("validate names the first rule a request breaks")
    func validateReasons() {
        var policies = Policies()
        policies.minNoticeMinutes = 60
        let schedule = makeSchedule(
            now: "2026-06-10 08:00", masters: [makeMaster(1), makeMaster(2, active: false)],
            bookings: [makeBooking(1, start: makeSchedule().at("2026-06-11 12:00"), after: 15)], policies: policies
        )
        #expect(schedule.validate(request(schedule, "2026-06-11 10:00")) == nil)
        #expect(schedule.validate(request(schedule, "2026-06-10 08:30")) == .tooSoon)
        #expect(schedule.validate(request(schedule, "2026-06-09 10:00")) == .tooSoon)
        #expect(schedule.validate(request(schedule, "2026-06-11 10:30")) == .outsideWorkingHours)
        #expect(schedule.validate(request(schedule, "2026-06-11 18:00")) == .outsideWorkingHours)
        #expect(schedule.validate(request(schedule, "2026-06-11 12:00")) == .slotTaken)
        // The booking's 15-minute buffer after 13:00 reaches into the 13:00 slot.
        #expect(schedule.validate(request(schedule, "2026-06-11 13:00")) == .slotTaken)
        #expect(schedule.validate(request(schedule, "2026-06-11 12:00"), ignoring: BookingID(1)) == nil)
        #expect(schedule.validate(request(schedule, "2026-06-11 10:00", master: 2)) == .unavailable)
        #expect(schedule.validate(request(schedule, "2026-06-11 10:00", master: 3)) == .unavailable)
        #expect(schedule.validate(request(schedule, "2026-06-11 10:00", service: makeService(active: false))) == .unavailable)
        #expect(schedule.validate(request(schedule, "2026-06-11 10:00", service: makeService(masters: [2]))) == .unavailable)
        // A service with a 30-minute buffer before cannot start right after the booking's buffer ends at 13:15.
        let buffered = makeService(duration: 45, step: 15, before: 30)
        #expect(schedule.validate(request(schedule, "2026-06-11 13:30", service: buffered)) == .slotTaken)
        #expect(schedule.validate(request(schedule, "2026-06-11 13:45", service: buffered)) == nil)
    }

    @Test("Customers may change a booking only outside the cancel window")
    func cancelWindow() {
        let schedule = makeSchedule(now: "2026-06-10 10:00")
        let booking = makeBooking(1, start: schedule.at("2026-06-11 10:00"))
        #expect(schedule.canCustomerChange(booking) == nil)
        var late = booking
        late.start = schedule.at("2026-06-11 09:59")
        #expect(schedule.canCustomerChange(late) == .insideCancelWindow(hours: 24))
        var cancelled = booking
        cancelled.status = .cancelled(by: .customer, reason: nil)
        #expect(schedule.canCustomerChange(cancelled) == .notActive)
        var policies = Policies()
        policies.cancelNoticeHours = 0
        let relaxed = makeSchedule(now: "2026-06-10 10:00", policies: policies)
        #expect(relaxed.canCustomerChange(late) == nil)
    }

    @Test("Active future bookings per customer are capped")
    func activeCap() {
        let schedule = makeSchedule(now: "2026-06-10 10:00")
        let days = ["2026-06-11", "2026-06-12", "2026-06-13"]
        let future = days.enumerated().map { makeBooking(Int64($0.offset + 1), start: schedule.at("\($0.element) 10:00")) }
        let new = request(schedule, "2026-06-20 10:00")
        #expect(schedule.checkCustomerLimits(new, existing: future) == .customerLimitReached(3))
        #expect(schedule.checkCustomerLimits(new, existing: future, ignoring: BookingID(2)) == nil)
        #expect(schedule.checkCustomerLimits(new, existing: Array(future.prefix(2))) == nil)
        let past = makeBooking(9, start: schedule.at("2026-06-09 10:00"))
        var cancelled = makeBooking(10, start: schedule.at("2026-06-15 10:00"))
        cancelled.status = .cancelled(by: .admin, reason: "ill")
        let someoneElse = makeBooking(11, customer: 200, start: schedule.at("2026-06-16 10:00"))
        #expect(schedule.checkCustomerLimits(new, existing: Array(future.prefix(2)) + [past, cancelled, someoneElse]) == nil)
    }

    @Test(
        "An optional cap per local day",
        arguments: [(nil, nil), (1, BookingError.dailyLimitReached(1)), (2, nil)] as [(Int?, BookingError?)])
    func dailyCap(perDay: Int?, expected: BookingError?) {
        var policies = Policies()
        policies.maxPerCustomerPerDay = perDay
        let schedule = makeSchedule(zone: "America/New_York", now: "2026-06-10 10:00", policies: policies)
        // 23:00 local on the 11th is already the 12th in UTC; it still counts for the 11th.
        let existing = [
            makeBooking(1, start: schedule.at("2026-06-11 23:00")), makeBooking(2, start: schedule.at("2026-06-12 09:00")),
        ]
        #expect(schedule.checkCustomerLimits(request(schedule, "2026-06-11 10:00"), existing: [existing[0]]) == expected)
        #expect(schedule.checkCustomerLimits(request(schedule, "2026-06-13 10:00"), existing: existing) == nil)
    }
}
