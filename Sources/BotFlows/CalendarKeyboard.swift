import BookingCore
import TelegramBotAPI

/// The month calendar: title with bounded navigation, weekday header, one button per day. Its buttons are of one
/// family (`CallbackAction` for customers, `AdminCallback` for the admin side); inert cells are the customer no-op.
struct CalendarKeyboard<Action: ButtonFamily> {
    /// The action of a month's navigation button.
    let monthAction: (_ year: Int, _ month: Int) -> Action
    /// The action of a selectable day.
    let dayAction: (LocalDate) -> Action
    let month: LocalDate
    let today: LocalDate
    let lastBookable: LocalDate
    let availability: [LocalDate: DayAvailability]
    let format: Formatter
    /// The action of a full day (the booking calendar opens it to offer the waitlist); nil leaves full days inert.
    var fullDayAction: ((LocalDate) -> Action)? = nil

    func build(navigation: [InlineKeyboardButton]) -> InlineKeyboardMarkup {
        let noop = CallbackAction.noop.data
        let previous = month.adding(days: -1).firstOfMonth
        let next = month.adding(days: LocalDate.daysIn(year: month.year, month: month.month)).firstOfMonth
        let canGoBack = previous >= today.firstOfMonth
        let canGoForward = next <= lastBookable
        var rows: [[InlineKeyboardButton]] = [[
            InlineKeyboardButton(text: canGoBack ? "‹" : " ", callbackData: canGoBack ? monthAction(previous.year, previous.month).data : noop),
            InlineKeyboardButton(text: format.monthTitle(year: month.year, month: month.month), callbackData: noop),
            InlineKeyboardButton(text: canGoForward ? "›" : " ", callbackData: canGoForward ? monthAction(next.year, next.month).data : noop),
        ]]
        rows.append(Weekday.allCases.map { InlineKeyboardButton(text: format.weekdayShort($0), callbackData: noop) })
        var week: [InlineKeyboardButton] = Array(repeating: InlineKeyboardButton(text: " ", callbackData: noop), count: month.weekday.rawValue - 1)
        for day in 1...LocalDate.daysIn(year: month.year, month: month.month) {
            let date = LocalDate(year: month.year, month: month.month, day: day)!
            week.append(button(for: date))
            if week.count == 7 {
                rows.append(week)
                week = []
            }
        }
        if !week.isEmpty {
            rows.append(week + Array(repeating: InlineKeyboardButton(text: " ", callbackData: noop), count: 7 - week.count))
        }
        rows.append(navigation)
        return InlineKeyboardMarkup(rows)
    }

    /// Free days show their number, days with few slots a dot and how many are left (`calendarLegend` explains it),
    /// full days a cross, closed and out-of-range days a dot alone.
    private func button(for date: LocalDate) -> InlineKeyboardButton {
        let state = availability[date] ?? .closed
        let label: String
        switch state {
        case .free: label = "\(date.day)"
        case .fewLeft(let count): label = "\(date.day)•\(count)"
        case .full: label = "✕"
        case .closed, .past, .beyondHorizon: label = "·"
        }
        let data = state.isSelectable ? dayAction(date).data : (state == .full ? fullDayAction?(date).data : nil) ?? CallbackAction.noop.data
        return InlineKeyboardButton(text: label, callbackData: data)
    }
}
