import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// Past bookings, on request from My bookings: newest first, a page at a time, with status and rating.
struct PastBookingsFlow: Sendable {
    /// The customer's bookings.
    let bookings: any BookingStore
    /// Service names.
    let catalog: any CatalogStore
    /// Ratings given.
    let feedback: any FeedbackStore
    /// The current instant.
    let now: @Sendable () -> Date

    /// Bookings per page.
    static let pageSize = 5

    func show(page requested: Int, reply: inout Reply) async throws {
        let now = self.now()
        let past = try await bookings.bookings(of: reply.user, tenant: reply.tenant.id)
            .filter { $0.end <= now }
            .sorted { ($0.start, $0.id) > ($1.start, $1.id) }
        let back = [InlineKeyboardButton(text: reply.text(.back), callbackData: CallbackAction.myBookings.data)]
        guard !past.isEmpty else {
            reply.show(reply.text(.noPastBookings), keyboard: InlineKeyboardMarkup([back]))
            return
        }
        let pages = (past.count + Self.pageSize - 1) / Self.pageSize
        // A page beyond the end (an old button after history changed) shows the last page.
        let page = min(requested, pages - 1)
        let shown = past[(page * Self.pageSize)..<min(past.count, (page + 1) * Self.pageSize)]
        let services = Dictionary(uniqueKeysWithValues: try await catalog.services(reply.tenant.id).map { ($0.id, $0) })
        let calendar = reply.tenant.calendar
        var lines = [reply.text(.pastBookingsHeader, ["page": String(page + 1), "pages": String(pages)])]
        for booking in shown {
            var notes: [String] = []
            switch booking.status {
            case .cancelled: notes.append(reply.text(.pastCancelled))
            case .noShow: notes.append(reply.text(.pastNoShow))
            case .held: break
            case .confirmed, .completed:
                if let given = try await feedback.feedback(for: booking.id, tenant: reply.tenant.id) {
                    notes.append(reply.text(.pastRated, ["stars": String(given.rating)]))
                }
            }
            let date = reply.format.date(calendar.localDate(of: booking.start))
            let values = [
                "date": date, "time": calendar.localTime(of: booking.start).description, "service": services[booking.serviceID]?.name ?? "",
                "notes": notes.joined(separator: ", "),
            ]
            lines.append(reply.text(notes.isEmpty ? .pastBookingLine : .pastBookingNotedLine, values))
        }
        var navigation: [InlineKeyboardButton] = []
        if page > 0 {
            navigation.append(InlineKeyboardButton(text: reply.text(.newerButton), callbackData: CallbackAction.pastBookings(page: page - 1).data))
        }
        if page < pages - 1 {
            navigation.append(InlineKeyboardButton(text: reply.text(.olderButton), callbackData: CallbackAction.pastBookings(page: page + 1).data))
        }
        reply.show(lines.joined(separator: "\n"), keyboard: InlineKeyboardMarkup(navigation.isEmpty ? [back] : [navigation, back]))
    }
}
