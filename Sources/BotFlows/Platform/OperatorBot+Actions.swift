import BookingCore
import Foundation
import Storage
import TelegramBotAPI

extension OperatorBot {
    static func day(_ date: Date, zone: String) -> String {
        let day = (ZonedCalendar(identifier: zone) ?? ZonedCalendar(zone: .gmt)).localDate(of: date)
        return String(format: "%02d.%02d.%04d", day.day, day.month, day.year)
    }

    func card(_ record: TenantRecord, user: Int64, reply: inout OperatorReply) async throws {
        let id = record.id
        let subscription = try await environment.stores.billing.subscription(id)
        let plans = try await environment.stores.billing.plans()
        let activity = desk.lastActivity[id]
        let values = [
            "id": id.rawValue, "name": record.profile.name, "status": record.profile.status.rawValue,
            "reason": record.statusReason.isEmpty ? "" : "(\(record.statusReason))",
            "plan": subscription.map { s in plans.first { $0.code == s.plan }?.name(reply.language.rawValue) ?? s.plan.rawValue } ?? reply.text(.nothing),
            "until": subscription.map { Self.day($0.paidUntil, zone: record.profile.timeZone) } ?? reply.text(.nothing),
            "bot": record.botUsername, "health": desk.botHealth(id) ?? reply.text(.healthy), "owner": String(record.ownerID.rawValue),
            "activity": activity.map { Self.day($0, zone: record.profile.timeZone) } ?? reply.text(.never),
        ]
        try await audit(user, "operator-bot.card", tenant: id)
        let toggle =
            record.profile.status == .suspended ? reply.button(.resumeButton, "o:res:\(id)") : reply.button(.suspendButton, "o:sus:\(id)")
        reply.send(reply.text(.card, values), [[toggle, reply.button(.payButton, "o:pay:\(id)")], [reply.button(.menuButton, "o:menu")]])
    }

    /// Suspends a serving tenant or resumes a suspended one, audited in the change's transaction.
    func setStatus(_ record: TenantRecord, suspend: Bool, user: Int64, reply: inout OperatorReply) async throws {
        let status = record.profile.status
        guard suspend ? status.isServing : status == .suspended else {
            return reply.send(reply.text(.notChanged, ["id": record.id.rawValue, "status": status.rawValue]), menu(reply))
        }
        let at = environment.now()
        _ = try await environment.stores.tenants.updateTenant(
            record.id,
            audit: OperatorAuditEntry(at: at, actor: "telegram:\(user)", tenant: record.id, action: suspend ? "tenant.suspend" : "tenant.resume", detail: "operator bot")
        ) { record in
            record.profile.status = suspend ? .suspended : .active
            record.statusReason = suspend ? "suspended by the operator" : ""
            record.statusChangedAt = at
        }
        reply.send(reply.text(suspend ? .suspended : .resumed, ["id": record.id.rawValue]), [[reply.button(.menuButton, "o:menu")]])
    }

    /// "amount days reference": a manual payment extending from max(now, paid_until), resuming a tenant suspended at
    /// expiry, audited, all in the update's transaction.
    func recordPayment(_ text: String, tenant: TenantID, user: Int64, reply: inout OperatorReply) async throws {
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ", maxSplits: 2).map(String.init)
        guard parts.count == 3, let amount = MoneyAmount(decimal: parts[0]), amount.minor > 0,
            let days = InputBounds.integer(parts[1], in: 1...Plan.maxPeriodDays), (1...200).contains(parts[2].count),
            let record = try await environment.stores.tenants.tenant(tenant)
        else { return reply.send(reply.text(.badPayment)) }
        let at = environment.now()
        let actor = "telegram:\(user)"
        let stores = environment.stores
        let before = try await stores.billing.subscription(tenant)
        let payment = try await stores.billing.createPayment(
            PaymentRecord(
                tenant: tenant, plan: PlanCode("manual")!, amount: amount, currency: record.profile.currency, periodDays: days, provider: .manual,
                reference: parts[2], createdAt: at))
        guard let after = try await stores.applyPayment(payment.id, at: at, actor: actor) else { return reply.send(reply.text(.badPayment)) }
        try await stores.tenants.appendOperatorAudit(
            OperatorAuditEntry(
                at: at, actor: actor, tenant: tenant, action: "billing.manual-payment",
                detail: "payment \(payment.id): \(amount) \(record.profile.currency), \(days) days, reference \(parts[2].debugDescription); "
                    + "paid_until: \(before.map { "\($0.paidUntil)" } ?? "none") → \(after.paidUntil)"))
        reply.conversation = OperatorConversation()
        let until = Self.day(after.paidUntil, zone: record.profile.timeZone)
        reply.send(reply.text(.paid, ["amount": "\(amount) \(record.profile.currency)", "id": tenant.rawValue, "until": until]), menu(reply))
    }

    /// Tenants by status, MRR (each paying subscription's latest payment per 30 days), revenue of the last 30 days and
    /// trials ending within 7 days.
    func stats(user: Int64, reply: inout OperatorReply) async throws {
        let now = environment.now()
        let tenants = try await businesses(matching: nil)
        let serving = Set(tenants.filter(\.profile.status.isServing).map(\.id))
        let statuses = Dictionary(grouping: tenants, by: \.profile.status.rawValue).map { "\($0.key) \($0.value.count)" }.sorted()
        let subscriptions = try await environment.stores.billing.subscriptions().filter { serving.contains($0.tenant) }
        let payments = try await environment.stores.billing.payments(tenant: nil, limit: 10_000).filter { $0.status == .succeeded }
        // Newest first: the first succeeded payment of a tenant is its latest, the price it pays now (manual ones too).
        var latest: [TenantID: PaymentRecord] = [:]
        for payment in payments where latest[payment.tenant] == nil { latest[payment.tenant] = payment }
        var mrr: Int64 = 0
        for subscription in subscriptions where subscription.paid && subscription.paidUntil > now {
            if let payment = latest[subscription.tenant], payment.periodDays > 0 { mrr += payment.amount.minor * 30 / Int64(payment.periodDays) }
        }
        let since = now.addingTimeInterval(-30 * 86_400)
        let revenue = payments.filter { ($0.appliedAt ?? .distantPast) >= since }.reduce(Int64(0)) { $0 + $1.amount.minor }
        let weekEnd = now.addingTimeInterval(7 * 86_400)
        let trials = subscriptions.filter { !$0.paid && $0.paidUntil > now && $0.paidUntil <= weekEnd }.count
        try await audit(user, "operator-bot.stats", tenant: nil)
        reply.send(
            reply.text(
                .stats,
                [
                    "statuses": statuses.isEmpty ? reply.text(.nothing) : statuses.joined(separator: ", "), "mrr": MoneyAmount(minor: mrr).decimal,
                    "revenue": MoneyAmount(minor: revenue).decimal, "trials": "\(trials)",
                ]), [[reply.button(.menuButton, "o:menu")]])
    }
}
