import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// The tenant's booking rules (owners edit them): slot interval, notice, horizon, caps, cancel window, reminder offsets,
/// feedback delay and waitlist hold. Each value is typed and range-checked; the running bot picks the new rules up
/// when it next reads the tenant.
struct PoliciesAdminFlow: Sendable {
    /// Who is asking, the audit log and the clock.
    let session: AdminSession
    /// The tenant's stored policies.
    let tenants: any TenantStore
    /// Admin reads and batch changes.
    let backOffice: any BackOfficeStore
    /// Where the tenant's Mini App is served, if anywhere (for the menu button).
    var miniAppURL: @Sendable (TenantID) -> String? = { _ in nil }
    /// The tenant's payment method.
    let deposits: any DepositStore
    /// Seals a provider token like bot tokens; nil: this server cannot store one.
    var seal: SecretSealer?

    private func current(_ reply: Reply) async throws -> Policies {
        try await tenants.tenant(reply.tenant.id)?.policies ?? reply.tenant.policies
    }

    func show(reply: inout Reply, notice: String? = nil) async throws {
        let p = try await current(reply)
        var text = reply.biz(
            .policiesCard,
            [
                "interval": String(p.slotIntervalMinutes), "notice": String(p.minNoticeMinutes), "horizon": String(p.horizonDays),
                "maxActive": String(p.maxActivePerCustomer), "maxPerDay": p.maxPerCustomerPerDay.map(String.init) ?? reply.biz(.noLimit),
                "cancel": String(p.cancelNoticeHours), "reminders": Self.value(p, .reminders), "feedback": String(p.feedbackDelayMinutes),
                "hold": String(p.waitlistHoldMinutes), "menu": reply.biz(p.miniAppMenuButton ? .valueOn : .valueOff),
            ])
        text += "\n" + reply.biz(
            .paymentsLine, ["mode": Self.modeText(try await deposits.paymentMode(reply.tenant.id), reply), "minutes": String(p.depositHoldMinutes)])
        text += "\n" + reply.contact(.policyLine, ["value": reply.biz(p.askPhone ? .valueOn : .valueOff)])
        text += "\n" + reply.contact(.noShowPolicyLine, ["value": p.noShowLimit.map(String.init) ?? reply.biz(.noLimit)])
        if let notice { text = notice + "\n\n" + text }
        let buttons = PolicyField.allCases.map { reply.button($0.label, .policyEdit($0)) }
        var rows = stride(from: 0, to: buttons.count, by: 3).map { Array(buttons[$0..<min($0 + 3, buttons.count)]) }
        rows.append([reply.button(.back, .business(.hours))])
        reply.show(text, keyboard: InlineKeyboardMarkup(rows))
    }

    func ask(_ field: PolicyField, reply: inout Reply) async throws {
        let question = reply.biz(.askPolicy, ["field": reply.biz(field.label), "hint": hint(field, reply)])
        try await session.ask(.business(.policy(field: field)), question, reply: &reply)
    }

    private func hint(_ field: PolicyField, _ reply: Reply) -> String {
        switch field {
        case .maxPerDay: reply.biz(.hintPerDay)
        case .noShowLimit: reply.contact(.noShowHint)
        case .reminders: reply.biz(.hintReminders)
        case .miniAppMenu, .askPhone: reply.biz(.hintOnOff)
        case .payments: reply.biz(.hintPayments)
        default:
            field.range.map { reply.biz(.hintRange, ["min": String($0.lowerBound), "max": String($0.upperBound)]) } ?? ""
        }
    }

    func receive(_ text: String, _ field: PolicyField, reply: inout Reply) async throws {
        if field == .payments { return try await receivePayments(text, reply: &reply) }
        let old = try await current(reply)
        guard let new = Self.applying(text, to: old, field) else {
            return reply.send(reply.biz(.badValue, ["hint": hint(field, reply)]))
        }
        session.setInput(nil, reply: &reply)
        try await backOffice.updatePolicies(new, of: reply.tenant.id)
        try await session.audit(.editPolicies, target: "policy:\(field)", old: Self.value(old, field), new: Self.value(new, field), reply: reply)
        var notice = reply.admin(.saved)
        if field == .miniAppMenu {
            // The menu button is the bot's, for every chat: set it now (through the outbox, with the change).
            if let url = miniAppURL(reply.tenant.id) {
                let button: MenuButton = new.miniAppMenuButton ? .webApp(reply.text(.openCalendar), url: url) : .standard
                reply.setMenuButton(button)
            } else if new.miniAppMenuButton {
                notice = reply.biz(.miniAppNotOffered)
            }
        }
        try await show(reply: &reply, notice: notice)
    }

    /// The field's value as text (for the audit log and the card).
    static func value(_ p: Policies, _ field: PolicyField) -> String {
        switch field {
        case .interval: String(p.slotIntervalMinutes)
        case .notice: String(p.minNoticeMinutes)
        case .horizon: String(p.horizonDays)
        case .maxActive: String(p.maxActivePerCustomer)
        case .maxPerDay: p.maxPerCustomerPerDay.map(String.init) ?? "-"
        case .cancel: String(p.cancelNoticeHours)
        case .reminders: p.reminderOffsetsMinutes.isEmpty ? "-" : p.reminderOffsetsMinutes.sorted(by: >).map(String.init).joined(separator: ", ")
        case .feedback: String(p.feedbackDelayMinutes)
        case .hold: String(p.waitlistHoldMinutes)
        case .miniAppMenu: p.miniAppMenuButton ? "1" : "0"
        case .askPhone: p.askPhone ? "1" : "0"
        case .noShowLimit: p.noShowLimit.map(String.init) ?? "-"
        case .depositHold: String(p.depositHoldMinutes)
        case .payments: "-"
        }
    }

    /// `policies` with `field` set from `text`, or nil when the value is out of range or unreadable.
    static func applying(_ text: String, to policies: Policies, _ field: PolicyField) -> Policies? {
        var p = policies
        let text = text.trimmingCharacters(in: .whitespaces)
        switch field {
        case .maxPerDay:
            if text == "-" { p.maxPerCustomerPerDay = nil; return p }
            guard let v = ServicesAdminFlow.number(text, in: 1...20) else { return nil }
            p.maxPerCustomerPerDay = v
        case .miniAppMenu:
            guard text == "1" || text == "0" else { return nil }
            p.miniAppMenuButton = text == "1"
        case .askPhone:
            guard text == "1" || text == "0" else { return nil }
            p.askPhone = text == "1"
        case .noShowLimit:
            if text == "-" { p.noShowLimit = nil; return p }
            guard let v = ServicesAdminFlow.number(text, in: 1...20) else { return nil }
            p.noShowLimit = v
        case .reminders:
            if text == "-" { p.reminderOffsetsMinutes = []; return p }
            let values = text.split { $0 == "," || $0 == " " || $0 == ";" }.map { ServicesAdminFlow.number(String($0), in: 5...10_080) }
            guard (1...3).contains(values.count), values.allSatisfy({ $0 != nil }) else { return nil }
            p.reminderOffsetsMinutes = Array(Set(values.compactMap { $0 })).sorted(by: >)
        default:
            guard let range = field.range, let v = ServicesAdminFlow.number(text, in: range) else { return nil }
            switch field {
            case .interval: p.slotIntervalMinutes = v
            case .notice: p.minNoticeMinutes = v
            case .horizon: p.horizonDays = v
            case .maxActive: p.maxActivePerCustomer = v
            case .cancel: p.cancelNoticeHours = v
            case .feedback: p.feedbackDelayMinutes = v
            case .depositHold: p.depositHoldMinutes = v
            default: p.waitlistHoldMinutes = v
            }
        }
        return p
    }
}

extension PolicyField {
    /// The accepted whole numbers of a numeric rule.
    var range: ClosedRange<Int>? {
        switch self {
        case .interval: 5...240
        case .notice: 0...10_080
        case .horizon: 1...365
        case .maxActive: 1...50
        case .cancel: 0...168
        case .feedback: 0...10_080
        case .hold, .depositHold: 5...1_440
        case .maxPerDay, .reminders, .miniAppMenu, .payments, .askPhone, .noShowLimit: nil
        }
    }

    /// The button and question label.
    var label: BusinessTextKey {
        switch self {
        case .interval: .policyInterval
        case .notice: .policyNotice
        case .horizon: .policyHorizon
        case .maxActive: .policyMaxActive
        case .maxPerDay: .policyMaxPerDay
        case .cancel: .policyCancel
        case .reminders: .policyReminders
        case .feedback: .policyFeedback
        case .hold: .policyHold
        case .miniAppMenu: .policyMiniAppMenu
        case .depositHold: .policyDepositHold
        case .payments: .policyPayments
        case .askPhone: .policyAskPhone
        case .noShowLimit: .policyNoShowLimit
        }
    }
}
