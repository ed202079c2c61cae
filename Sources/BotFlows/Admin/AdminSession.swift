import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// What an admin typed input is waiting for, kept beside the customer state in the conversation record.
enum AdminInput: Codable, Equatable, Sendable {
    /// The reason of the block being previewed.
    case blockReason(master: Int64?, from: Int64, to: Int64, reason: String?)
    /// A new template for `key` in `language`.
    case template(key: String, language: String)
    /// The Telegram id of a new admin.
    case newAdmin
    /// An input of services, hours or booking rules.
    case business(BusinessInput)
    /// The text of a broadcast being written.
    case broadcast(BroadcastDraft)
    /// The minutes of a day's shift (master nil: all), typed.
    case shiftMinutes(master: Int64?, day: String)
    /// A new value of a business profile field.
    case profile(ProfileField)
    /// A time zone previewed and waiting for "apply" (a new zone may still be typed).
    case pendingZone(String)
    /// An input of the staff side.
    case staff(StaffInput)
    /// The client of a booking an admin makes at a chosen time.
    case walkIn(service: Int64, master: Int64, minute: Int64)
    /// A typed report period (master nil: every master's).
    case report(master: Int64?)

    /// Whether the answer may be a secret, deleted from the chat once read.
    var isSecret: Bool { self == .business(.policy(field: .payments)) }

    /// The action the input completes (checked again when it arrives).
    var action: AdminAction {
        switch self {
        case .blockReason: .blockTime
        case .template: .editText
        case .newAdmin: .addAdmin
        case .business(let input): input.action
        case .broadcast: .broadcast
        case .profile, .pendingZone: .editProfile
        case .shiftMinutes: .shiftDay
        case .staff(let input): input.action
        case .walkIn: .bookClient
        case .report: .viewReports
        }
    }

    /// A new label of a main menu button is awaited (a label typed then is the new label, not a press).
    var isMenuLabelTemplate: Bool {
        if case .template(let key, _) = self { TextKey(rawValue: key)?.isMenuLabel == true } else { false }
    }
}

/// One admin request in progress: who is asking (the admins table), the audit log of what they did, and the clock.
/// Every admin flow holds one, beside the stores of its own.
struct AdminSession: Sendable {
    /// Admins and their roles.
    let admins: any AdminStore
    /// The audit log.
    let audit: any AuditStore
    /// The wall clock.
    let clock: @Sendable () -> Date

    /// The current instant.
    var now: Date { clock() }

    /// The tenant's admins; the tenant's owner becomes the first owner the first time they are asked for.
    func members(_ tenant: TenantContext) async throws -> [AdminMember] {
        let stored = try await admins.admins(tenant.id)
        guard stored.isEmpty else { return stored }
        let owner = AdminMember(userID: tenant.record.ownerID, role: .owner, name: "Owner", addedAt: tenant.record.createdAt)
        try await admins.saveAdmin(owner, tenant: tenant.id)
        return [owner]
    }

    /// The role of `user`, or nil when they are no admin.
    func role(of user: UserID, tenant: TenantContext) async throws -> AdminRole? {
        try await members(tenant).first { $0.userID == user }?.role
    }

    /// The role of the presser, remembering the language of this update as theirs when it changed (messages to
    /// them outside their own updates, such as notices, use it).
    private func role(_ reply: Reply) async throws -> AdminRole? {
        guard var member = try await members(reply.tenant).first(where: { $0.userID == reply.user }) else { return nil }
        if member.languageCode != reply.language.rawValue {
            member.languageCode = reply.language.rawValue
            try await admins.saveAdmin(member, tenant: reply.tenant.id)
        }
        return member.role
    }

    /// The language of admin `member`'s messages: of their latest admin-side update, else the tenant's default.
    static func language(of member: AdminMember?, tenant: TenantContext) -> Language {
        Language.resolve(userCode: member?.languageCode, tenantDefault: tenant.profile.defaultLanguage)
    }

    /// Checks `action` for the presser now; a refusal is audited and answered. Returns the role when allowed.
    func authorize(_ action: AdminAction, target: String, reply: inout Reply) async throws -> AdminRole? {
        let role = try await role(reply)
        if action.allows(role) { return role }
        try await refuse(action, target: target, role: role, reply: &reply)
        return nil
    }

    /// Audits (while worth it) and answers a refusal of `action` to the presser whose role is `role`.
    func refuse(_ action: AdminAction, target: String, role: AdminRole?, reply: inout Reply) async throws {
        if try await refusalIsWorthAuditing(action, reply) { try await audit(action, target: target, outcome: .refused, reply: reply) }
        let text = reply.admin(role == nil ? .notAdmin : .notAllowed)
        if reply.callbackID != nil { reply.answer(text, alert: true) } else { reply.send(text) }
    }

    /// Refusals of one user and action written to the audit log per hour: the first ones show the pattern; a user
    /// pressing the same forged admin button over and over is answered each time but does not fill the log.
    static let auditedRefusalsPerHour = 5

    /// True while the presser has fewer than `auditedRefusalsPerHour` refusals of `action` among the newest entries.
    private func refusalIsWorthAuditing(_ action: AdminAction, _ reply: Reply) async throws -> Bool {
        let since = now.addingTimeInterval(-3_600)
        let recent = try await audit.auditLog(reply.tenant.id, offset: 0, limit: 50)
        let same = recent.count { $0.actor == reply.user && $0.outcome == .refused && $0.action == action.rawValue && $0.at > since }
        return same < Self.auditedRefusalsPerHour
    }

    /// Appends an audit entry for the presser.
    func audit(
        _ action: AdminAction, target: String, old: String? = nil, new: String? = nil, outcome: AuditOutcome = .done, reply: Reply
    ) async throws {
        try await audit.appendAudit(
            AuditEntry(at: now, actor: reply.user, action: action.rawValue, target: target, oldValue: old, newValue: new, outcome: outcome),
            tenant: reply.tenant.id)
    }

    /// Sets (or clears, with nil) the pending input, keeping every field of the customer side as it is; clearing
    /// what is not there changes nothing.
    func setInput(_ input: AdminInput?, reply: inout Reply) {
        guard input != nil || reply.conversation.adminInput != nil else { return }
        reply.conversation.adminInput = input
    }

    /// "30 ноября, пн, 10:00".
    func when(_ instant: Date, _ reply: Reply) -> String {
        let calendar = reply.tenant.calendar
        return "\(reply.format.date(calendar.localDate(of: instant))), \(calendar.localTime(of: instant))"
    }
}

extension Reply {
    /// An admin-side text in the presser's language.
    func admin(_ key: AdminTextKey, _ values: [String: String] = [:]) -> String { AdminTexts.standard.render(key, language, values) }

    /// An inline button of the admin side.
    func button(_ key: AdminTextKey, _ action: AdminCallback, _ values: [String: String] = [:]) -> InlineKeyboardButton {
        InlineKeyboardButton(text: admin(key, values), callbackData: action.data)
    }
}

extension InlineKeyboardButton {
    /// A button with literal text.
    static func admin(_ text: String, _ action: AdminCallback) -> InlineKeyboardButton {
        InlineKeyboardButton(text: text, callbackData: action.data)
    }
}
