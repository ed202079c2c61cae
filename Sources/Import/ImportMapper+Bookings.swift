import BookingCore
import Foundation

extension ImportMapper {
    /// Who is recorded on a cancelled booking whose customer the original did not keep (an admin cancelled it).
    public static let unknownCustomer = UserID(0)
    /// Placeholder master id in planned bookings; the writer puts the chair's id.
    static let chair = MasterID(0)

    /// Active rows (past → completed, future → confirmed) and cancelled ones recovered from `booking_history`.
    func mapBookings(_ data: OriginalTenantData, serviceDurations: [String: Int], _ report: inout ImportReport) -> [Planned<PlannedBooking>]
    {
        var moves: [Int64: [OriginalRow]] = [:]
        var cancels: [OriginalRow] = []
        for row in data.rows("booking_history") {
            guard let booking = OriginalValues.id(row["booking_id"]) else {
                report.skipped.append(
                    "booking_history \(row["id"] ?? "?"): booking_id \"\(row["booking_id"]?.prefix(20) ?? "NULL")\" invalid")
                continue
            }
            switch row["action"] {
            case "reschedule": moves[booking, default: []].append(row)
            case "cancel": cancels.append(row)
            default:
                report.notes.append("booking_history \(row["id"] ?? "?"): action \"\(Self.clean(row["action"], max: 30))\" not imported")
            }
        }
        var result: [Planned<PlannedBooking>] = []
        var ids: Set<Int64> = []
        for row in data.rows("bookings") {
            guard let id = OriginalValues.id(row["id"]) else {
                report.skipped.append("booking without a valid id \"\(row["id"]?.prefix(20) ?? "NULL")\"")
                continue
            }
            guard let user = OriginalValues.id(row["user_id"]) else {
                report.skipped.append("booking \(id): user \"\(row["user_id"]?.prefix(24) ?? "NULL")\" is not a Telegram user id")
                continue
            }
            guard let start = instant(row["date"], row["time"], what: "booking \(id)", &report) else { continue }
            let serviceKey = serviceKey(row["service_id"], booking: id, known: serviceDurations, &report)
            let serviceDuration = serviceDurations[serviceKey]
            let duration: Int
            if let text = row["duration_minutes"] {
                guard let value = OriginalValues.integer(text, in: OriginalValues.durations) else {
                    report.skipped.append("booking \(id): duration \"\(text.prefix(20))\" is not 1–1440 minutes")
                    continue
                }
                duration = value
            } else {
                duration = serviceDuration ?? 60
            }
            if let serviceDuration, serviceDuration != duration { report.count("bookings.duration_differs_from_service") }
            if let time = row["time"], time.trimmingCharacters(in: .whitespaces).split(separator: ":").first?.count == 1 {
                report.count("bookings.unpadded_time")
            }
            if serviceKey == Self.noServiceKey { report.count("bookings.without_service") }
            let end = start.addingTimeInterval(Double(duration) * 60)
            let createdAt = OriginalValues.timestamp(row["created_at"], calendar: calendar) ?? start
            let past = end <= now
            var history = [
                BookingHistoryEntry(
                    at: createdAt, actor: "import", oldStatus: nil, newStatus: "confirmed", note: "imported from \(data.source)")
            ]
            var serviceKeys = appendMoves(moves.removeValue(forKey: id) ?? [], to: &history, duration: duration, known: serviceDurations, &report)
            if past {
                history.append(
                    BookingHistoryEntry(
                        at: end, actor: "import", oldStatus: "confirmed", newStatus: "completed", note: "a past visit in the original"))
                serviceKeys.append(nil)
            }
            let booking = Booking(
                id: BookingID(0), customer: UserID(user), chat: ChatID(user), serviceID: ServiceID(0), masterID: Self.chair, start: start,
                end: end,
                status: past ? .completed : .confirmed, createdAt: createdAt)
            report.count(past ? "bookings.past_completed" : "bookings.future_confirmed")
            ids.insert(id)
            result.append(
                Planned(
                    key: String(id),
                    value: PlannedBooking(booking: booking, serviceKey: serviceKey, history: history, historyServiceKeys: serviceKeys),
                    content: "\(user)|\(start)|\(end)|\(serviceKey)|\(booking.status.code)|\(history.count)"))
        }
        for row in cancels.sorted(by: Self.historyOrder) {
            guard let id = OriginalValues.id(row["booking_id"]) else { continue }
            guard !ids.contains(id) else {
                report.notes.append("booking \(id) is cancelled in history but still a booking row: the row wins")
                continue
            }
            guard let start = instant(row["old_date"], row["old_time"], what: "cancelled booking \(id)", &report) else { continue }
            guard let actorID = OriginalValues.id(row["changed_by"]) else {
                report.skipped.append("cancelled booking \(id): changed_by \"\(row["changed_by"]?.prefix(24) ?? "NULL")\" invalid")
                continue
            }
            let byCustomer = row["changed_by_type"] == "user"
            let customer = byCustomer ? UserID(actorID) : Self.unknownCustomer
            if !byCustomer { report.count("bookings.cancelled_customer_unknown") }
            let serviceKey = serviceKey(row["old_service_id"], booking: id, known: serviceDurations, &report)
            let duration = serviceDurations[serviceKey] ?? 60
            let at = OriginalValues.timestamp(row["changed_at"], calendar: calendar) ?? start
            let reason = row["reason"].map { Self.clean($0, max: 500) }
            let by: CancelledBy = byCustomer ? .customer : .admin
            var history = [
                BookingHistoryEntry(
                    at: at, actor: "import", oldStatus: nil, newStatus: "confirmed", note: "imported from \(data.source) (cancelled)")
            ]
            var serviceKeys = appendMoves(moves.removeValue(forKey: id) ?? [], to: &history, duration: duration, known: serviceDurations, &report)
            history.append(
                BookingHistoryEntry(
                    at: at, actor: byCustomer ? "customer:\(actorID)" : "admin:\(actorID)", oldStatus: "confirmed", newStatus: "cancelled",
                    note: reason))
            serviceKeys.append(nil)
            let booking = Booking(
                id: BookingID(0), customer: customer, chat: ChatID(customer.rawValue), serviceID: ServiceID(0), masterID: Self.chair,
                start: start,
                end: start.addingTimeInterval(Double(duration) * 60), status: .cancelled(by: by, reason: reason), createdAt: at)
            report.count("bookings.cancelled_from_history")
            ids.insert(id)
            result.append(
                Planned(
                    key: String(id),
                    value: PlannedBooking(booking: booking, serviceKey: serviceKey, history: history, historyServiceKeys: serviceKeys),
                    content: "\(customer)|\(start)|\(serviceKey)|cancelled|\(by)|\(history.count)"))
        }
        for (id, rows) in moves.sorted(by: { $0.key < $1.key }) {
            report.notes.append("booking_history: \(rows.count) reschedule row(s) of booking \(id), which exists nowhere: not imported")
        }
        return result
    }

    /// The instant of an original date and time text in the tenant's zone; a skip when either is unreadable. A time
    /// that a DST gap skips becomes the moment the clock jumps over it (noted).
    func instant(_ dateText: String?, _ timeText: String?, what: String, _ report: inout ImportReport) -> Date? {
        guard let date = OriginalValues.date(dateText) else {
            report.skipped.append("\(what): date \"\(dateText?.prefix(24) ?? "NULL")\" is not a date in 2000–2100")
            return nil
        }
        guard let time = OriginalValues.time(timeText) else {
            report.skipped.append("\(what): time \"\(timeText?.prefix(24) ?? "NULL")\" is not HH:MM")
            return nil
        }
        if let exact = calendar.instant(date, time) { return exact }
        report.notes.append("\(what): \(date) \(time) does not exist in \(calendar.zone.identifier) (DST gap); placed at the jump")
        return calendar.earliestInstant(atOrAfter: date, time)
    }

    private func serviceKey(_ text: String?, booking: Int64, known: [String: Int], _ report: inout ImportReport) -> String {
        guard let text else { return Self.noServiceKey }
        guard let id = OriginalValues.id(text), known[String(id)] != nil else {
            report.notes.append(
                "booking \(booking): service \"\(text.prefix(20))\" unknown or skipped; booked under the placeholder service")
            return Self.noServiceKey
        }
        return String(id)
    }

    /// Appends a booking's reschedules, oldest first, to its `history`; returns the service key of each entry (nil for
    /// the entries before them).
    private func appendMoves(
        _ moves: [OriginalRow], to history: inout [BookingHistoryEntry], duration: Int, known: [String: Int], _ report: inout ImportReport
    ) -> [String?] {
        var serviceKeys = [String?](repeating: nil, count: history.count)
        for move in moves.sorted(by: Self.historyOrder) {
            guard let entry = moveEntry(move, duration: duration, known: known, &report) else { continue }
            history.append(entry.entry)
            serviceKeys.append(entry.serviceKey)
            report.count("history.reschedules")
        }
        return serviceKeys
    }

    private func moveEntry(_ row: OriginalRow, duration: Int, known: [String: Int], _ report: inout ImportReport) -> (
        entry: BookingHistoryEntry, serviceKey: String?
    )? {
        let what = "booking_history \(row["id"] ?? "?")"
        guard let from = instant(row["old_date"], row["old_time"], what: what, &report),
            let to = instant(row["new_date"], row["new_time"], what: what, &report),
            let actor = OriginalValues.id(row["changed_by"])
        else { return nil }
        let at = OriginalValues.timestamp(row["changed_at"], calendar: calendar) ?? from
        let byCustomer = row["changed_by_type"] == "user"
        let serviceKey = OriginalValues.id(row["new_service_id"]).map(String.init).flatMap { known[$0] != nil ? $0 : nil }
        // Placements name the chair and service 0 here; the writer resolves them.
        let seconds = Double(duration) * 60
        let entry = BookingHistoryEntry(
            at: at, actor: byCustomer ? "customer:\(actor)" : "admin:\(actor)", oldStatus: "confirmed", newStatus: "confirmed",
            note: row["reason"].map { Self.clean($0, max: 500) },
            from: BookingPlacement(start: from, end: from.addingTimeInterval(seconds), masterID: Self.chair, serviceID: ServiceID(0)),
            to: BookingPlacement(start: to, end: to.addingTimeInterval(seconds), masterID: Self.chair, serviceID: ServiceID(0)))
        return (entry, serviceKey)
    }

    static func historyOrder(_ a: OriginalRow, _ b: OriginalRow) -> Bool {
        let (x, y) = (OriginalValues.id(a["id"]) ?? 0, OriginalValues.id(b["id"]) ?? 0)
        return x != y ? x < y : (a["changed_at"] ?? "") < (b["changed_at"] ?? "")
    }
}
