import BookingCore
import Foundation

/// `zapis plan list|set` and `zapis billing show|pay|payments`: plans as data, subscriptions and manual payments.
extension Commands {
    /// `plan list`: one line per plan.
    public static func listPlans(configuration: AppConfiguration) async throws -> [String] {
        try await withDesk(configuration) { desk in try await desk.plans().map(planLine) }
    }

    /// `plan set CODE`: creates or changes a plan (audited).
    public static func setPlan(_ code: String, _ edit: PlanEdit, configuration: AppConfiguration) async throws -> String {
        // Every server keeps the plans its tenants' renewals read: each gets the change (the primary's line is printed).
        try await LiveDependencies.withRunning(configuration, logger: LiveDependencies.logger(configuration)) { all in
            var changed: [Plan] = []
            for dependencies in all.everyServer {
                changed.append(try await BillingDesk(dependencies: dependencies, actor: cliActor()).setPlan(code, edit))
            }
            return "plan " + planLine(changed[0])
        }
    }

    /// `billing show TENANT`: the subscription and the latest payments.
    public static func showBilling(_ tenant: String, configuration: AppConfiguration) async throws -> [String] {
        try await withDesk(configuration, tenant: tenant) { desk in
            guard let subscription = try await desk.subscription(tenant) else {
                return ["\(tenant): no subscription (provisioned before billing; never expires until a payment is recorded)"]
            }
            let state = subscription.state(at: desk.now(), grace: configuration.billing.grace)
            var lines = ["\(tenant): \(state.rawValue), plan \(subscription.plan), paid until \(subscription.paidUntil)", "payments (newest first):"]
            lines += try await desk.stores.billing.payments(tenant: subscription.tenant, limit: 20).map(paymentLine)
            return lines
        }
    }

    /// `billing pay TENANT`: records a manual payment (audited) and prints the new paid-until.
    public static func recordManualPayment(
        _ tenant: String, amount: String, days: Int, reference: String, plan: String?, configuration: AppConfiguration
    ) async throws -> String {
        try await withDesk(configuration, tenant: tenant) { desk in
            let (payment, subscription) = try await desk.recordManualPayment(tenant, amount: amount, days: days, reference: reference, plan: plan)
            return "payment \(payment.id) recorded: \(payment.amount) \(payment.currency) for \(days) days; \(tenant) paid until \(subscription.paidUntil)"
        }
    }

    static func planLine(_ plan: Plan) -> String {
        "\(plan.code)\t\(plan.nameEN) / \(plan.nameRU)\t\(MoneyAmount(minor: plan.priceMinor)) \(plan.currency)\t\(plan.periodDays) days\t"
            + "\(plan.active ? "active" : "inactive")\torder \(plan.displayOrder)"
    }

    static func paymentLine(_ p: PaymentRecord) -> String {
        "\(p.id)\t\(p.createdAt)\t\(p.provider.rawValue)\t\(p.plan)\t\(p.amount) \(p.currency)\t\(p.periodDays) days\t\(p.status.rawValue)\t"
            + (p.externalID ?? p.reference)
    }

    /// Runs `body` with the billing desk of the server holding `tenant` (the primary's without one).
    private static func withDesk<T: Sendable>(
        _ configuration: AppConfiguration, tenant: String? = nil, _ body: @Sendable (BillingDesk) async throws -> T
    ) async throws -> T {
        try await LiveDependencies.withRunning(configuration, logger: LiveDependencies.logger(configuration)) { all in
            let dependencies = tenant.flatMap(TenantID.init).map { all.serving($0) } ?? all
            return try await body(BillingDesk(dependencies: dependencies, actor: cliActor()))
        }
    }
}
