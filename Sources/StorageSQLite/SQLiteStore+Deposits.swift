import BookingCore
import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore: DepositStore {
    public func paymentMode(_ tenant: TenantID) async throws -> PaymentMode {
        let row = try await query("SELECT mode, sealed_token FROM payment_settings WHERE tenant_id = ? AND id = 1", [.text(tenant.rawValue)]).first
        return Self.paymentMode(row?.optionalText("mode"), sealed: row?.column("sealed_token")?.blob.map { Array($0.readableBytesView) })
    }

    public func setPaymentMode(_ mode: PaymentMode, tenant: TenantID, now: Date) async throws {
        var sealed = SQLiteData.null
        if case .provider(let token) = mode { sealed = .blob(.init(bytes: token)) }
        _ = try await query(
            """
            INSERT INTO payment_settings (tenant_id, id, mode, sealed_token, updated_at) VALUES (?, 1, ?, ?, ?)
            ON CONFLICT (tenant_id, id) DO UPDATE SET mode = excluded.mode, sealed_token = excluded.sealed_token, updated_at = excluded.updated_at
            """, [.text(tenant.rawValue), .text(mode.code), sealed, now.sqlite])
    }

    public func addDeposit(_ deposit: Deposit, tenant: TenantID) async throws {
        _ = try await query(
            """
            INSERT INTO deposits (tenant_id, booking_id, customer_id, amount, currency, status, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """,
            [
                .text(tenant.rawValue), .integer(Int(deposit.bookingID.rawValue)), .integer(Int(deposit.customer.rawValue)),
                .integer(Int(deposit.charge.amount)), .text(deposit.charge.currency), .text(deposit.status.rawValue), deposit.createdAt.sqlite,
            ])
    }

    public func deposit(of booking: BookingID, tenant: TenantID) async throws -> Deposit? {
        try await query("SELECT * FROM deposits WHERE tenant_id = ? AND booking_id = ?", [.text(tenant.rawValue), .integer(Int(booking.rawValue))])
            .first.map(Self.deposit)
    }

    public func prolongHold(_ booking: BookingID, until: Date, tenant: TenantID, now: Date) async throws -> Bool {
        try await !query(
            """
            UPDATE bookings SET hold_until = max(hold_until, ?)
            WHERE tenant_id = ? AND id = ? AND status = 'held' AND hold_until > ? RETURNING id
            """, [until.sqlite, .text(tenant.rawValue), .integer(Int(booking.rawValue)), now.sqlite]
        ).isEmpty
    }

    public func recordPayment(
        _ booking: BookingID, telegramChargeID: String, providerChargeID: String, tenant: TenantID, now: Date
    ) async throws -> PaymentOutcome {
        let t = SQLiteData.text(tenant.rawValue)
        let id = SQLiteData.integer(Int(booking.rawValue))
        return try await transaction { db in
            guard let row = try await db.query("SELECT * FROM deposits WHERE tenant_id = ? AND booking_id = ?", [t, id]).first else {
                return .unknown
            }
            let deposit = try Self.deposit(row)
            if deposit.telegramChargeID == telegramChargeID { return .duplicate }
            if deposit.status == .pending || deposit.status == .expired {
                _ = try await db.query(
                    """
                    UPDATE deposits SET status = 'paid', telegram_charge_id = ?, provider_charge_id = ?, paid_at = ?
                    WHERE tenant_id = ? AND booking_id = ?
                    """, [.text(telegramChargeID), .text(providerChargeID), now.sqlite, t, id])
            }
            let confirmed = try await db.query(
                "UPDATE bookings SET status = 'confirmed', hold_until = NULL WHERE tenant_id = ? AND id = ? AND status = 'held' RETURNING *", [t, id])
            if let row = confirmed.first {
                try await Self.recordHistory(db, tenant: tenant, booking: booking, at: now, actor: "payment", old: "held", new: "confirmed", note: nil)
                return .confirmed(try Self.booking(row))
            }
            guard let current = try await db.query("SELECT * FROM bookings WHERE tenant_id = ? AND id = ?", [t, id]).first else { return .unknown }
            return .late(try Self.booking(current))
        }
    }

    public func expireHold(_ booking: BookingID, tenant: TenantID, now: Date) async throws -> Booking? {
        let t = SQLiteData.text(tenant.rawValue)
        let id = SQLiteData.integer(Int(booking.rawValue))
        return try await transaction { db in
            let rows = try await db.query(
                """
                UPDATE bookings SET status = 'cancelled', cancelled_by = 'expired', hold_until = NULL
                WHERE tenant_id = ? AND id = ? AND status = 'held' AND hold_until <= ? RETURNING *
                """, [t, id, now.sqlite])
            guard let row = rows.first else { return nil }
            _ = try await db.query("UPDATE deposits SET status = 'expired' WHERE tenant_id = ? AND booking_id = ? AND status = 'pending'", [t, id])
            try await Self.recordHistory(db, tenant: tenant, booking: booking, at: now, actor: "system", old: "held", new: "cancelled", note: "deposit not paid")
            return try Self.booking(row)
        }
    }

    public func markRefund(_ booking: BookingID, as status: DepositStatus, tenant: TenantID, now: Date) async throws -> Deposit? {
        try await query(
            """
            UPDATE deposits SET status = ?, refunded_at = ? WHERE tenant_id = ? AND booking_id = ? AND status = 'paid' RETURNING *
            """, [.text(status.rawValue), now.sqlite, .text(tenant.rawValue), .integer(Int(booking.rawValue))]
        ).first.map(Self.deposit)
    }

    public func depositTotals(tenant: TenantID, in range: Range<Date>) async throws -> DepositTotals {
        let rows = try await query(
            """
            SELECT currency, 'taken' AS kind, sum(amount) AS total FROM deposits
            WHERE tenant_id = ? AND paid_at >= ? AND paid_at < ? GROUP BY currency
            UNION ALL
            SELECT currency, 'refunded' AS kind, sum(amount) AS total FROM deposits
            WHERE tenant_id = ? AND status IN ('refunded', 'refund_due') AND refunded_at >= ? AND refunded_at < ? GROUP BY currency
            """,
            [
                .text(tenant.rawValue), range.lowerBound.sqlite, range.upperBound.sqlite,
                .text(tenant.rawValue), range.lowerBound.sqlite, range.upperBound.sqlite,
            ])
        var totals = DepositTotals()
        for row in rows {
            let currency = try row.text("currency")
            let total = try row.int("total")
            if try row.text("kind") == "taken" { totals.taken[currency] = total } else { totals.refunded[currency] = total }
        }
        return totals
    }

    static func paymentMode(_ code: String?, sealed: [UInt8]?) -> PaymentMode {
        switch code {
        case "stars": .stars
        case "provider": sealed.map { .provider(sealedToken: $0) } ?? .none
        default: .none
        }
    }

    static func deposit(_ row: SQLiteRow) throws -> Deposit {
        guard let status = DepositStatus(rawValue: try row.text("status")) else { throw StorageError.corrupt("deposit status") }
        return Deposit(
            bookingID: BookingID(try row.int("booking_id")), customer: UserID(try row.int("customer_id")),
            charge: DepositCharge(amount: try row.int("amount"), currency: try row.text("currency")), status: status,
            telegramChargeID: row.optionalText("telegram_charge_id"), providerChargeID: row.optionalText("provider_charge_id"),
            createdAt: try row.date("created_at"), paidAt: row.column("paid_at")?.double.map(Date.init(timeIntervalSince1970:)),
            refundedAt: row.column("refunded_at")?.double.map(Date.init(timeIntervalSince1970:)))
    }
}
