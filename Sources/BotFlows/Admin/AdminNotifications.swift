import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// What a customer did that the business's admins hear about.
enum AdminEvent: Sendable {
    case booked(Booking)
    case cancelled(Booking)
    case moved(Booking, from: Date)
    /// Stars of a rating at or below `AdminNotifier.lowRating`.
    case lowRating(Booking, stars: Int)
    /// The comment added to a low rating.
    case comment(Booking, stars: Int, text: String)
    /// A deposit paid through a provider must be returned by the business (the booking was cancelled).
    case refundDue(Booking, amount: String)
}

/// Tells the admins who want notifications (`AdminMember.notify`) about customers' bookings, cancellations, moves and
/// low ratings: one message to each admin's private chat, in their language (`AdminSession.language(of:tenant:)`),
/// with a button to the booking's card.
/// Called by the customer flows in the same update, so the messages go out through the same outbox.
struct AdminNotifier: Sendable {
    /// Who the admins are and whether they want notifications.
    let admins: any AdminStore
    /// Service and master names.
    let catalog: any CatalogStore
    /// Customers' names.
    let backOffice: any BackOfficeStore

    /// Ratings with at most this many stars are reported.
    static let lowRating = 3

    /// The admins to tell: those with notifications on; before any admin is stored, the tenant's owner.
    func recipients(_ tenant: TenantContext) async throws -> [AdminMember] {
        let stored = try await admins.admins(tenant.id)
        if stored.isEmpty { return [AdminMember(userID: tenant.record.ownerID, role: .owner, name: "", addedAt: tenant.record.createdAt)] }
        return stored.filter(\.notify)
    }

    func notify(_ event: AdminEvent, reply: inout Reply) async throws {
        let notified = try await recipients(reply.tenant)
        guard !notified.isEmpty else { return }
        let tenant = reply.tenant
        let booking = event.booking
        let service = try await catalog.services(tenant.id).first { $0.id == booking.serviceID }?.name ?? ""
        let master = try await catalog.masters(tenant.id).first { $0.id == booking.masterID }?.name ?? ""
        let customer = try await backOffice.customerRecord(booking.customer, tenant: tenant.id)
        let client = (customer?.profile.firstName ?? "id \(booking.customer)") + (customer?.profile.username.map { " @\($0)" } ?? "")
        // A linked master hears only of their own bookings.
        for admin in notified where admin.role != .master || admin.masterID.map({ $0 == booking.masterID }) ?? true {
            let language = AdminSession.language(of: admin, tenant: tenant)
            let format = Formatter(language: language, texts: reply.texts)
            func when(_ instant: Date) -> String { "\(format.date(tenant.calendar.localDate(of: instant))), \(tenant.calendar.localTime(of: instant))" }
            var values = ["service": service, "master": master, "client": client, "when": when(booking.start)]
            let key: BusinessTextKey
            switch event {
            case .booked: key = .notifyBooked
            case .cancelled: key = .notifyCancelled
            case .moved(_, let old):
                key = .notifyMoved
                values["old"] = when(old)
                values["new"] = when(booking.start)
            case .lowRating(_, let stars):
                key = .notifyLowRating
                values["stars"] = String(stars)
            case .comment(_, let stars, let text):
                key = .notifyComment
                values["stars"] = String(stars)
                values["comment"] = text
            case .refundDue(_, let amount):
                key = .notifyRefundDue
                values["amount"] = amount
            }
            let open = InlineKeyboardButton(text: BusinessTexts.standard.render(.openBooking, language), callbackData: AdminCallback.booking(booking.id).data)
            var text = BusinessTexts.standard.render(key, language, values)
            // The customer's comment for the master travels with the news of the booking.
            if case .booked = event, let comment = booking.comment {
                text += "\n" + ContactTexts.standard.render(.noticeComment, language, ["comment": comment])
            }
            reply.notify(
                text, markup: .inline(InlineKeyboardMarkup([[open]])), to: ChatID(admin.userID.rawValue),
                language: language)
        }
    }
}

extension AdminEvent {
    var booking: Booking {
        switch self {
        case .booked(let b), .cancelled(let b), .moved(let b, _), .lowRating(let b, _), .comment(let b, _, _), .refundDue(let b, _): b
        }
    }
}
