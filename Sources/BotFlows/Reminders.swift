import BookingCore
import Foundation
import TelegramBotAPI

/// Reminder messages of a booking, scheduled at the tenant's offsets before its start, and the feedback question after it.
struct Reminders {
    let reply: Reply

    /// Schedules one reminder per offset still ahead of `now` (a booking made inside an offset skips it).
    func schedule(for booking: Booking, values: [String: String], policies: Policies, now: Date, into reply: inout Reply) {
        let keyboard = InlineKeyboardMarkup([[
            InlineKeyboardButton(text: reply.text(.comingButton), callbackData: CallbackAction.confirmComing(booking.id).data),
            InlineKeyboardButton(text: reply.text(.cancel), callbackData: CallbackAction.askCancel(booking.id).data),
        ]])
        for (_, due) in policies.reminderTimes(start: booking.start, now: now) {
            // A reminder that could only go out after the visit began (the service was down) is dropped.
            reply.schedule(reply.text(.reminder, values), keyboard: keyboard, at: due, booking: booking.id, expires: booking.start)
        }
        FeedbackFlow.schedule(for: booking, values: values, policies: policies, into: &reply)
    }
}

/// The scheduled messages of a booking made outside the flows (imported from the original bot): the same reminders
/// and feedback question the booking flow schedules when a customer confirms, in the tenant's default language.
public enum ImportedBookingMessages {
    /// What the booking flow would have scheduled for `booking` at `now` (nothing is sent now).
    public static func result(for booking: Booking, service: Service, masterName: String, tenant: TenantContext, texts: Texts, now: Date) -> FlowResult {
        let language = Language.resolve(userCode: nil, tenantDefault: tenant.profile.defaultLanguage)
        var reply = Reply(
            tenant: tenant, chat: booking.chat, user: booking.customer, language: language, texts: texts, editableMessageID: nil, callbackID: nil)
        let date = tenant.calendar.localDate(of: booking.start)
        let values = [
            "service": service.name, "master": masterName, "date": reply.format.date(date),
            "time": tenant.calendar.localTime(of: booking.start).description, "address": tenant.profile.address,
        ]
        Reminders(reply: reply).schedule(for: booking, values: values, policies: tenant.policies, now: now, into: &reply)
        return reply.result
    }
}
