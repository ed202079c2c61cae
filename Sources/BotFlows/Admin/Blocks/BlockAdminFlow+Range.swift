import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// Blocks over any range of dates: the first day and the last day are chosen on month calendars, then (optionally)
/// the end time on the last day; the preview and the confirmation are the single-day block's.
extension BlockAdminFlow {
    func handle(_ callback: BlockCallback, reply: inout Reply) async throws {
        switch callback {
        case .list(let page): try await list(page: page, reply: &reply)
        case .card(let id): try await card(id, reply: &reply)
        case .remove(let id): try await remove(id, reply: &reply)
        case .new: try await chooseMaster(reply: &reply)
        case .startMonth(let m, let month): try await startMonth(m, month, reply: &reply)
        case .endMonth(let m, let from, let month): try await endMonth(m, from: from, month, reply: &reply)
        case .endDay(let m, let from, let date): try await endDay(m, from: from, date, reply: &reply)
        }
    }

    /// How far ahead an admin may block (the same bound as `AdminCallback.isNear`).
    func reach(_ reply: Reply) -> Int { max(reply.tenant.policies.horizonDays, 366) }

    /// The master's name, or "all".
    func label(_ master: Master?, reply: Reply) -> String { master?.name ?? reply.admin(.allMasters) }

    /// A month calendar where `first...last` can be chosen.
    private func calendar(
        _ month: YearMonth, first: LocalDate, last: LocalDate, monthAction: @escaping (Int, Int) -> AdminCallback,
        dayAction: @escaping (LocalDate) -> AdminCallback, back: AdminCallback, reply: Reply
    ) -> InlineKeyboardMarkup {
        let shown = LocalDate(year: month.year, month: month.month, day: 1) ?? first.firstOfMonth
        var availability: [LocalDate: DayAvailability] = [:]
        for day in 1...LocalDate.daysIn(year: shown.year, month: shown.month) {
            guard let date = LocalDate(year: shown.year, month: shown.month, day: day) else { continue }
            availability[date] = date < first ? .past : date > last ? .beyondHorizon : .free(DayAvailability.fewLeftLimit + 1)
        }
        return CalendarKeyboard<AdminCallback>(
            monthAction: monthAction, dayAction: dayAction, month: shown, today: first, lastBookable: last, availability: availability,
            format: reply.format
        ).build(navigation: [reply.button(.back, back)])
    }

    /// The first day of a new block: any day from today up to the reach.
    func startMonth(_ masterID: MasterID?, _ month: YearMonth, reply: inout Reply) async throws {
        guard case .some(let master) = try await master(masterID, reply: reply) else { return reply.answer(reply.text(.staleButton)) }
        let today = reply.tenant.calendar.localDate(of: session.now)
        let keyboard = calendar(
            month, first: today, last: today.adding(days: reach(reply)), monthAction: { .blocks(.startMonth(masterID, YearMonth(year: $0, month: $1))) },
            dayAction: { .blockStart(masterID, $0) }, back: .blocks(.list(page: 0)), reply: reply)
        reply.show(reply.blocks(.chooseStart, ["master": label(master, reply: reply)]), keyboard: keyboard)
    }

    /// The days a block starting at `from` may end on: its own day up to `longestDays` later.
    private func lastDays(from: Int64, reply: Reply) -> ClosedRange<LocalDate> {
        let first = reply.tenant.calendar.localDate(of: instant(from))
        return first...first.adding(days: Self.longestDays - 1)
    }

    /// The last day of a block starting at `from`.
    func endMonth(_ masterID: MasterID?, from: Int64, _ month: YearMonth, reply: inout Reply) async throws {
        guard case .some(let master) = try await master(masterID, reply: reply) else { return reply.answer(reply.text(.staleButton)) }
        let days = lastDays(from: from, reply: reply)
        let keyboard = calendar(
            month, first: days.lowerBound, last: days.upperBound,
            monthAction: { .blocks(.endMonth(masterID, from: from, YearMonth(year: $0, month: $1))) },
            dayAction: { .blocks(.endDay(masterID, from: from, $0)) }, back: .blockStart(masterID, days.lowerBound), reply: reply)
        let values = ["from": session.when(instant(from), reply), "master": label(master, reply: reply)]
        reply.show(reply.blocks(.chooseEnd, values), keyboard: keyboard)
    }

    /// The last day is chosen: the block ends at the end of that day or at a time on it.
    func endDay(_ masterID: MasterID?, from: Int64, _ date: LocalDate, reply: inout Reply) async throws {
        guard case .some = try await master(masterID, reply: reply), lastDays(from: from, reply: reply).contains(date) else {
            return reply.answer(reply.text(.staleButton))
        }
        let calendar = reply.tenant.calendar
        let start = instant(from)
        let dayEnd = calendar.startOfDay(date.adding(days: 1)).epochMinute
        let ends = try await times(on: date, master: masterID, reply: reply).filter { $0 > start }
        var rows = [[InlineKeyboardButton.admin(reply.blocks(.endOfThatDay), .blockPreview(masterID, from: from, to: dayEnd))]]
        rows += Self.grid(ends.map { .admin(calendar.localTime(of: $0).description, .blockPreview(masterID, from: from, to: $0.epochMinute)) })
        rows.append([reply.button(.back, .blocks(.endMonth(masterID, from: from, YearMonth(date))))])
        let values = ["from": session.when(start, reply), "date": reply.format.date(date)]
        reply.show(reply.blocks(.chooseEndTime, values), keyboard: InlineKeyboardMarkup(rows))
    }
}
