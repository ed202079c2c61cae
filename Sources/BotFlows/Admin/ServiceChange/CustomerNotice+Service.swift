import BookingCore
import Foundation
import Storage

extension CustomerNotice {
    /// The booking's service was changed by an admin from `previous`'s (same start): tells the customer in their
    /// language and schedules the reminders and the feedback question again with the new service's name and end.
    func serviceChanged(_ booking: Booking, from previous: Booking, reply: inout Reply) async throws {
        let tenant = reply.tenant
        let language = try await language(of: booking, tenant: tenant)
        let (service, master) = try await names(booking, tenant: tenant)
        let old = try await names(previous, tenant: tenant).service
        let format = Formatter(language: language, texts: reply.texts)
        let text = ServiceChangeTexts.standard.render(
            .customerNotice, language,
            [
                "business": tenant.profile.name, "when": format.dateTime(booking.start, tenant.calendar), "old": old, "new": service,
                "end": tenant.calendar.localTime(of: booking.end).description, "contact": tenant.profile.contact,
            ])
        reply.send(text, to: booking.chat)
        scheduleAgain(booking, language: language, service: service, master: master, reply: &reply)
    }
}
