import Foundation

extension Block {
    /// A block of the whole local day `date`, for one master or (nil) all.
    public static func wholeDay(
        _ date: LocalDate, id: BlockID, masterID: MasterID?, reason: String, calendar: ZonedCalendar
    ) -> Block {
        Block(id: id, masterID: masterID, range: calendar.dayRange(date), reason: reason)
    }

    /// A block of the local dates `first...last`, both whole; nil when `last` is before `first`.
    public static func dates(
        _ first: LocalDate, through last: LocalDate, id: BlockID, masterID: MasterID?, reason: String, calendar: ZonedCalendar
    ) -> Block? {
        guard first <= last else { return nil }
        let range = calendar.startOfDay(first)..<calendar.startOfDay(last.adding(days: 1))
        return Block(id: id, masterID: masterID, range: range, reason: reason)
    }

    /// A block of wall-clock `start..<end` on `date` (a slot or a few hours); nil when it is empty.
    ///
    /// Times inside a DST gap are moved to the moment the clock jumps; 24:00 is the end of the day.
    public static func time(
        on date: LocalDate, from start: LocalTime, to end: LocalTime, id: BlockID, masterID: MasterID?, reason: String,
        calendar: ZonedCalendar
    ) -> Block? {
        let lower = calendar.earliestInstant(atOrAfter: date, start)
        let upper = calendar.earliestInstant(atOrAfter: date, end)
        guard lower < upper else { return nil }
        return Block(id: id, masterID: masterID, range: lower..<upper, reason: reason)
    }

    /// True when creating this block cancels `booking`: it is active, of a blocked master, and the
    /// appointment itself (buffers not included) overlaps the block.
    public func cancels(_ booking: Booking) -> Bool {
        booking.status.isActive && applies(to: booking.masterID) && booking.start < booking.end
            && range.overlaps(booking.start..<booking.end)
    }
}
