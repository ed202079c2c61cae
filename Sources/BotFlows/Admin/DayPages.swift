import BookingCore
import TelegramBotAPI

/// How a day view's booking lines are cut into pages: at most `maxPerPage` bookings (one button each, well under
/// Telegram's 100 buttons per keyboard) and at most `budget` UTF-16 units of lines per page (the title, block lines
/// and a margin fit in the rest of the 4096). An ordinary day is one page and looks as it always did.
struct DayPages: Sendable {
    /// Most bookings on one page.
    static let maxPerPage = 25
    /// Most UTF-16 units of booking lines on one page.
    static let budget = 3_000
    /// The highest page number a button may carry (a day of 2,475 bookings and more shows its last page).
    static let maxPages: Int64 = 99

    private let ranges: [Range<Int>]

    /// The pages of `lines`, in order; one empty page when there are none.
    init(lines: [String], maxPerPage: Int = Self.maxPerPage, budget: Int = Self.budget) {
        var ranges: [Range<Int>] = []
        var start = 0
        var used = 0
        for (index, line) in lines.enumerated() {
            let size = MessageLimits.length(line) + 1
            if index > start, index - start >= maxPerPage || used + size > budget {
                ranges.append(start..<index)
                start = index
                used = 0
            }
            used += size
        }
        ranges.append(start..<lines.count)
        self.ranges = Array(ranges.prefix(Int(Self.maxPages)))
    }

    /// How many pages there are (at least one).
    var count: Int { ranges.count }

    /// The indices of the lines on page `page` (0-based).
    subscript(page: Int) -> Range<Int> { ranges[page] }

    /// The row that moves between pages: ‹ where there is a previous page, "page of pages", › where there is a next.
    func pagerRow(_ page: Int, master: MasterID?, date: LocalDate, reply: Reply) -> [InlineKeyboardButton] {
        func action(_ page: Int) -> AdminCallback { page == 0 ? .day(master, date) : .dayPage(master, date, page: page) }
        var row: [InlineKeyboardButton] = []
        if page > 0 { row.append(.admin("«", action(page - 1))) }
        row.append(.admin(reply.admin(.pageOf, ["page": String(page + 1), "pages": String(count)]), action(page)))
        if page + 1 < count { row.append(.admin("»", action(page + 1))) }
        return row
    }
}
