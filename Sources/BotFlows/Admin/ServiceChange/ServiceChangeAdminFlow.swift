import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// Changing every upcoming confirmed booking of a day (one master's or all) to another service: all or nothing. Each
/// new length is checked against working hours, blocks, the other bookings and the batch itself before anything
/// changes, and the store changes them in one transaction (a booking made meanwhile refuses the whole batch);
/// customers are told in their language and their reminders follow the new service.
struct ServiceChangeAdminFlow: Sendable {
    /// Who is asking, the audit log and the clock.
    let session: AdminSession
    /// Services and masters.
    let catalog: any CatalogStore
    /// Bookings and blocks.
    let bookings: any BookingStore
    /// The batch change.
    let backOffice: any BackOfficeStore
    /// Tells customers what an admin did to their bookings.
    let notice: CustomerNotice
    /// Offers time a shorter service frees to the waitlist.
    let waitlist: WaitlistFlow

    /// Services listed to choose from.
    static let maxServices = 40

    func handle(_ callback: ServiceChangeCallback, reply: inout Reply) async throws {
        switch callback {
        case .start(let master, let date): try await start(master, date, reply: &reply)
        case .preview(let master, let date, let service): try await preview(master, date, service, reply: &reply)
        case .confirm(let master, let date, let service): try await confirm(master, date, service, reply: &reply)
        }
    }

    func start(_ master: MasterID?, _ date: LocalDate, reply: inout Reply) async throws {
        let services = try await catalog.services(reply.tenant.id).filter(\.isActive).prefix(Self.maxServices)
        var rows = services.map { [InlineKeyboardButton.serviceChange($0.name, .preview(master, date, $0.id))] }
        rows.append([reply.button(.back, .day(master, date))])
        let text = services.isEmpty ? reply.serviceChange(.noServices) : reply.serviceChange(.choose, ["date": reply.format.date(date)])
        reply.show(text, keyboard: InlineKeyboardMarkup(rows))
    }

    /// The day's upcoming confirmed bookings not yet of `service`, each with its request at the same start for `service`,
    /// and the first refusal if any; nil for an unknown master or service.
    private func plan(_ master: MasterID?, _ date: LocalDate, _ serviceID: ServiceID, reply: Reply) async throws
        -> (service: Service, batch: [(booking: Booking, request: BookingRequest)], refusal: (Booking, BookingError)?)?
    {
        let tenant = reply.tenant
        guard
            let schedule = try await Schedule.loadForBatch(
                tenant, date: date, master: master, now: session.now, catalog: catalog, bookings: bookings),
            let service = try await catalog.services(tenant.id).first(where: { $0.id == serviceID && $0.isActive })
        else { return nil }
        let day = tenant.calendar.dayRange(date)
        let now = session.now
        let batch = schedule.bookings
            .filter {
                day.contains($0.start) && $0.start >= now && $0.status == .confirmed && $0.serviceID != serviceID
                    && (master == nil || $0.masterID == master)
            }
            .sorted { ($0.start, $0.id) < ($1.start, $1.id) }
            .map { ($0, BookingRequest(customer: $0.customer, chat: $0.chat, service: service, masterID: $0.masterID, start: $0.start)) }
        return (service, batch, schedule.validateAdminBatch(batch))
    }

    func preview(_ master: MasterID?, _ date: LocalDate, _ serviceID: ServiceID, reply: inout Reply, notice: String? = nil) async throws {
        guard let (service, batch, refusal) = try await plan(master, date, serviceID, reply: reply) else {
            return reply.answer(reply.text(.staleButton))
        }
        let calendar = reply.tenant.calendar
        let names = Dictionary(try await catalog.services(reply.tenant.id).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var lines: [String] = notice.map { [$0 + "\n"] } ?? []
        var rows: [[InlineKeyboardButton]] = []
        if batch.isEmpty {
            lines.append(reply.serviceChange(.nothing))
        } else {
            lines.append(reply.serviceChange(
                .preview, ["date": reply.format.date(date), "service": service.name, "minutes": String(service.durationMinutes), "count": String(batch.count)]))
            for (booking, request) in batch {
                lines.append(reply.serviceChange(
                    .line, ["time": calendar.localTime(of: booking.start).description, "old": names[booking.serviceID] ?? "", "end": calendar.localTime(of: request.end).description]))
            }
            if let (booking, error) = refusal {
                lines.append("\n" + reply.serviceChange(
                    .refused, ["time": calendar.localTime(of: booking.start).description, "old": names[booking.serviceID] ?? "", "reason": error.adminReason(reply)]))
            } else {
                rows.append([.serviceChange(reply.serviceChange(.confirm, ["count": String(batch.count)]), .confirm(master, date, serviceID))])
            }
        }
        rows.append([.serviceChange(reply.serviceChange(.back), .start(master, date)), reply.button(.toDay, .day(master, date))])
        reply.show(lines.joined(separator: "\n"), keyboard: InlineKeyboardMarkup(rows))
    }

    func confirm(_ master: MasterID?, _ date: LocalDate, _ serviceID: ServiceID, reply: inout Reply) async throws {
        guard let (service, batch, refusal) = try await plan(master, date, serviceID, reply: reply) else {
            return reply.answer(reply.text(.staleButton))
        }
        guard refusal == nil, !batch.isEmpty else {
            reply.answer(reply.serviceChange(.nothingChanged), alert: true)
            return try await preview(master, date, serviceID, reply: &reply)
        }
        let changed: [Booking]
        do {
            changed = try await backOffice.changeServices(
                batch.map { BookingMove(id: $0.booking.id, request: $0.request) }, tenant: reply.tenant.id, now: session.now)
        } catch is BookingError {
            reply.answer(reply.serviceChange(.nothingChanged), alert: true)
            return try await preview(master, date, serviceID, reply: &reply)
        }
        let old = batch.map { "booking:\($0.booking.id)@service:\($0.booking.serviceID)" }.joined(separator: ",")
        try await session.audit(
            .changeDayService, target: "day:\(date.compact):\(master.map { String($0.rawValue) } ?? "all")", old: old, new: "service:\(service.id)",
            reply: reply)
        let before = Dictionary(batch.map { ($0.booking.id, $0.booking) }, uniquingKeysWith: { a, _ in a })
        for booking in changed {
            guard let previous = before[booking.id] else { continue }
            try await notice.serviceChanged(booking, from: previous, reply: &reply)
        }
        try await waitlist.offerFreedSlots(batch.map(\.booking.start), reply: &reply)
        reply.answer(reply.admin(.done))
        reply.show(
            reply.serviceChange(.changed, ["count": String(changed.count)]), keyboard: InlineKeyboardMarkup([[reply.button(.toDay, .day(master, date))]]))
    }
}
