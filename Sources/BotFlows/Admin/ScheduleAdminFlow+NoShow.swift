import BookingCore
import Foundation
import Storage
import TelegramBotAPI

extension ScheduleAdminFlow {
    /// Marks a started visit (arrived, no-show) or undoes the mark; audited old → new. The master role may mark
    /// arrivals of their own bookings (`booking.arrived`); no-shows stay with managers.
    func mark(_ id: BookingID, _ mark: VisitMark, reply: inout Reply) async throws {
        let action: AdminAction = mark == .arrived || mark == .undoArrived ? .markArrived : .markNoShow
        do {
            let old = try await bookings.booking(id, tenant: reply.tenant.id) ?? { throw BookingError.notFound }()
            let changed = try await backOffice.markVisit(id, mark, tenant: reply.tenant.id, now: session.now, actor: "admin:\(reply.user)")
            try await session.audit(action, target: "booking:\(id)", old: old.status.code, new: changed.status.code, reply: reply)
        } catch let error as BookingError {
            let key: AdminTextKey = error == .notFound ? .notFound : error == .tooSoon ? .noShowTooSoon : .notActive
            return reply.answer(reply.admin(key), alert: true)
        }
        reply.answer(reply.admin(.done))
        try await card(id, reply: &reply)
    }

    /// The marks that apply to a started booking now: arrived (or its undo while the visit lasts) and no-show (or its
    /// undo).
    func visitRow(_ booking: Booking, reply: Reply) -> [InlineKeyboardButton] {
        var row: [InlineKeyboardButton] = []
        if booking.marking(.arrived, now: session.now) != nil { row.append(.admin(reply.staff(.markArrived), .visit(booking.id, .arrived))) }
        if booking.marking(.undoArrived, now: session.now) != nil { row.append(.admin(reply.staff(.undoArrived), .visit(booking.id, .undoArrived))) }
        if booking.marking(.noShow, now: session.now) != nil { row.append(reply.button(.markNoShow, .noShow(booking.id, true))) }
        if booking.marking(.undoNoShow, now: session.now) != nil { row.append(reply.button(.undoNoShow, .noShow(booking.id, false))) }
        return row
    }
}
