import BookingCore
import BotFlows
import Foundation
import Logging
import ServiceLifecycle
import Storage
import TelegramBotAPI

/// Watches subscriptions: warns every owner 7, 3 and 0 days before `paid_until` (each warning once, across
/// instances: its row in `expiry_notices` is claimed in the transaction that enqueues it), and suspends a tenant
/// whose subscription expired (after the grace period) through the same status change the lifecycle makes, audited.
struct SubscriptionWatch: ServiceLifecycle.Service {
    let stores: Stores
    let unitOfWork: any UnitOfWork
    let grace: TimeInterval
    let interval: Duration
    let now: @Sendable () -> Date
    let clock: any ServiceClock
    let logger: Logger

    /// Days before `paid_until` an owner is warned.
    static let warningDays = [7, 3, 0]

    /// When the warning `days` before `paid_until` is due; the "ends today" one six hours before the end.
    static func due(_ days: Int, paidUntil: Date) -> Date {
        paidUntil.addingTimeInterval(days == 0 ? -6 * 3_600 : -Double(days) * 86_400)
    }

    func run() async throws {
        await clock.repeatUntilShutdown(every: interval) {
            do {
                try await check()
            } catch {
                logger.error("subscription check failed", metadata: ["error": "\(error)"])
            }
        }
    }

    /// One pass over every subscription.
    func check() async throws {
        let at = now()
        for subscription in try await stores.billing.subscriptions() {
            guard let record = try await stores.tenants.tenant(subscription.tenant), record.profile.status.isServing else { continue }
            if subscription.state(at: at, grace: grace) == .expired {
                try await suspend(subscription, at: at)
            } else if let days = Self.dueWarning(subscription, at: at) {
                try await warn(subscription, record: record, days: days, at: at)
            }
        }
    }

    /// The latest warning due at `at` (a missed earlier one is not sent late), if it falls after the subscription was
    /// last changed (a payment sets a new `paid_until` with warnings of its own).
    static func dueWarning(_ subscription: Subscription, at: Date) -> Int? {
        guard at < subscription.paidUntil else { return nil }
        return warningDays.last { days in
            let due = due(days, paidUntil: subscription.paidUntil)
            return at >= due && due > subscription.updatedAt
        }
    }

    private func suspend(_ subscription: Subscription, at: Date) async throws {
        let grace = grace
        try await unitOfWork.inTransaction { tx in
            // Read again inside the transaction: a payment committed meanwhile keeps the tenant serving.
            guard let current = try await tx.stores.billing.subscription(subscription.tenant), current.state(at: at, grace: grace) == .expired,
                let record = try await tx.stores.tenants.tenant(subscription.tenant), record.profile.status.isServing
            else { return }
            _ = try await tx.stores.tenants.updateTenant(
                subscription.tenant,
                audit: OperatorAuditEntry(at: at, actor: "zapis:billing", tenant: subscription.tenant, action: "tenant.suspend", detail: "paid until \(current.paidUntil)")
            ) { record in
                record.profile.status = .suspended
                record.statusReason = SubscriptionEffects.expiredReason
                record.statusChangedAt = at
            }
        }
        logger.notice("tenant suspended: subscription expired", metadata: ["tenant": "\(subscription.tenant)"])
    }

    private func warn(_ subscription: Subscription, record: TenantRecord, days: Int, at: Date) async throws {
        let owners = try await stores.admins.admins(subscription.tenant).filter { $0.role == .owner }
        var recipients: [(Int64, String)] = owners.map { ($0.userID.rawValue, $0.languageCode ?? record.profile.defaultLanguage) }
        if !recipients.contains(where: { $0.0 == record.ownerID.rawValue }) {
            recipients.append((record.ownerID.rawValue, record.profile.defaultLanguage))
        }
        let calendar = ZonedCalendar(identifier: record.profile.timeZone) ?? ZonedCalendar(zone: .gmt)
        let date = calendar.localDate(of: subscription.paidUntil)
        let entries = try recipients.map { chat, language in
            // The Renew button opens the subscription in the admin panel (the owner's role is checked when pressed).
            let message = SendMessage(
                chatID: chat, text: ExpiryTexts.warning(days: days, until: date, language: language),
                replyMarkup: .inline(InlineKeyboardMarkup([[RenewButton.button(language: language)]])))
            return OutboxEntry(chatID: chat, payload: try OutgoingCall.payload(for: .sendMessage(message)), dueAt: at)
        }
        try await unitOfWork.inTransaction { tx in
            guard try await tx.stores.billing.claimExpiryNotice(tenant: subscription.tenant, paidUntil: subscription.paidUntil, days: days, at: at)
            else { return }
            try await tx.outbox.enqueue(entries, tenant: subscription.tenant, now: at)
        }
    }
}

/// The owners' expiry warnings, in Russian and English.
enum ExpiryTexts {
    static func warning(days: Int, until date: LocalDate, language: String) -> String {
        let day = String(format: "%02d.%02d.%04d", date.day, date.month, date.year)
        if language == "ru" {
            return days == 0
                ? "⚠️ Подписка на бот заканчивается сегодня (\(day)). Чтобы клиенты могли записываться дальше, продлите её кнопкой ниже или в /admin → Подписка."
                : "⚠️ Подписка на бот заканчивается через \(days) дн. (\(day)). Чтобы бот работал без перерыва, продлите её кнопкой ниже или в /admin → Подписка."
        }
        return days == 0
            ? "⚠️ The bot's subscription ends today (\(day)). Renew it with the button below or in /admin → Subscription so customers can keep booking."
            : "⚠️ The bot's subscription ends in \(days) days (\(day)). Renew it with the button below or in /admin → Subscription to keep the bot running."
    }
}
