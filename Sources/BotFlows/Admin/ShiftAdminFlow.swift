import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// Shifting every active booking of a day (one master or all) by ±N minutes: all or nothing. Each new time is checked
/// against working hours, blocks and other bookings before anything changes, and the store moves them in one
/// transaction; customers are notified of their new times.
struct ShiftAdminFlow: Sendable {
    /// Who is asking, the audit log and the clock.
    let session: AdminSession
    /// Services and masters.
    let catalog: any CatalogStore
    /// Bookings and blocks.
    let bookings: any BookingStore
    /// Admin reads and batch changes.
    let backOffice: any BackOfficeStore
    /// Tells customers what an admin did to their bookings.
    let notice: CustomerNotice
    /// Offers freed times to the waitlist.
    let waitlist: WaitlistFlow

    /// The offsets offered, in minutes; any other within ±`maxMinutes` can be typed.
    static let offsets = [-60, -30, -15, 15, 30, 60]
    /// The largest shift, either way (what the shift buttons can carry).
    static let maxMinutes = 720

    func start(_ master: MasterID?, _ date: LocalDate, reply: inout Reply) async throws {
        let buttons = Self.offsets.map { InlineKeyboardButton.admin(($0 > 0 ? "+" : "−") + "\(abs($0))", .shiftPreview(master, date, minutes: $0)) }
        let rows = [
            Array(buttons.prefix(3)), Array(buttons.suffix(3)), [reply.button(.shiftOther, .shiftAsk(master, date))],
            [reply.button(.back, .day(master, date))],
        ]
        reply.show(reply.admin(.shiftChoose, ["date": reply.format.date(date)]), keyboard: InlineKeyboardMarkup(rows))
    }

    /// Waits for a typed shift: "+45", "-90" or "45" minutes.
    func ask(_ master: MasterID?, _ date: LocalDate, reply: inout Reply) async throws {
        try await session.ask(
            .shiftMinutes(master: master?.rawValue, day: date.compact), reply.admin(.shiftAskMinutes, ["max": String(Self.maxMinutes)]), reply: &reply)
    }

    /// A typed shift, previewed like a button's (the preview's Confirm carries it).
    func receive(_ text: String, master: Int64?, day: String, reply: inout Reply) async throws {
        let cleaned = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "−", with: "-")
        guard let date = LocalDate(compact: day), cleaned.count <= 5, let minutes = Int(cleaned.hasPrefix("+") ? String(cleaned.dropFirst()) : cleaned),
            minutes != 0, abs(minutes) <= Self.maxMinutes
        else { return reply.send(reply.admin(.shiftBadMinutes, ["max": String(Self.maxMinutes)])) }
        session.setInput(nil, reply: &reply)
        try await preview(master.map(MasterID.init), date, minutes: minutes, reply: &reply)
    }

    /// The day's active bookings with their shifted requests, and the first refusal if any; nil for an unknown master.
    private func plan(_ master: MasterID?, _ date: LocalDate, minutes: Int, reply: Reply) async throws
        -> (batch: [(booking: Booking, request: BookingRequest)], refusal: (Booking, BookingError)?)?
    {
        guard
            let schedule = try await Schedule.loadForBatch(
                reply.tenant, date: date, master: master, now: session.now, catalog: catalog, bookings: bookings)
        else { return nil }
        let services = Dictionary(try await catalog.services(reply.tenant.id).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let day = reply.tenant.calendar.dayRange(date)
        let batch = schedule.bookings
            .filter { day.contains($0.start) && (master == nil || $0.masterID == master) }
            .sorted { ($0.start, $0.id) < ($1.start, $1.id) }
            .compactMap { booking -> (booking: Booking, request: BookingRequest)? in
                guard let service = services[booking.serviceID] else { return nil }
                let start = booking.start.addingTimeInterval(Double(minutes) * 60)
                return (booking, BookingRequest(customer: booking.customer, chat: booking.chat, service: service, masterID: booking.masterID, start: start))
            }
        return (batch, schedule.validateAdminBatch(batch))
    }

    func preview(_ master: MasterID?, _ date: LocalDate, minutes: Int, reply: inout Reply, notice: String? = nil) async throws {
        guard let (batch, refusal) = try await plan(master, date, minutes: minutes, reply: reply) else { return reply.answer(reply.text(.staleButton)) }
        let calendar = reply.tenant.calendar
        let signed = (minutes > 0 ? "+" : "−") + "\(abs(minutes))"
        var lines = [reply.admin(.shiftPreview, ["date": reply.format.date(date), "minutes": signed, "count": String(batch.count)])]
        if let notice { lines.insert(notice + "\n", at: 0) }
        for (booking, request) in batch {
            lines.append("• \(calendar.localTime(of: booking.start)) → \(calendar.localTime(of: request.start)) \(request.service.name)")
        }
        var rows: [[InlineKeyboardButton]] = []
        if let (booking, error) = refusal {
            lines.append("\n" + reply.admin(.shiftRefused, ["time": calendar.localTime(of: booking.start).description, "reason": error.adminReason(reply)]))
        } else if !batch.isEmpty {
            rows.append([reply.button(.shiftConfirm, .shiftConfirm(master, date, minutes: minutes), ["count": String(batch.count)])])
        }
        rows.append([reply.button(.back, .shiftStart(master, date))])
        reply.show(lines.joined(separator: "\n"), keyboard: InlineKeyboardMarkup(rows))
    }

    func confirm(_ master: MasterID?, _ date: LocalDate, minutes: Int, reply: inout Reply) async throws {
        guard let (batch, refusal) = try await plan(master, date, minutes: minutes, reply: reply) else { return reply.answer(reply.text(.staleButton)) }
        guard refusal == nil, !batch.isEmpty else {
            reply.answer(reply.admin(.shiftNothingChanged), alert: true)
            return try await preview(master, date, minutes: minutes, reply: &reply)
        }
        let moved: [Booking]
        do {
            moved = try await backOffice.moveBookings(batch.map { BookingMove(id: $0.booking.id, request: $0.request) }, tenant: reply.tenant.id, now: session.now)
        } catch is BookingError {
            reply.answer(reply.admin(.shiftNothingChanged), alert: true)
            return try await preview(master, date, minutes: minutes, reply: &reply)
        }
        let calendar = reply.tenant.calendar
        let old = batch.map { "booking:\($0.booking.id)@\(calendar.localTime(of: $0.booking.start))" }.joined(separator: ",")
        let new = batch.map { "booking:\($0.booking.id)@\(calendar.localTime(of: $0.request.start))" }.joined(separator: ",")
        try await session.audit(.shiftDay, target: "day:\(date.compact):\(master.map { String($0.rawValue) } ?? "all")", old: old, new: new, reply: reply)
        let starts = Dictionary(batch.map { ($0.booking.id, $0.booking.start) }, uniquingKeysWith: { a, _ in a })
        for booking in moved {
            try await notice.moved(booking, from: starts[booking.id] ?? booking.start, reply: &reply)
        }
        try await waitlist.offerFreedSlots(batch.map(\.booking.start), reply: &reply)
        reply.answer(reply.admin(.done))
        reply.show(reply.admin(.shifted, ["count": String(moved.count)]), keyboard: InlineKeyboardMarkup([[reply.button(.toDay, .day(master, date))]]))
    }
}
