import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// Blocking a slot, a day or a range of days for one master or all, with a reason. The preview lists every booking
/// the block overlaps (not only those starting at the same time); confirming cancels them and notifies their
/// customers, in one transaction with the block.
struct BlockAdminFlow: Sendable {
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
    /// Gives back a cancelled booking's paid deposit.
    let deposits: DepositFlow

    /// Blocks longer than this are refused: a year off is a plan, a longer one a typo.
    static let longestDays = 366
    /// The longest reason kept (it is shown to every customer whose booking the block cancels).
    static let longestReason = 200
    /// The most affected bookings the preview lists one by one (the rest are counted), so it fits one message.
    static let listedBookings = 25

    func instant(_ minute: Int64) -> Date { Date(timeIntervalSince1970: Double(minute) * 60) }

    /// The master when it exists (nil = all); `.none` when it does not.
    func master(_ id: MasterID?, reply: Reply) async throws -> Master?? {
        guard let id else { return .some(nil) }
        guard let found = try await catalog.masters(reply.tenant.id).first(where: { $0.id == id }) else { return .none }
        return .some(found)
    }

    /// Wall-clock hours offered as block boundaries: the masters' working day, in 30-minute steps.
    func times(on date: LocalDate, master: MasterID?, reply: Reply) async throws -> [Date] {
        let masters = try await catalog.masters(reply.tenant.id).filter { master == nil || $0.id == master }
        let intervals = masters.flatMap { $0.intervals(on: date) }
        let first = intervals.map(\.start.minutes).min() ?? 9 * 60
        let last = intervals.map(\.end.minutes).max() ?? 18 * 60
        let calendar = reply.tenant.calendar
        return stride(from: first, through: last, by: 30).compactMap { LocalTime(minutes: $0) }.map { calendar.earliestInstant(atOrAfter: date, $0) }
    }

    static func grid(_ buttons: [InlineKeyboardButton]) -> [[InlineKeyboardButton]] {
        stride(from: 0, to: buttons.count, by: 4).map { Array(buttons[$0..<min($0 + 4, buttons.count)]) }
    }

    func start(_ masterID: MasterID?, _ date: LocalDate, reply: inout Reply) async throws {
        guard case .some(let master) = try await master(masterID, reply: reply) else { return reply.answer(reply.text(.staleButton)) }
        let calendar = reply.tenant.calendar
        let dayStart = calendar.startOfDay(date).epochMinute
        let whole = { (days: Int) in AdminCallback.blockPreview(masterID, from: dayStart, to: calendar.startOfDay(date.adding(days: days)).epochMinute) }
        var rows = [[reply.button(.wholeDay, whole(1)), reply.button(.days3, whole(3)), reply.button(.days7, whole(7))]]
        let starts = try await times(on: date, master: masterID, reply: reply).dropLast()
        rows += Self.grid(starts.map { .admin(calendar.localTime(of: $0).description, .blockFrom(masterID, epochMinute: $0.epochMinute)) })
        rows.append([.blocks(reply.blocks(.untilDate), .endMonth(masterID, from: dayStart, YearMonth(date)))])
        rows.append([reply.button(.back, .day(masterID, date))])
        let values = ["master": master?.name ?? reply.admin(.allMasters), "date": reply.format.date(date)]
        reply.show(reply.admin(.blockChoose, values), keyboard: InlineKeyboardMarkup(rows))
    }

    func chooseEnd(_ masterID: MasterID?, from minute: Int64, reply: inout Reply) async throws {
        guard case .some = try await master(masterID, reply: reply) else { return reply.answer(reply.text(.staleButton)) }
        let calendar = reply.tenant.calendar
        let from = instant(minute)
        let date = calendar.localDate(of: from)
        let ends = try await times(on: date, master: masterID, reply: reply).filter { $0 > from }
        var rows = Self.grid(ends.map { .admin(calendar.localTime(of: $0).description, .blockPreview(masterID, from: minute, to: $0.epochMinute)) })
        rows.append([reply.button(.endOfDay, .blockPreview(masterID, from: minute, to: calendar.startOfDay(date.adding(days: 1)).epochMinute))])
        rows.append([.blocks(reply.blocks(.untilDate), .endMonth(masterID, from: minute, YearMonth(date)))])
        rows.append([reply.button(.back, .blockStart(masterID, date))])
        reply.show(reply.admin(.blockChooseEnd, ["from": session.when(from, reply)]), keyboard: InlineKeyboardMarkup(rows))
    }

    /// The block as it would be created, with the bookings it would cancel; nil when the request is not acceptable.
    private func plan(_ masterID: MasterID?, from: Int64, to: Int64, reason: String, reply: inout Reply) async throws -> (Block, [Booking], Master?)? {
        guard case .some(let master) = try await master(masterID, reply: reply), to > from, to - from <= Int64(Self.longestDays + 1) * 1440 else {
            reply.answer(reply.text(.staleButton))
            return nil
        }
        let block = Block(id: BlockID(0), masterID: masterID, range: instant(from)..<instant(to), reason: reason)
        // Every active booking that overlaps the block (a 10:00–11:00 block cancels a 10:30 booking), not equal starts.
        let wide = block.range.lowerBound.addingTimeInterval(-86_400)..<block.range.upperBound
        let affected = try await bookings.activeBookings(overlapping: wide, tenant: reply.tenant.id).filter(block.cancels)
            .sorted { ($0.start, $0.id) < ($1.start, $1.id) }
        return (block, affected, master)
    }

    func preview(_ masterID: MasterID?, from: Int64, to: Int64, reason: String?, reply: inout Reply) async throws {
        var reason = reason
        if reason == nil, case .blockReason(let m, let f, let t, let saved)? = reply.conversation.adminInput,
            m == masterID?.rawValue, f == from, t == to
        {
            reason = saved
        }
        guard let (block, affected, master) = try await plan(masterID, from: from, to: to, reason: reason ?? "", reply: &reply) else { return }
        session.setInput(.blockReason(master: masterID?.rawValue, from: from, to: to, reason: reason), reply: &reply)
        let calendar = reply.tenant.calendar
        let names = try await backOffice.customerNames(reply.tenant.id)
        let services = Dictionary(try await catalog.services(reply.tenant.id).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var lines = [
            reply.admin(
                .blockPreview,
                [
                    "master": master?.name ?? reply.admin(.allMasters), "from": session.when(block.range.lowerBound, reply),
                    "to": session.when(block.range.upperBound, reply), "reason": reason ?? "—", "count": String(affected.count),
                ])
        ]
        for booking in affected.prefix(Self.listedBookings) {
            lines.append("• \(session.when(booking.start, reply))–\(calendar.localTime(of: booking.end)) \(services[booking.serviceID] ?? "") · \(names[booking.customer] ?? "")")
        }
        if affected.count > Self.listedBookings { lines.append(reply.blocks(.andMore, ["count": String(affected.count - Self.listedBookings)])) }
        lines.append("\n" + reply.admin(.blockReasonHint))
        let rows = [
            [reply.button(.blockConfirm, .blockConfirm(masterID, from: from, to: to), ["count": String(affected.count)])],
            [reply.button(.back, .blockStart(masterID, calendar.localDate(of: block.range.lowerBound)))],
        ]
        reply.show(lines.joined(separator: "\n"), keyboard: InlineKeyboardMarkup(rows))
    }

    /// A typed reason: kept when it fits (trimmed), then the preview again with it; an oversize one is refused politely.
    func receiveReason(_ text: String, master: MasterID?, from: Int64, to: Int64, reply: inout Reply) async throws {
        let reason = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count <= Self.longestReason else {
            return reply.send(reply.blocks(.reasonTooLong, ["max": String(Self.longestReason), "length": String(reason.count)]))
        }
        session.setInput(.blockReason(master: master?.rawValue, from: from, to: to, reason: reason), reply: &reply)
        try await preview(master, from: from, to: to, reason: reason, reply: &reply)
    }

    func confirm(_ masterID: MasterID?, from: Int64, to: Int64, reply: inout Reply) async throws {
        var reason = ""
        if case .blockReason(let m, let f, let t, let saved)? = reply.conversation.adminInput, m == masterID?.rawValue, f == from, t == to {
            reason = saved ?? ""
        }
        // The affected bookings are computed again now: what the preview showed may have changed since.
        guard let (block, affected, _) = try await plan(masterID, from: from, to: to, reason: reason, reply: &reply) else { return }
        let stored = try await bookings.addBlock(block, tenant: reply.tenant.id)
        var cancelled: [Booking] = []
        for booking in affected {
            do {
                cancelled.append(try await bookings.cancelBooking(booking.id, tenant: reply.tenant.id, by: .block, reason: reason, now: session.now))
            } catch is BookingError {
                continue  // Cancelled meanwhile by its customer: nothing left to do.
            }
        }
        let target = "block:\(stored.id)"
        let summary = "\(masterID.map { "master:\($0)" } ?? "all") \(session.when(block.range.lowerBound, reply)) – \(session.when(block.range.upperBound, reply)) \(reason)"
        try await session.audit(.blockTime, target: target, new: summary + "; cancelled: " + cancelled.map { "booking:\($0.id)" }.joined(separator: ","), reply: reply)
        for booking in cancelled {
            try await notice.cancelled(booking, reason: reason, reply: &reply)
            try await deposits.settleRefund(of: booking, reply: &reply)
        }
        try await waitlist.offerFreedSlots(cancelled.map(\.start), reply: &reply)
        session.setInput(nil, reply: &reply)
        reply.answer(reply.admin(.done))
        let rows = [[reply.button(.toDay, .day(masterID, reply.tenant.calendar.localDate(of: block.range.lowerBound)))]]
        reply.show(reply.admin(.blocked, ["count": String(cancelled.count)]), keyboard: InlineKeyboardMarkup(rows))
    }
}
