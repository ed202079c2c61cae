import BookingCore
@testable import BotFlows
import Foundation
import Storage
import TelegramBotAPI

/// Admin-side helpers over `FlowHarness`: an owner (the tenant's owner id 1), a manager and a master, a customer with
/// bookings, and a snapshot of everything an admin action can change.
extension FlowHarness {
    static let owner = User(id: 1, firstName: "Olga", languageCode: "ru")
    static let manager = User(id: 2, firstName: "Max", languageCode: "ru")
    static let masterUser = User(id: 3, firstName: "Mira", languageCode: "en")
    static let customer = user()
    static let tomorrow = LocalDate(year: 2026, month: 12, day: 1)!

    /// Saves the owner, a manager and a master.
    func addAdmins() async throws {
        for (user, role) in [(Self.owner, AdminRole.owner), (Self.manager, .manager), (Self.masterUser, .master)] {
            await store.saveAdmin(AdminMember(userID: UserID(user.id), role: role, name: user.firstName, addedAt: Self.now), tenant: context.id)
        }
    }

    /// An instant of tomorrow (2026-12-01) in Moscow.
    func at(_ hour: Int, _ minute: Int = 0, on date: LocalDate = tomorrow) -> Date {
        context.calendar.instant(date, LocalTime(hour: hour, minute: minute)!)!
    }

    /// A confirmed booking of `customer` (known to the tenant) with `service` at `start`.
    @discardableResult
    func book(_ start: Date, service: Int = 0, customer: User = customer) async throws -> Booking {
        _ = await store.upsertCustomer(
            CustomerProfile(userID: UserID(customer.id), chatID: ChatID(customer.id), firstName: customer.firstName, username: nil,
                            languageCode: customer.languageCode), tenant: context.id, now: Self.now)
        return try await store.createBooking(
            BookingRequest(customer: UserID(customer.id), chat: ChatID(customer.id), service: services[service], masterID: master.id, start: start),
            tenant: context.id, maxActivePerCustomer: 10, now: Self.now)
    }

    func press(_ callback: AdminCallback, as user: User) async throws -> FlowResult {
        try await result(Self.press(callback.data, from: user))
    }

    func say(_ text: String, as user: User) async throws -> FlowResult { try await result(Self.text(text, from: user)) }

    /// Everything an admin action may change, except the audit log.
    struct Snapshot: Equatable {
        var bookings: [Booking]
        var blocks: [Block]
        var admins: [AdminMember]
        var texts: [TextOverride]
        var policies: Policies?
        var services: [Service]
        var masters: [Master]
        var profile: TenantProfile?
    }

    func snapshot() async throws -> Snapshot {
        let wide = Self.now.addingTimeInterval(-30 * 86_400)..<Self.now.addingTimeInterval(60 * 86_400)
        return Snapshot(
            bookings: await store.bookings(startingIn: wide, tenant: context.id), blocks: await store.blocks(overlapping: wide, tenant: context.id),
            // An admin's language is bookkeeping of their latest update, not something an action changes.
            admins: await store.admins(context.id).map { var admin = $0; admin.languageCode = nil; return admin }, texts: await store.textOverrides(context.id), policies: await store.tenant(context.id)?.policies,
            services: await store.services(context.id), masters: await store.masters(context.id),
            profile: await store.tenant(context.id)?.profile)
    }

    func audit() async -> [AuditEntry] { await store.auditLog(context.id, offset: 0, limit: 1_000) }
}

extension FlowResult {
    /// Every call due now in the order the outbox gets them: the calls, then the admin notices.
    var requests: [BotCall] { calls + notices.map(\.call) }

    /// Messages sent to `chat`.
    func sent(to chat: Int64) -> [String] {
        requests.compactMap { if case .sendMessage(let m) = $0, m.chatID == chat { return m.text } else { return nil } }
    }

    /// The toast or alert of the press.
    var answer: AnswerCallbackQuery? {
        calls.compactMap { if case .answerCallbackQuery(let a) = $0 { return a } else { return nil } }.first
    }

    /// The text shown to the presser (an edit or a new message to their chat).
    var shown: String? { calls.compactMap(\.sentText).last }
}
