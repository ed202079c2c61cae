import TelegramBotAPI

/// One page of a list that can grow (free times, services, masters, bookings, admin lists), so no keyboard passes
/// Telegram's 100 buttons. The requested page comes from a button (bounded by `ButtonField.page` when parsed); a page
/// beyond the end (an old button after the list shrank, or a forged one) shows the last page, a negative one the first.
struct ListPage: Equatable, Sendable {
    /// The page shown, 0-based.
    let page: Int
    /// How many pages there are (at least one).
    let pages: Int
    /// The indices of the items on the page.
    let range: Range<Int>

    init(count: Int, size: Int, requested: Int) {
        let count = max(0, count)
        let size = max(1, size)
        pages = max(1, (count + size - 1) / size)
        page = min(max(requested, 0), pages - 1)
        range = (page * size)..<min(count, (page + 1) * size)
    }

    /// The pager row: « where there is a previous page, "page of pages" (inert), » where there is a next; nil when
    /// everything fits on one page.
    func row(label: String, noop: String, data: (Int) -> String) -> [InlineKeyboardButton]? {
        guard pages > 1 else { return nil }
        var row: [InlineKeyboardButton] = []
        if page > 0 { row.append(InlineKeyboardButton(text: "«", callbackData: data(page - 1))) }
        row.append(InlineKeyboardButton(text: label, callbackData: noop))
        if page + 1 < pages { row.append(InlineKeyboardButton(text: "»", callbackData: data(page + 1))) }
        return row
    }
}

/// How many items of each growing list one page holds (each well under 100 buttons with its other rows).
enum PageSizes {
    /// Free times: ten rows of four.
    static let times = 40
    /// Services, masters and the customer's bookings (one row each).
    static let list = 20
    /// The customer's upcoming bookings (two buttons a row).
    static let bookings = 10
}

extension Reply {
    /// The pager row of `page` for a customer list.
    func pagerRow(_ page: ListPage, _ action: (Int) -> CallbackAction) -> [InlineKeyboardButton]? {
        page.row(label: text(.pageOf, ["page": String(page.page + 1), "pages": String(page.pages)]), noop: CallbackAction.noop.data) {
            action($0).data
        }
    }
}

extension Reply {
    /// The pager row of `page` for an admin list; its middle label shows the page again.
    func adminPagerRow(_ page: ListPage, _ action: (Int) -> AdminCallback) -> [InlineKeyboardButton]? {
        page.row(label: admin(.pageOf, ["page": String(page.page + 1), "pages": String(page.pages)]), noop: action(page.page).data) {
            action($0).data
        }
    }
}
