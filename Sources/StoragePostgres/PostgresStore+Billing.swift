import BookingCore
import Foundation
import PostgresNIO
import Storage

extension PostgresStore: BillingStore {
    public func plans() async throws -> [Plan] {
        try await query("SELECT * FROM zapis.plans ORDER BY display_order, code").map(Self.plan)
    }

    public func savePlan(_ plan: Plan, audit: OperatorAuditEntry) async throws {
        let logger = logger
        try await transaction { connection in
            let old = try await connection.rows("SELECT * FROM zapis.plans WHERE code = \(plan.code.rawValue) FOR UPDATE", logger: logger)
                .first.map(Self.plan)
            try await connection.run(
                """
                INSERT INTO zapis.plans (code, name_ru, name_en, price_minor, currency, period_days, active, display_order)
                VALUES (\(plan.code.rawValue), \(plan.nameRU), \(plan.nameEN), \(plan.priceMinor), \(plan.currency), \(plan.periodDays),
                    \(plan.active), \(plan.displayOrder))
                ON CONFLICT (code) DO UPDATE SET name_ru = excluded.name_ru, name_en = excluded.name_en,
                    price_minor = excluded.price_minor, currency = excluded.currency, period_days = excluded.period_days,
                    active = excluded.active, display_order = excluded.display_order
                """, logger: logger)
            var audit = audit
            audit.detail = [audit.detail, plan.changes(from: old)].filter { !$0.isEmpty }.joined(separator: "; ")
            try await Self.insert(audit, on: connection, logger: logger)
        }
    }

    public func subscription(_ tenant: TenantID) async throws -> Subscription? {
        try await query("SELECT * FROM zapis.subscriptions WHERE tenant_id = \(tenant.rawValue)").first.map(Self.subscription)
    }

    public func subscriptions() async throws -> [Subscription] {
        try await query("SELECT * FROM zapis.subscriptions ORDER BY tenant_id").map(Self.subscription)
    }

    public func startSubscription(_ s: Subscription) async throws -> Bool {
        let rows = try await query(
            """
            INSERT INTO zapis.subscriptions (tenant_id, plan, paid_until, paid, updated_at)
            VALUES (\(s.tenant.rawValue), \(s.plan.rawValue), \(s.paidUntil), \(s.paid), \(s.updatedAt))
            ON CONFLICT (tenant_id) DO NOTHING RETURNING tenant_id
            """)
        return !rows.isEmpty
    }

    public func createPayment(_ p: PaymentRecord) async throws -> PaymentRecord {
        // ON CONFLICT on the provider's id: a duplicate is a typed refusal, not a failed transaction.
        let rows = try await query(
            """
            INSERT INTO zapis.payments (tenant_id, plan, amount_minor, currency, period_days, provider, external_id, reference, status,
                created_at, applied_at)
            VALUES (\(p.tenant.rawValue), \(p.plan.rawValue), \(p.amount.minor), \(p.currency), \(p.periodDays), \(p.provider.rawValue),
                \(p.externalID), \(p.reference), \(p.status.rawValue), \(p.createdAt), \(p.appliedAt))
            ON CONFLICT (external_id) DO NOTHING RETURNING id
            """)
        guard let row = rows.first else { throw StorageError.duplicate(p.externalID ?? "payment") }
        var stored = p
        stored.id = PaymentID(try row.first(as: Int64.self))
        return stored
    }

    public func payment(_ id: PaymentID) async throws -> PaymentRecord? {
        try await query("SELECT * FROM zapis.payments WHERE id = \(id.rawValue)").first.map(Self.payment)
    }

    public func payment(externalID: String) async throws -> PaymentRecord? {
        try await query("SELECT * FROM zapis.payments WHERE external_id = \(externalID)").first.map(Self.payment)
    }

    public func setExternalID(_ externalID: String, of id: PaymentID) async throws {
        let logger = logger
        try await transaction { connection in
            guard let row = try await connection.rows("SELECT external_id FROM zapis.payments WHERE id = \(id.rawValue) FOR UPDATE", logger: logger).first
            else { throw StorageError.notFound(id.description) }
            if let stored = try row.first(as: String?.self) {
                guard stored == externalID else { throw StorageError.duplicate(externalID) }
                return
            }
            let taken = try await connection.rows("SELECT id FROM zapis.payments WHERE external_id = \(externalID)", logger: logger)
            guard taken.isEmpty else { throw StorageError.duplicate(externalID) }
            try await connection.run("UPDATE zapis.payments SET external_id = \(externalID) WHERE id = \(id.rawValue)", logger: logger)
        }
    }

    public func cancelPayment(_ id: PaymentID) async throws -> Bool {
        !(try await query("UPDATE zapis.payments SET status = 'canceled' WHERE id = \(id.rawValue) AND status = 'pending' RETURNING id")).isEmpty
    }

    public func applyPayment(_ id: PaymentID, at now: Date) async throws -> Subscription? {
        let logger = logger
        return try await transaction { connection in
            // The guard on applied_at, under the row lock the UPDATE takes, makes a concurrent or later second
            // application (a duplicate notification) change nothing: it waits for the first and then matches no row.
            let applied = try await connection.rows(
                """
                UPDATE zapis.payments SET status = 'succeeded', applied_at = \(now)
                WHERE id = \(id.rawValue) AND applied_at IS NULL AND status <> 'canceled' RETURNING *
                """, logger: logger)
            guard let row = applied.first else {
                let exists = try await connection.rows("SELECT id FROM zapis.payments WHERE id = \(id.rawValue)", logger: logger)
                if exists.isEmpty { throw StorageError.notFound(id.description) }
                return nil
            }
            let payment = try Self.payment(row)
            let current =
                try await connection.rows("SELECT * FROM zapis.subscriptions WHERE tenant_id = \(payment.tenant.rawValue) FOR UPDATE", logger: logger)
                .first.map(Self.subscription)
                ?? Subscription(tenant: payment.tenant, plan: payment.plan, paidUntil: now, paid: true, updatedAt: now)
            let s = current.extended(by: payment.periodDays, plan: payment.plan, at: now)
            try await connection.run(
                """
                INSERT INTO zapis.subscriptions (tenant_id, plan, paid_until, paid, updated_at)
                VALUES (\(s.tenant.rawValue), \(s.plan.rawValue), \(s.paidUntil), \(s.paid), \(s.updatedAt))
                ON CONFLICT (tenant_id) DO UPDATE SET plan = excluded.plan, paid_until = excluded.paid_until, paid = excluded.paid,
                    updated_at = excluded.updated_at
                """, logger: logger)
            return s
        }
    }

    public func payments(tenant: TenantID?, limit: Int) async throws -> [PaymentRecord] {
        let bounded = max(0, min(limit, 10_000))
        let rows =
            if let tenant {
                try await query("SELECT * FROM zapis.payments WHERE tenant_id = \(tenant.rawValue) ORDER BY id DESC LIMIT \(bounded)")
            } else {
                try await query("SELECT * FROM zapis.payments ORDER BY id DESC LIMIT \(bounded)")
            }
        return try rows.map(Self.payment)
    }

    static func plan(_ row: PostgresRow) throws -> Plan {
        let r = row.makeRandomAccess()
        guard let code = PlanCode(try r.get("code", as: String.self)) else { throw StorageError.corrupt("plan code") }
        return Plan(
            code: code, nameRU: try r.get("name_ru"), nameEN: try r.get("name_en"), priceMinor: try r.get("price_minor"),
            currency: try r.get("currency"), periodDays: Int(try r.get("period_days", as: Int32.self)), active: try r.get("active"),
            displayOrder: Int(try r.get("display_order", as: Int32.self)))
    }

    static func subscription(_ row: PostgresRow) throws -> Subscription {
        let r = row.makeRandomAccess()
        guard let tenant = TenantID(try r.get("tenant_id", as: String.self)), let plan = PlanCode(try r.get("plan", as: String.self)) else {
            throw StorageError.corrupt("subscription")
        }
        return Subscription(tenant: tenant, plan: plan, paidUntil: try r.get("paid_until"), paid: try r.get("paid"), updatedAt: try r.get("updated_at"))
    }

    static func payment(_ row: PostgresRow) throws -> PaymentRecord {
        let r = row.makeRandomAccess()
        guard let tenant = TenantID(try r.get("tenant_id", as: String.self)), let plan = PlanCode(try r.get("plan", as: String.self)),
            let provider = PaymentProvider(rawValue: try r.get("provider", as: String.self)),
            let status = PaymentStatus(rawValue: try r.get("status", as: String.self))
        else { throw StorageError.corrupt("payment") }
        return PaymentRecord(
            id: PaymentID(try r.get("id")), tenant: tenant, plan: plan, amount: MoneyAmount(minor: try r.get("amount_minor")),
            currency: try r.get("currency"), periodDays: Int(try r.get("period_days", as: Int32.self)), provider: provider,
            externalID: try r.get("external_id"), reference: try r.get("reference"), status: status, createdAt: try r.get("created_at"),
            appliedAt: try r.get("applied_at"))
    }
}
