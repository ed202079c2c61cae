import BookingCore
import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore: BillingStore {
    public func plans() async throws -> [Plan] {
        try await query("SELECT * FROM plans ORDER BY display_order, code").map(Self.plan)
    }

    public func savePlan(_ plan: Plan, audit: OperatorAuditEntry) async throws {
        try await transaction { db in
            let old = try await db.query("SELECT * FROM plans WHERE code = ?", [.text(plan.code.rawValue)]).first.map(Self.plan)
            _ = try await db.query(
                """
                INSERT INTO plans (code, name_ru, name_en, price_minor, currency, period_days, active, display_order)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET name_ru = excluded.name_ru, name_en = excluded.name_en,
                    price_minor = excluded.price_minor, currency = excluded.currency, period_days = excluded.period_days,
                    active = excluded.active, display_order = excluded.display_order
                """,
                [
                    .text(plan.code.rawValue), .text(plan.nameRU), .text(plan.nameEN), .integer(Int(plan.priceMinor)), .text(plan.currency),
                    .integer(plan.periodDays), .integer(plan.active ? 1 : 0), .integer(plan.displayOrder),
                ])
            var audit = audit
            audit.detail = [audit.detail, plan.changes(from: old)].filter { !$0.isEmpty }.joined(separator: "; ")
            try await Self.insert(audit, into: db)
        }
    }

    public func subscription(_ tenant: TenantID) async throws -> Subscription? {
        try await query("SELECT * FROM subscriptions WHERE tenant_id = ?", [.text(tenant.rawValue)]).first.map(Self.subscription)
    }

    public func subscriptions() async throws -> [Subscription] {
        try await query("SELECT * FROM subscriptions ORDER BY tenant_id").map(Self.subscription)
    }

    public func startSubscription(_ subscription: Subscription) async throws -> Bool {
        let rows = try await query(
            "INSERT INTO subscriptions VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id) DO NOTHING RETURNING tenant_id",
            Self.binds(subscription))
        return !rows.isEmpty
    }

    public func createPayment(_ payment: PaymentRecord) async throws -> PaymentRecord {
        try await transaction { db in
            if let external = payment.externalID, !(try await db.query("SELECT id FROM payments WHERE external_id = ?", [.text(external)])).isEmpty {
                throw StorageError.duplicate(external)
            }
            let rows = try await db.query(
                """
                INSERT INTO payments (tenant_id, plan, amount_minor, currency, period_days, provider, external_id, reference, status,
                    created_at, applied_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                """,
                [
                    .text(payment.tenant.rawValue), .text(payment.plan.rawValue), .integer(Int(payment.amount.minor)), .text(payment.currency),
                    .integer(payment.periodDays), .text(payment.provider.rawValue), payment.externalID.map { .text($0) } ?? .null,
                    .text(payment.reference), .text(payment.status.rawValue), payment.createdAt.sqlite, payment.appliedAt?.sqlite ?? .null,
                ])
            var stored = payment
            stored.id = PaymentID(try rows.first?.int("id") ?? 0)
            return stored
        }
    }

    public func payment(_ id: PaymentID) async throws -> PaymentRecord? {
        try await query("SELECT * FROM payments WHERE id = ?", [.integer(Int(id.rawValue))]).first.map(Self.payment)
    }

    public func payment(externalID: String) async throws -> PaymentRecord? {
        try await query("SELECT * FROM payments WHERE external_id = ?", [.text(externalID)]).first.map(Self.payment)
    }

    public func setExternalID(_ externalID: String, of id: PaymentID) async throws {
        try await transaction { db in
            guard let row = try await db.query("SELECT external_id FROM payments WHERE id = ?", [.integer(Int(id.rawValue))]).first else {
                throw StorageError.notFound(id.description)
            }
            if let stored = row.optionalText("external_id") {
                guard stored == externalID else { throw StorageError.duplicate(externalID) }
                return
            }
            let taken = try await db.query("SELECT id FROM payments WHERE external_id = ?", [.text(externalID)])
            guard taken.isEmpty else { throw StorageError.duplicate(externalID) }
            _ = try await db.query("UPDATE payments SET external_id = ? WHERE id = ?", [.text(externalID), .integer(Int(id.rawValue))])
        }
    }

    public func cancelPayment(_ id: PaymentID) async throws -> Bool {
        let rows = try await query(
            "UPDATE payments SET status = 'canceled' WHERE id = ? AND status = 'pending' RETURNING id", [.integer(Int(id.rawValue))])
        return !rows.isEmpty
    }

    public func applyPayment(_ id: PaymentID, at now: Date) async throws -> Subscription? {
        try await transaction { db in
            // The guard on applied_at makes a second application (a duplicate notification) change nothing.
            let applied = try await db.query(
                """
                UPDATE payments SET status = 'succeeded', applied_at = ?
                WHERE id = ? AND applied_at IS NULL AND status <> 'canceled' RETURNING *
                """, [now.sqlite, .integer(Int(id.rawValue))])
            guard let row = applied.first else {
                let exists = try await db.query("SELECT id FROM payments WHERE id = ?", [.integer(Int(id.rawValue))])
                if exists.isEmpty { throw StorageError.notFound(id.description) }
                return nil
            }
            let payment = try Self.payment(row)
            let current =
                try await db.query("SELECT * FROM subscriptions WHERE tenant_id = ?", [.text(payment.tenant.rawValue)]).first.map(Self.subscription)
                ?? Subscription(tenant: payment.tenant, plan: payment.plan, paidUntil: now, paid: true, updatedAt: now)
            let next = current.extended(by: payment.periodDays, plan: payment.plan, at: now)
            _ = try await db.query(
                """
                INSERT INTO subscriptions VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id) DO UPDATE SET plan = excluded.plan, paid_until = excluded.paid_until, paid = excluded.paid,
                    updated_at = excluded.updated_at
                """, Self.binds(next))
            return next
        }
    }

    public func payments(tenant: TenantID?, limit: Int) async throws -> [PaymentRecord] {
        let bounded = max(0, min(limit, 10_000))
        let rows =
            if let tenant {
                try await query("SELECT * FROM payments WHERE tenant_id = ? ORDER BY id DESC LIMIT ?", [.text(tenant.rawValue), .integer(bounded)])
            } else {
                try await query("SELECT * FROM payments ORDER BY id DESC LIMIT ?", [.integer(bounded)])
            }
        return try rows.map(Self.payment)
    }

    private static func binds(_ s: Subscription) -> [SQLiteData] {
        [.text(s.tenant.rawValue), .text(s.plan.rawValue), s.paidUntil.sqlite, .integer(s.paid ? 1 : 0), s.updatedAt.sqlite]
    }

    static func plan(_ row: SQLiteRow) throws -> Plan {
        guard let code = PlanCode(try row.text("code")) else { throw StorageError.corrupt("plan code") }
        return Plan(
            code: code, nameRU: try row.text("name_ru"), nameEN: try row.text("name_en"), priceMinor: try row.int("price_minor"),
            currency: try row.text("currency"), periodDays: Int(try row.int("period_days")), active: try row.int("active") != 0,
            displayOrder: Int(try row.int("display_order")))
    }

    static func subscription(_ row: SQLiteRow) throws -> Subscription {
        guard let tenant = TenantID(try row.text("tenant_id")), let plan = PlanCode(try row.text("plan")) else {
            throw StorageError.corrupt("subscription")
        }
        return Subscription(
            tenant: tenant, plan: plan, paidUntil: try row.date("paid_until"), paid: try row.int("paid") != 0, updatedAt: try row.date("updated_at"))
    }

    static func payment(_ row: SQLiteRow) throws -> PaymentRecord {
        guard let tenant = TenantID(try row.text("tenant_id")), let plan = PlanCode(try row.text("plan")),
            let provider = PaymentProvider(rawValue: try row.text("provider")), let status = PaymentStatus(rawValue: try row.text("status"))
        else { throw StorageError.corrupt("payment") }
        return PaymentRecord(
            id: PaymentID(try row.int("id")), tenant: tenant, plan: plan, amount: MoneyAmount(minor: try row.int("amount_minor")),
            currency: try row.text("currency"), periodDays: Int(try row.int("period_days")), provider: provider,
            externalID: row.optionalText("external_id"), reference: try row.text("reference"), status: status,
            createdAt: try row.date("created_at"), appliedAt: row.column("applied_at")?.double.map(Date.init(timeIntervalSince1970:)))
    }
}
