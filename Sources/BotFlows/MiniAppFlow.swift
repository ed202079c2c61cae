import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// What the Mini App may do, on the chat's own flows: a booking, cancel or move made in the Mini App runs the very
/// functions a button press in the chat runs (`BookingFlow.confirm`, `MyBookingsFlow.cancel`,
/// `RescheduleFlow.confirm`), so the rules, the stores, the confirmation in the chat, the reminders and the notices
/// to the owner are the same. The caller runs a change inside a transaction and records its result.
public struct MiniAppFlow: Sendable {
    let environment: FlowEnvironment
    let texts: Texts
    let flows: CustomerFlows

    /// Creates the flow over `environment` (a transaction's stores for changes).
    public init(environment: FlowEnvironment, texts: Texts = .standard) {
        self.environment = environment
        self.texts = texts
        self.flows = CustomerFlows(environment)
    }

    /// A change the Mini App asked for: its effects to record, and the booking or why not.
    public struct Change: Sendable {
        /// The chat messages, reminders and notices to record; nil when nothing changed.
        public var result: FlowResult?
        /// The booking as it is now, or the refusal.
        public var outcome: Result<Booking, Refusal>
    }

    /// A refused change: the domain reason and the wording the chat would have shown.
    public struct Refusal: Error, Sendable, Equatable {
        /// The reason.
        public var error: BookingError
        /// The user's wording of it (the chat's toast).
        public var message: String
    }

    /// The language the flows speak to `user`.
    public static func language(of user: User, tenant: TenantContext) -> Language {
        Language.resolve(userCode: user.languageCode, tenantDefault: tenant.profile.defaultLanguage)
    }

    /// Books `service` with `master` at `minute` (whole minutes since the epoch) for `user`.
    public func book(_ service: ServiceID, master: MasterID, minute: Int64, user: User, tenant: TenantContext) async throws -> Change {
        var reply = try await makeReply(user: user, tenant: tenant)
        guard tenant.profile.status.isServing else { return refused(.unavailable, reply.text(.unavailable)) }
        // The chat stores the profile on /start; a customer who came straight to the Mini App gets it here.
        let profile = CustomerProfile(
            userID: reply.user, chatID: reply.chat, firstName: user.firstName, username: user.username, languageCode: user.languageCode)
        _ = try await environment.stores.customers.upsertCustomer(profile, tenant: tenant.id, now: environment.now())
        switch try await flows.booking.confirm(service, master, minute, reply: &reply) {
        case .booked(let booking): return done(booking, reply)
        case .refused(let error): return refused(error, reply)
        case .serviceGone: return refused(.unavailable, reply)
        }
    }

    /// Cancels `user`'s booking `id` within the rules.
    public func cancel(_ id: BookingID, user: User, tenant: TenantContext) async throws -> Change {
        var reply = try await makeReply(user: user, tenant: tenant)
        guard tenant.profile.status.isServing else { return refused(.unavailable, reply.text(.unavailable)) }
        switch try await flows.myBookings.cancel(id, reply: &reply) {
        case .done(let booking): return done(booking, reply)
        case .refused(let error): return refused(error, reply)
        }
    }

    /// Moves `user`'s booking `id` to `minute`.
    public func reschedule(_ id: BookingID, minute: Int64, user: User, tenant: TenantContext) async throws -> Change {
        var reply = try await makeReply(user: user, tenant: tenant)
        guard tenant.profile.status.isServing else { return refused(.unavailable, reply.text(.unavailable)) }
        switch try await flows.reschedule.confirm(id, minute, reply: &reply) {
        case .done(let booking): return done(booking, reply)
        case .refused(let error): return refused(error, reply)
        }
    }

    /// A reply as for a button press in `user`'s private chat (whose id is the user's): what the flow answers to the
    /// press is the Mini App's message, the rest goes to the chat.
    private func makeReply(user: User, tenant: TenantContext) async throws -> Reply {
        let texts = self.texts.applying(try await environment.stores.textOverrides.textOverrides(tenant.id))
        return Reply(
            tenant: tenant, chat: ChatID(user.id), user: UserID(user.id), language: Self.language(of: user, tenant: tenant), texts: texts,
            editableMessageID: nil, callbackID: "miniapp")
    }

    private func done(_ booking: Booking, _ reply: Reply) -> Change {
        var result = reply.result
        _ = result.takeCallbackAnswer()
        // The conversation in the chat is the chat's: the Mini App leaves it as it was.
        result.conversation = nil
        return Change(result: result, outcome: .success(booking))
    }

    /// A refusal changes nothing: what the flow would have shown in the chat (the day's times again) is dropped.
    private func refused(_ error: BookingError, _ reply: Reply) -> Change {
        var result = reply.result
        let message = result.takeCallbackAnswer()?.text ?? reply.text(.serviceGone)
        return refused(error, message)
    }

    private func refused(_ error: BookingError, _ message: String) -> Change {
        Change(result: nil, outcome: .failure(Refusal(error: error, message: message)))
    }
}
