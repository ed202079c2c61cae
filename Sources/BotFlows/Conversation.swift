import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// What the bot remembers about one conversation between updates, customer and admin side in one record. The router
/// (`CustomerBot.handle`) loads it once per update into the `Reply`; handlers change `reply.conversation`; the result
/// carries the change (`FlowResult.conversation`) and the processor saves it in the update's transaction.
struct Conversation: Codable, Equatable, Sendable {
    /// The message carrying the current booking flow's inline keyboard, if any.
    var flowMessageID: Int64?
    /// The rated booking whose optional comment the next text message is (set after the stars).
    var commentForBooking: Int64?
    /// The input an admin was asked for (a block's reason, a service field, a broadcast draft…).
    var adminInput: AdminInput?
    /// The master the customer chose on the confirmation card shown last (nil: any master), so a day shown again
    /// after "just taken" keeps that choice; the Confirm button itself names only the assigned master.
    var masterChoice: Int64?
    /// The booking on the confirmation card: its comment for the master, and whether a phone or a comment is awaited.
    var draft: BookingDraft?

    var isEmpty: Bool { self == Conversation() }

    static func decode(_ bytes: [UInt8]?) -> Conversation {
        bytes.flatMap { try? JSONDecoder().decode(Conversation.self, from: Data($0)) } ?? Conversation()
    }
}

/// A booking being confirmed (`Conversation.draft`): the slot it is about, what the customer added, what is awaited.
struct BookingDraft: Codable, Equatable, Sendable {
    /// What the next message of the customer is.
    enum Awaited: String, Codable, Sendable {
        /// Their contact (or "not now").
        case phone
        /// Their comment for the master.
        case comment
    }

    var service: Int64
    var master: Int64
    var minute: Int64
    /// The customer's own choice of master (nil: any), for the card's Back.
    var choice: Int64?
    /// The comment for the master, bounded by `Booking.maxComment`.
    var comment: String?
    /// True once the phone was asked for this booking (asked once, whatever the answer).
    var phoneAsked = false
    var awaiting: Awaited?

    /// True when the draft is about this slot.
    func isFor(_ service: ServiceID, _ master: MasterID, _ minute: Int64) -> Bool {
        self.service == service.rawValue && self.master == master.rawValue && self.minute == minute
    }
}

/// A conversation's new state, for the processor to store with the update's other effects.
public enum ConversationChange: Sendable, Equatable {
    /// Store these bytes.
    case save([UInt8])
    /// Forget the conversation.
    case clear
}

extension Update {
    /// The conversation this update belongs to, as the router keys it (a private chat and its user); nil for kinds
    /// that have none.
    public func conversationKey(tenant: TenantID) -> ConversationKey? {
        if let message = message ?? editedMessage, let from = message.from {
            return ConversationKey(tenant: tenant, chat: ChatID(message.chat.id), user: UserID(from.id))
        }
        if let query = callbackQuery {
            return ConversationKey(tenant: tenant, chat: ChatID(query.message?.chat.id ?? query.from.id), user: UserID(query.from.id))
        }
        return nil
    }
}

extension ConversationStore {
    /// Stores what a flow decided for the conversation `key`.
    public func apply(_ change: ConversationChange, for key: ConversationKey, now: Date) async throws {
        switch change {
        case .save(let bytes): try await saveState(bytes, for: key, now: now)
        case .clear: try await clearState(key)
        }
    }
}
