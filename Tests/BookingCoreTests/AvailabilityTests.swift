import Foundation
import Testing

@testable import BookingCore

@Suite("Plans, blocks, buffers and fairness")
struct AvailabilityTests {
    let service = makeService(duration: 60)
    let calendar = zoned("Europe/Berlin")

    @Test("Breaks, exceptions and days off shape the day")
    func plans() {
        let master = makeMaster(
            1, ["09:00-12:00", "13:00-15:30"],
            exceptions: [
                PlanException(date: date("2026-06-12"), intervals: []),
                PlanException(date: date("2026-06-13"), intervals: [interval("10:00-12:00")]),
            ]
        )
        var weekly = master
        weekly.plan.days[.sunday] = []
        let schedule = makeSchedule(masters: [weekly])
        #expect(schedule.times(on: "2026-06-11", service) == ["09:00", "10:00", "11:00", "13:00", "14:00"])
        #expect(schedule.times(on: "2026-06-13", service) == ["10:00", "11:00"])
        let month = schedule.monthAvailability(year: 2026, month: 6, service: service, master: .any)
        #expect(month[date("2026-06-12")] == .closed)
        #expect(month[date("2026-06-14")] == .closed)
        #expect(month[date("2026-06-13")] == .fewLeft(2))
        #expect(month[date("2026-06-11")] == .free(5))
    }

    @Test("A service's own grid and buffers apply")
    func gridAndBuffers() {
        let booking = makeBooking(1, start: makeSchedule().at("2026-06-11 10:00"), minutes: 30)
        let schedule = makeSchedule(masters: [makeMaster(1, ["09:00-11:30"])], bookings: [booking])
        #expect(schedule.times(on: "2026-06-11", makeService(duration: 30, step: 20)) == ["09:00", "09:20", "10:40", "11:00"])
        #expect(
            schedule.times(on: "2026-06-11", makeService(duration: 30, step: 20, after: 10)) == [
                "09:00", "09:20", "10:40", "11:00",
            ])
        #expect(schedule.times(on: "2026-06-11", makeService(duration: 30, step: 20, after: 15)) == ["09:00", "10:40", "11:00"])
        #expect(schedule.times(on: "2026-06-11", makeService(duration: 30, step: 20, before: 15)) == ["09:00", "09:20", "11:00"])
    }

    @Test("Blocks: a slot, a whole day, a range, one master or all")
    func blocks() {
        let day = Block.wholeDay(date("2026-06-11"), id: BlockID(1), masterID: nil, reason: "holiday", calendar: calendar)
        let range = Block.dates(
            date("2026-06-15"), through: date("2026-06-17"), id: BlockID(2), masterID: MasterID(2), reason: "leave",
            calendar: calendar)!
        let slot = Block.time(
            on: date("2026-06-18"), from: time("12:00"), to: time("14:00"), id: BlockID(3), masterID: MasterID(1),
            reason: "dentist", calendar: calendar)!
        #expect(
            Block.dates(
                date("2026-06-17"), through: date("2026-06-15"), id: BlockID(4), masterID: nil, reason: "", calendar: calendar)
                == nil)
        #expect(
            Block.time(
                on: date("2026-06-18"), from: time("12:00"), to: time("12:00"), id: BlockID(4), masterID: nil, reason: "",
                calendar: calendar) == nil)
        let schedule = makeSchedule(masters: [makeMaster(1), makeMaster(2)], blocks: [day, range, slot])
        let month = schedule.monthAvailability(year: 2026, month: 6, service: service, master: .any)
        #expect(month[date("2026-06-11")] == .closed)
        #expect(month[date("2026-06-16")] == .free(9))
        let second = schedule.monthAvailability(year: 2026, month: 6, service: service, master: .specific(MasterID(2)))
        #expect(second[date("2026-06-14")] == .free(9))
        #expect(second[date("2026-06-15")] == .closed)
        #expect(second[date("2026-06-17")] == .closed)
        #expect(second[date("2026-06-18")] == .free(9))
        #expect(
            schedule.times(on: "2026-06-18", service, .specific(MasterID(1))) == [
                "09:00", "10:00", "11:00", "14:00", "15:00", "16:00", "17:00",
            ])
        #expect(schedule.slots(on: date("2026-06-18"), service: service, master: .any).count == 9)
    }

    @Test("A block of the whole day follows the zone's real day on DST days", arguments: transitions2026)
    func dayBlockOnDSTDay(transition: Transition) {
        let calendar = zoned(transition.zone)
        let block = Block.wholeDay(date(transition.day), id: BlockID(1), masterID: nil, reason: "", calendar: calendar)
        #expect(block.range.upperBound.timeIntervalSince(block.range.lowerBound) == Double(transition.dayMinutes) * 60)
        #expect(calendar.localDate(of: block.range.lowerBound) == date(transition.day))
        #expect(calendar.localDate(of: block.range.upperBound) == date(transition.day).adding(days: 1))
    }

    @Test("Blocking cancels the overlapping active bookings of the blocked masters, not buffers alone")
    func cancelledByBlock() {
        let base = makeSchedule()
        let bookings = [
            makeBooking(1, master: 1, start: base.at("2026-06-11 12:00")),
            makeBooking(2, master: 2, start: base.at("2026-06-11 12:00")),
            makeBooking(3, master: 1, start: base.at("2026-06-11 10:00"), after: 120),
            makeBooking(4, master: 1, start: base.at("2026-06-11 12:30"), status: .cancelled(by: .customer, reason: nil)),
            makeBooking(5, master: 1, start: base.at("2026-06-11 13:30")),
        ]
        let schedule = makeSchedule(masters: [makeMaster(1), makeMaster(2)], bookings: bookings)
        let block = Block.time(
            on: date("2026-06-11"), from: time("11:30"), to: time("14:00"), id: BlockID(1), masterID: MasterID(1), reason: "",
            calendar: calendar)!
        #expect(schedule.bookings(cancelledBy: block).map(\.id) == [BookingID(1), BookingID(5)])
        var forAll = block
        forAll.masterID = nil
        #expect(schedule.bookings(cancelledBy: forAll).map(\.id) == [BookingID(1), BookingID(2), BookingID(5)])
    }

    @Test("Any master: the least booked that day takes each start, ties go to the lower id")
    func fairness() {
        let base = makeSchedule()
        let bookings = [
            makeBooking(1, master: 1, start: base.at("2026-06-11 09:00")),
            makeBooking(2, master: 1, start: base.at("2026-06-11 10:00")),
            makeBooking(3, master: 2, start: base.at("2026-06-11 11:00")),
            makeBooking(4, master: 2, start: base.at("2026-06-12 11:00")),
            makeBooking(5, master: 2, start: base.at("2026-06-11 15:00"), status: .cancelled(by: .customer, reason: nil)),
        ]
        let schedule = makeSchedule(masters: [makeMaster(2), makeMaster(1), makeMaster(3, active: false)], bookings: bookings)
        let owners = schedule.slots(on: date("2026-06-11"), service: service, master: .any).map {
            "\($0.localTime)@\($0.masterID)"
        }
        #expect(owners == ["09:00@2", "10:00@2", "11:00@1", "12:00@2", "13:00@2", "14:00@2", "15:00@2", "16:00@2", "17:00@2"])
        let tie = schedule.slots(on: date("2026-06-13"), service: service, master: .any)
        #expect(tie.allSatisfy { $0.masterID == MasterID(1) })
        #expect(schedule.slots(on: date("2026-06-12"), service: service, master: .any).allSatisfy { $0.masterID == MasterID(1) })
        #expect(schedule.times(on: "2026-06-11", service, .specific(MasterID(1))).count == 7)
        #expect(schedule.times(on: "2026-06-11", service, .specific(MasterID(3))).isEmpty)
    }

    @Test("Changing the plan, bookings or blocks of a schedule changes what it offers")
    func mutation() {
        var schedule = makeSchedule()
        #expect(schedule.times(on: "2026-06-11", service).count == 9)
        schedule.masters[0].plan = .everyDay(from: time("10:00"), to: time("12:00"))
        #expect(schedule.times(on: "2026-06-11", service) == ["10:00", "11:00"])
        schedule.bookings.append(makeBooking(1, start: schedule.at("2026-06-11 10:00")))
        #expect(schedule.times(on: "2026-06-11", service) == ["11:00"])
        schedule.blocks.append(
            Block.wholeDay(date("2026-06-11"), id: BlockID(1), masterID: MasterID(1), reason: "", calendar: calendar))
        #expect(schedule.times(on: "2026-06-11", service).isEmpty)
        #expect(schedule.availability(on: date("2026-06-11"), service: service, master: .any) == .closed)
        schedule.blocks = []
        schedule.bookings[0].status = .cancelled(by: .admin, reason: nil)
        #expect(schedule.availability(on: date("2026-06-11"), service: service, master: .any) == .fewLeft(2))
    }

    @Test("Inactive services and impossible months show nothing")
    func edges() {
        let schedule = makeSchedule()
        let inactive = makeService(active: false)
        #expect(schedule.times(on: "2026-06-11", inactive).isEmpty)
        #expect(schedule.availability(on: date("2026-06-11"), service: inactive, master: .any) == .closed)
        #expect(schedule.monthAvailability(year: 2026, month: 13, service: service, master: .any).isEmpty)
        #expect(DayAvailability(freeSlots: 0) == .full && !DayAvailability.full.isSelectable)
        #expect(DayAvailability(freeSlots: 3) == .fewLeft(3) && DayAvailability(freeSlots: 4) == .free(4))
    }

    @Test("A fully booked working day is full, not closed")
    func full() {
        let base = makeSchedule()
        let bookings = [makeBooking(1, start: base.at("2026-06-11 09:00"), minutes: 9 * 60)]
        let schedule = makeSchedule(bookings: bookings)
        #expect(schedule.availability(on: date("2026-06-11"), service: service, master: .any) == .full)
    }
}
