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
