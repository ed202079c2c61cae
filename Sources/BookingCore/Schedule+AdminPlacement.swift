import Foundation

extension Schedule {
    /// Checks a placement an admin makes (a mass shift): the master is active and performs the service, the start is
    /// not in the past, the appointment lies inside one of the master's working intervals of its local day, and its
    /// occupied time (buffers included) is free of blocks and of active bookings other than those in `ignoring`.
    /// Admins are not bound to the customer notice, horizon or slot grid. Nil when it may be placed.
    public func validateAdminPlacement(_ request: BookingRequest, ignoring ignored: Set<BookingID>) -> BookingError? {
        guard let master = masters.first(where: { $0.id == request.masterID }), master.isActive, request.service.isPerformed(by: master.id)
        else { return .unavailable }
        if request.start < now { return .tooSoon }
        let day = calendar.localDate(of: request.start)
        let inside = master.intervals(on: day).contains { interval in
            calendar.earliestInstant(atOrAfter: day, interval.start) <= request.start
                && request.end <= calendar.earliestInstant(atOrAfter: day, interval.end)
        }
        guard inside else { return .outsideWorkingHours }
        let booked = bookings.contains {
            $0.masterID == request.masterID && !ignored.contains($0.id) && $0.status.isActive && $0.occupied.overlaps(request.occupied)
        }
        if booked || blocks.contains(where: { $0.applies(to: request.masterID) && $0.range.overlaps(request.occupied) }) {
            return .slotTaken
        }
        return nil
    }

    /// Checks moving every booking of `batch` to its new placement at once; returns the first refusal with the booking
    /// it concerns, or nil when all of them fit. The batch's own old times count as free; its new times must not
    /// overlap each other.
    public func validateAdminBatch(_ batch: [(booking: Booking, request: BookingRequest)]) -> (Booking, BookingError)? {
        let ids = Set(batch.map(\.booking.id))
        for (index, item) in batch.enumerated() {
            if let refusal = validateAdminPlacement(item.request, ignoring: ids) { return (item.booking, refusal) }
            let clash = batch[..<index].contains {
                $0.request.masterID == item.request.masterID && $0.request.occupied.overlaps(item.request.occupied)
            }
            if clash { return (item.booking, .slotTaken) }
        }
        return nil
    }
}
