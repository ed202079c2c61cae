import BookingCore
import Foundation
import Storage
import TelegramBotAPI

extension ScheduleAdminFlow {
    /// Marks a visit that has started as a no-show, or undoes the mark (back to completed); audited old → new.
    func markNoShow(_ id: BookingID, _ noShow: Bool, reply: inout Reply) async throws {
        let old: Booking
        do {
            old = try await bookings.booking(id, tenant: reply.tenant.id) ?? { throw BookingError.notFound }()
            let changed = try await backOffice.setNoShow(id, noShow, tenant: reply.tenant.id, now: session.now, actor: "admin:\(reply.user)")
            try await session.audit(.markNoShow, target: "booking:\(id)", old: old.status.code, new: changed.status.code, reply: reply)
        } catch let error as BookingError {
            let key: AdminTextKey = error == .notFound ? .notFound : error == .tooSoon ? .noShowTooSoon : .notActive
            return reply.answer(reply.admin(key), alert: true)
        }
        reply.answer(reply.admin(.done))
        try await card(id, reply: &reply)
    }
}
