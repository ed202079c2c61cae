import Foundation

/// Where a subscription stands at an instant (derived from `paid_until`, whether anything was ever paid, and the
/// grace period; never stored, so it cannot disagree with them).
public enum SubscriptionState: String, Sendable, Hashable, CaseIterable {
    /// Never paid, the trial still running.
    case trial
    /// Paid until a future instant.
    case active
    /// Past `paid_until`, inside the grace period: still served.
    case grace
    /// Past `paid_until` and the grace period: the tenant is suspended.
    case expired
}

/// One tenant's subscription (platform table `subscriptions`).
public struct Subscription: Hashable, Sendable {
    /// The tenant.
    public var tenant: TenantID
    /// The plan of the latest payment (the trial before any).
    public var plan: PlanCode
    /// Served until this instant (plus the grace period).
    public var paidUntil: Date
    /// Whether any payment was ever applied (a trial has none).
    public var paid: Bool
    /// When it last changed.
    public var updatedAt: Date

    /// Creates a subscription.
    public init(tenant: TenantID, plan: PlanCode, paidUntil: Date, paid: Bool, updatedAt: Date) {
        self.tenant = tenant
        self.plan = plan
        self.paidUntil = paidUntil
        self.paid = paid
        self.updatedAt = updatedAt
    }

    /// The state at `now` with a grace period of `grace` seconds.
    public func state(at now: Date, grace: TimeInterval) -> SubscriptionState {
        if now < paidUntil { return paid ? .active : .trial }
        return now < paidUntil.addingTimeInterval(max(0, grace)) ? .grace : .expired
    }

    /// The subscription after a payment of `days` applied at `now`: extended from max(now, paid_until).
    public func extended(by days: Int, plan: PlanCode, at now: Date) -> Subscription {
        var next = self
        next.paidUntil = max(now, paidUntil).addingTimeInterval(Double(max(0, min(days, Plan.maxPeriodDays))) * 86_400)
        next.plan = plan
        next.paid = true
        next.updatedAt = now
        return next
    }

    /// A new tenant's trial of `days` from `now`.
    public static func trial(_ tenant: TenantID, days: Int, at now: Date) -> Subscription {
        Subscription(
            tenant: tenant, plan: .trial, paidUntil: now.addingTimeInterval(Double(max(0, min(days, Plan.maxPeriodDays))) * 86_400), paid: false,
            updatedAt: now)
    }
}
