import BookingCore
import Foundation
import Storage

/// Buttons of blocks over any range of dates, carried by `AdminCallback.blocks`: the list of future blocks and their
/// removal, and the calendars that choose a block's first and last day (the times of a day and the preview are the
/// `AdminCallback.block…` buttons).
enum BlockCallback: ButtonFamily, Equatable {
    /// A page of the future blocks.
    case list(page: Int)
    /// One block, with its removal button.
    case card(BlockID)
    /// Remove the block (it reopens the time; what it cancelled stays cancelled).
    case remove(BlockID)
    /// A new block: whose time (all masters or one).
    case new
    /// The calendar of the first day of a block of one master or all.
    case startMonth(MasterID?, YearMonth)
    /// The calendar of the last day of a block starting at `from`.
    case endMonth(MasterID?, from: Int64, YearMonth)
    /// The last day is chosen: choose the end time on it, or its end.
    case endDay(MasterID?, from: Int64, LocalDate)

    /// The action whose permission a press needs.
    var action: AdminAction {
        switch self {
        case .list, .card: .viewBlocks
        case .remove: .removeBlock
        case .new, .startMonth, .endMonth, .endDay: .blockTime
        }
    }

    /// What the press touches, for a linked master.
    var scope: AdminScope {
        switch self {
        case .list, .new: .none
        case .card(let id), .remove(let id): .block(id)
        case .startMonth(let m, _), .endMonth(let m, _, _), .endDay(let m, _, _): .master(m)
        }
    }

    /// False when a start or a day lies outside `[now − 1 day, now + days + 1 day]` (see `AdminCallback.isNear`), or a
    /// month has no day inside it.
    func isNear(now: Date, days: Int) -> Bool {
        switch self {
        case .list, .card, .remove, .new: true
        case .startMonth(_, let month): Self.isNear(month, now: now, days: days)
        case .endMonth(_, let from, let month):
            InputBounds.isNear(from, now: now, days: days) && Self.isNear(month, now: now, days: days + BlockAdminFlow.longestDays)
        case .endDay(_, let from, let date):
            InputBounds.isNear(from, now: now, days: days) && InputBounds.isNear(date, now: now, days: days + BlockAdminFlow.longestDays)
        }
    }

    /// True when the first or the last day of `month` is near.
    private static func isNear(_ month: YearMonth, now: Date, days: Int) -> Bool {
        guard let first = LocalDate(year: month.year, month: month.month, day: 1) else { return false }
        let last = first.adding(days: LocalDate.daysIn(year: month.year, month: month.month) - 1)
        return InputBounds.isNear(first, now: now, days: days) || InputBounds.isNear(last, now: now, days: days)
    }

    /// Every block button kind, declared once (carried by `AdminCallback.codec`).
    static let codec = ButtonCodec<BlockCallback>([
        ButtonKind("akl", .page, make: { .list(page: $0) }, match: { if case .list(let p) = $0 { p } else { nil } }),
        ButtonKind("akc", .id, make: { .card($0) }, match: { if case .card(let b) = $0 { b } else { nil } }),
        ButtonKind("akx", .id, make: { .remove($0) }, match: { if case .remove(let b) = $0 { b } else { nil } }),
        ButtonKind("akn", .new),
        ButtonKind(
            "akm", .master, .yearMonth, make: { .startMonth($0, $1) }, match: { if case .startMonth(let m, let y) = $0 { (m, y) } else { nil } }),
        ButtonKind(
            "ake", .master, .minute, .yearMonth, make: { .endMonth($0, from: $1, $2) },
            match: { if case .endMonth(let m, let f, let y) = $0 { (m, f, y) } else { nil } }),
        ButtonKind(
            "akd", .master, .minute, .date, make: { .endDay($0, from: $1, $2) },
            match: { if case .endDay(let m, let f, let d) = $0 { (m, f, d) } else { nil } }),
    ])
}

extension YearMonth {
    /// The month of `date`.
    init(_ date: LocalDate) { self.init(year: date.year, month: date.month) }
}
