import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// Feedback after a visit: a scheduled question with 1–5 stars, then an optional comment. Once per booking,
/// only by its customer; the store refuses a second rating.
struct FeedbackFlow: Sendable {
    /// The rated bookings.
    let bookings: any BookingStore
    /// Ratings and comments.
    let feedback: any FeedbackStore
    /// The current instant.
    let now: @Sendable () -> Date
    /// Tells the admins about a low rating and its comment.
    let notifier: AdminNotifier

    /// The longest comment kept.
    static let maxCommentLength = 1000

    /// Schedules the question for `policies.feedbackDelayMinutes` after the booking ends; it belongs to the
    /// booking, so cancelling or moving withdraws it (a move schedules a new one).
    static func schedule(for booking: Booking, values: [String: String], policies: Policies, into reply: inout Reply) {
        let (text, keyboard, due) = question(for: booking, values: values, policies: policies, language: reply.language, texts: reply.texts)
        reply.schedule(text, keyboard: keyboard, at: due, booking: booking.id)
    }

    /// The question about `booking` in `language` and when it is due.
    static func question(
        for booking: Booking, values: [String: String], policies: Policies, language: Language, texts: Texts
    ) -> (text: String, keyboard: InlineKeyboardMarkup, due: Date) {
        let stars = Feedback.ratings.map {
            InlineKeyboardButton(
                text: texts.render(.ratingButton, language, ["stars": String($0)]), callbackData: CallbackAction.rate(booking.id, stars: $0).data)
        }
        let due = booking.end.addingTimeInterval(Double(policies.feedbackDelayMinutes) * 60)
        return (texts.render(.feedbackAsk, language, values), InlineKeyboardMarkup([stars]), due)
    }

    /// Stores the stars of the presser's ended booking, then asks for a comment.
    func rate(_ id: BookingID, stars: Int, reply: inout Reply) async throws {
        guard let booking = try await bookings.booking(id, tenant: reply.tenant.id), booking.customer == reply.user else {
            reply.answer(reply.text(.bookingNotFound), alert: true)
            return
        }
        let now = self.now()
        // Only a visit that took place (not cancelled or missed) and has ended can be rated.
        guard booking.status == .confirmed || booking.status == .completed, booking.end <= now else {
            reply.answer(reply.text(.feedbackUnavailable), alert: true)
            return
        }
        let rating = Feedback(
            bookingID: id, customer: reply.user, masterID: booking.masterID, serviceID: booking.serviceID, rating: stars, ratedAt: now)
        guard try await feedback.rate(rating, tenant: reply.tenant.id) else {
            reply.answer(reply.text(.feedbackAlreadyGiven))
            if let messageID = reply.editableMessageID { reply.removeKeyboard(of: messageID) }
            return
        }
        reply.answer(reply.text(.done))
        let skip = InlineKeyboardButton(text: reply.text(.skipButton), callbackData: CallbackAction.skipComment(id).data)
        reply.show(reply.text(.feedbackAskComment, ["stars": String(stars)]), keyboard: InlineKeyboardMarkup([[skip]]))
        reply.conversation = Conversation(flowMessageID: reply.editableMessageID, commentForBooking: id.rawValue)
        if stars <= AdminNotifier.lowRating { try await notifier.notify(.lowRating(booking, stars: stars), reply: &reply) }
    }

    /// "Skip": no comment; thanks and forgets the question.
    func skip(_ id: BookingID, reply: inout Reply) async throws {
        guard let given = try await feedback.feedback(for: id, tenant: reply.tenant.id), given.customer == reply.user else {
            reply.answer(reply.text(.bookingNotFound), alert: true)
            return
        }
        if reply.conversation.commentForBooking == id.rawValue { reply.conversation = Conversation() }
        reply.show(reply.text(.feedbackThanks), keyboard: nil)
    }

    /// A message while a comment is expected: text becomes the comment; anything else gets a polite hint and changes nothing.
    func comment(_ message: Message, edited: Bool, reply: inout Reply) async throws {
        let state = reply.conversation
        guard let bookingID = state.commentForBooking.map(BookingID.init) else { return }
        if edited { return reply.send(reply.text(.editedIgnored)) }
        guard let text = message.text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
            return reply.send(reply.text(.commentNeedsText))
        }
        guard text.count <= Self.maxCommentLength else {
            return reply.send(reply.text(.commentTooLong, ["max": String(Self.maxCommentLength)]))
        }
        if try await feedback.addComment(text, booking: bookingID, customer: reply.user, tenant: reply.tenant.id),
            let rating = try await feedback.feedback(for: bookingID, tenant: reply.tenant.id), rating.rating <= AdminNotifier.lowRating,
            let booking = try await bookings.booking(bookingID, tenant: reply.tenant.id)
        {
            try await notifier.notify(.comment(booking, stars: rating.rating, text: text), reply: &reply)
        }
        reply.conversation = Conversation()
        if let messageID = state.flowMessageID { reply.removeKeyboard(of: messageID) }
        reply.send(reply.text(.feedbackThanks), markup: reply.mainMenu)
    }

}
