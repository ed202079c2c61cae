import BookingCore
import Foundation
import Storage

/// Something the flows must do later on their own (not a message to send): a waitlist offer running out,
/// for example. Stored as a due outbox row and fired once, in one transaction with its effects.
public struct FlowTimer: Sendable, Equatable, Codable {
    /// What happens when it fires.
    public var event: TimerEvent
    /// The chat it concerns (its row is ordered with that chat's messages).
    public var chat: ChatID
    /// Not before this instant.
    public var due: Date
    /// The booking it belongs to, so moving or cancelling the booking withdraws it.
    public var bookingID: BookingID?

    /// Creates a timer.
    public init(event: TimerEvent, chat: ChatID, due: Date, bookingID: BookingID? = nil) {
        self.event = event
        self.chat = chat
        self.due = due
        self.bookingID = bookingID
    }
}

/// The kinds of timers the flows set.
public enum TimerEvent: Sendable, Equatable, Codable {
    /// A waitlist offer's hold ran out: offer the slot to the next in line.
    case waitlistOfferExpired(entry: Int64)
    /// Telegram refused a message to this chat with a 400 (see `CustomerBot.refusalTimer`): tell an admin.
    case viewRefused
    /// A held booking's hold ends: unpaid, the time is freed (the customer is told in `language`).
    case depositHoldExpired(booking: Int64, language: String)
}

extension CustomerBot {
    /// Fires a due timer of `tenant`. Like `handle`, it throws only when a store fails.
    public func fire(_ timer: FlowTimer, tenant: TenantContext) async throws -> FlowResult {
        guard tenant.profile.status.isServing else { return FlowResult() }
        switch timer.event {
        case .waitlistOfferExpired(let entry):
            // The tenant's own wording, as for an update (the offer to the next in line is a customer text).
            let texts = texts.applying(try await environment.stores.textOverrides.textOverrides(tenant.id))
            return try await flows.waitlist.holdExpired(WaitlistEntryID(entry), due: timer.due, tenant: tenant, texts: texts)
        case .viewRefused:
            return try await refusedNotice(chat: timer.chat.rawValue, tenant: tenant)
        case .depositHoldExpired(let booking, let language):
            let texts = texts.applying(try await environment.stores.textOverrides.textOverrides(tenant.id))
            return try await flows.deposits.holdExpired(BookingID(booking), language: language, tenant: tenant, texts: texts)
        }
    }
}

extension OutboxEntry {
    /// The row of a flow timer: due when the timer is, in its chat's order, fired by the timer intake.
    public init(timer: FlowTimer, encoder: JSONEncoder = JSONEncoder()) throws {
        self.init(
            chatID: timer.chat.rawValue, payload: Array(try encoder.encode(timer)), dueAt: timer.due, bookingID: timer.bookingID,
            kind: .timer)
    }
}
