import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// Customers' contact (issue 18, item 5): when the tenant asks for phones, a customer with none on file is asked
/// once, before their first booking's confirmation card, with Telegram's contact button (or "not now"); only their own
/// contact (`user_id` = the sender) is kept, in E.164. On the card, a comment for the master can be typed (bounded),
/// kept in the conversation's draft and stored on the booking when it is confirmed.
struct ContactFlow: Sendable {
    /// The confirmation card and the booking.
    let booking: BookingFlow
    /// The customer's record (their phone).
    let backOffice: any BackOfficeStore
    /// Saves the phone.
    let customers: any CustomerStore
    /// Whether this is the customer's first booking.
    let bookings: any BookingStore
    /// The clock.
    let now: @Sendable () -> Date

    /// The card of a chosen slot, or first the question for the phone when the tenant asks for it.
    func showConfirmation(_ service: ServiceID, _ master: MasterID, _ minute: Int64, choice: MasterID?, reply: inout Reply) async throws {
        var draft = reply.conversation.draft.flatMap { $0.isFor(service, master, minute) ? $0 : nil }
            ?? BookingDraft(service: service.rawValue, master: master.rawValue, minute: minute, choice: choice?.rawValue)
        if reply.tenant.policies.askPhone, !draft.phoneAsked, try await needsPhone(reply) {
            draft.phoneAsked = true
            draft.awaiting = .phone
            reply.conversation.draft = draft
            return reply.send(reply.contact(.askPhone, ["business": reply.tenant.profile.name]), markup: reply.phoneKeyboard)
        }
        reply.conversation.draft = draft
        try await booking.showConfirmation(service, master, minute, choice: choice, reply: &reply)
    }

    /// True when the customer has no phone on file and no booking yet.
    private func needsPhone(_ reply: Reply) async throws -> Bool {
        guard try await backOffice.customerRecord(reply.user, tenant: reply.tenant.id)?.profile.phone == nil else { return false }
        return try await bookings.bookings(of: reply.user, tenant: reply.tenant.id).isEmpty
    }

    /// A shared contact: kept only when it is the sender's own. While the phone is awaited, the card follows.
    func receive(_ contact: Contact, from: User, reply: inout Reply) async throws {
        let awaited = reply.conversation.draft?.awaiting == .phone
        let typed = contact.phoneNumber.hasPrefix("+") ? contact.phoneNumber : "+" + contact.phoneNumber
        guard contact.userID == from.id, let phone = PhoneNumber(typed) else {
            if awaited { return reply.send(reply.contact(.notOwn), markup: reply.phoneKeyboard) }
            return reply.send(reply.walkIn(.contactNotSaved), markup: reply.mainMenu)
        }
        let profile = CustomerProfile(
            userID: reply.user, chatID: reply.chat, firstName: from.firstName, username: from.username, languageCode: from.languageCode,
            phone: phone.e164)
        _ = try await customers.upsertCustomer(profile, tenant: reply.tenant.id, now: now())
        guard awaited else { return reply.send(reply.walkIn(.contactSaved), markup: reply.mainMenu) }
        // The menu keyboard replaces the contact button, then the card comes.
        reply.send(reply.contact(.thanks), markup: reply.mainMenu)
        try await showCard(reply: &reply)
    }

    /// A text while a phone or a comment is awaited.
    func receive(_ text: String, reply: inout Reply) async throws {
        guard var draft = reply.conversation.draft, let awaiting = draft.awaiting else { return }
        switch awaiting {
        case .phone:
            guard text == reply.contact(.skipButton) else { return reply.send(reply.contact(.pressButton), markup: reply.phoneKeyboard) }
            reply.send(reply.contact(.skipped), markup: reply.mainMenu)
        case .comment:
            let comment = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !comment.isEmpty else { return reply.send(reply.contact(.commentEmpty)) }
            guard comment.count <= Booking.maxComment else {
                return reply.send(reply.contact(.commentTooLong, ["max": String(Booking.maxComment), "length": String(comment.count)]))
            }
            draft.comment = comment
            reply.conversation.draft = draft
        }
        try await showCard(reply: &reply)
    }

    /// The card of the draft again, as a new message.
    private func showCard(reply: inout Reply) async throws {
        guard let draft = reply.conversation.draft else { return }
        try await booking.showConfirmation(
            ServiceID(draft.service), MasterID(draft.master), draft.minute, choice: draft.choice.map(MasterID.init), reply: &reply)
    }

    /// The card's "comment for the master": the next text is the comment. A card whose booking is no longer being made
    /// (confirmed, abandoned, or another slot's card came since) is stale.
    func askComment(_ service: ServiceID, _ master: MasterID, _ minute: Int64, reply: inout Reply) async throws {
        guard var draft = reply.conversation.draft, draft.isFor(service, master, minute) else {
            return reply.answer(reply.contact(.commentGone), alert: true)
        }
        draft.awaiting = .comment
        reply.conversation.draft = draft
        let back = CallbackAction.slot(service, master, epochMinute: minute, choice: draft.choice.map(MasterID.init))
        reply.show(reply.contact(.askComment, ["max": String(Booking.maxComment)]), keyboard: InlineKeyboardMarkup([reply.navigationRow(back: back)]))
    }
}
