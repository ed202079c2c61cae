import BookingCore
import Foundation
import PostgresNIO
import Storage

extension PostgresStore: DepositStore {
    public func paymentMode(_ tenant: TenantID) async throws -> PaymentMode {
        let rows = try await query("SELECT mode, sealed_token FROM \(unescaped: tenant.schema).payment_settings WHERE id = 1")
        guard let row = rows.first else { return .none }
        let (mode, sealed) = try row.decode((String, Data?).self)
        switch mode {
        case "stars": return .stars
        case "provider": return sealed.map { .provider(sealedToken: [UInt8]($0)) } ?? .none
        default: return .none
        }
    }

    public func setPaymentMode(_ mode: PaymentMode, tenant: TenantID, now: Date) async throws {
        var sealed: Data?
        if case .provider(let token) = mode { sealed = Data(token) }
        try await query(
            """
            INSERT INTO \(unescaped: tenant.schema).payment_settings (id, mode, sealed_token, updated_at) VALUES (1, \(mode.code), \(sealed), \(now))
            ON CONFLICT (id) DO UPDATE SET mode = excluded.mode, sealed_token = excluded.sealed_token, updated_at = excluded.updated_at
            """)
    }

    public func addDeposit(_ deposit: Deposit, tenant: TenantID) async throws {
        try await query(
            """
            INSERT INTO \(unescaped: tenant.schema).deposits (booking_id, customer_id, amount, currency, status, created_at)
            VALUES (\(deposit.bookingID.rawValue), \(deposit.customer.rawValue), \(deposit.charge.amount), \(deposit.charge.currency),
                \(deposit.status.rawValue), \(deposit.createdAt))
            ON CONFLICT DO NOTHING
            """)
    }

    public func deposit(of booking: BookingID, tenant: TenantID) async throws -> Deposit? {
        try await query("SELECT * FROM \(unescaped: tenant.schema).deposits WHERE booking_id = \(booking.rawValue)").first.map(Self.deposit)
    }

    public func prolongHold(_ booking: BookingID, until: Date, tenant: TenantID, now: Date) async throws -> Bool {
        try await !query(
            """
            UPDATE \(unescaped: tenant.schema).bookings SET hold_until = greatest(hold_until, \(until))
            WHERE id = \(booking.rawValue) AND status = 'held' AND hold_until > \(now) RETURNING id
            """
        ).isEmpty
    }

    /// The deposit row is locked first (FOR UPDATE), so two deliveries of one payment run one after the other and
    /// the second sees the first's charge id.
    public func recordPayment(
        _ booking: BookingID, telegramChargeID: String, providerChargeID: String, tenant: TenantID, now: Date
    ) async throws -> PaymentOutcome {
        let s = tenant.schema
        let id = booking.rawValue
        let logger = logger
        return try await transaction(savepoint: false) { c in
            let rows = try await c.rows("SELECT * FROM \(unescaped: s).deposits WHERE booking_id = \(id) FOR UPDATE", logger: logger)
            guard let row = rows.first else { return .unknown }
            let deposit = try Self.deposit(row)
            if deposit.telegramChargeID == telegramChargeID { return .duplicate }
            if deposit.status == .pending || deposit.status == .expired {
                try await c.rows(
                    """
                    UPDATE \(unescaped: s).deposits SET status = 'paid', telegram_charge_id = \(telegramChargeID),
                        provider_charge_id = \(providerChargeID), paid_at = \(now)
                    WHERE booking_id = \(id)
                    """, logger: logger)
            }
            let confirmed = try await c.rows(
                """
                WITH confirmed AS (
                    UPDATE \(unescaped: s).bookings SET status = 'confirmed', hold_until = NULL WHERE id = \(id) AND status = 'held' RETURNING *),
                history AS (
                    INSERT INTO \(unescaped: s).booking_history (booking_id, at, actor, old_status, new_status)
                    SELECT id, \(now), 'payment', 'held', 'confirmed' FROM confirmed)
                SELECT * FROM confirmed
                """, logger: logger)
            if let row = confirmed.first { return .confirmed(try Self.booking(row)) }
            let current = try await c.rows("SELECT * FROM \(unescaped: s).bookings WHERE id = \(id)", logger: logger)
            return try current.first.map { .late(try Self.booking($0)) } ?? .unknown
        }
    }

    public func expireHold(_ booking: BookingID, tenant: TenantID, now: Date) async throws -> Booking? {
        let s = tenant.schema
        let id = booking.rawValue
        let logger = logger
        return try await transaction(savepoint: false) { c in
            // The deposit row first, in the same order as a payment: the two never deadlock, and a payment waiting
            // on it finds the booking expired (and answers late).
            try await c.rows("SELECT 1 FROM \(unescaped: s).deposits WHERE booking_id = \(id) FOR UPDATE", logger: logger)
            let rows = try await c.rows(
                """
                WITH expired AS (
                    UPDATE \(unescaped: s).bookings SET status = 'cancelled', cancelled_by = 'expired', hold_until = NULL
                    WHERE id = \(id) AND status = 'held' AND hold_until <= \(now) RETURNING *),
                deposit AS (
                    UPDATE \(unescaped: s).deposits SET status = 'expired'
                    WHERE booking_id = \(id) AND status = 'pending' AND EXISTS (SELECT 1 FROM expired)),
                history AS (
                    INSERT INTO \(unescaped: s).booking_history (booking_id, at, actor, old_status, new_status, note)
                    SELECT id, \(now), 'system', 'held', 'cancelled', 'deposit not paid' FROM expired)
                SELECT * FROM expired
                """, logger: logger)
            return try rows.first.map(Self.booking)
        }
    }

    public func markRefund(_ booking: BookingID, as status: DepositStatus, tenant: TenantID, now: Date) async throws -> Deposit? {
        try await query(
            """
            UPDATE \(unescaped: tenant.schema).deposits SET status = \(status.rawValue), refunded_at = \(now)
            WHERE booking_id = \(booking.rawValue) AND status = 'paid' RETURNING *
            """
        ).first.map(Self.deposit)
    }

    public func depositTotals(tenant: TenantID, in range: Range<Date>) async throws -> DepositTotals {
        let s = tenant.schema
        let rows = try await query(
            """
            SELECT currency, 'taken' AS kind, sum(amount)::bigint FROM \(unescaped: s).deposits
            WHERE paid_at >= \(range.lowerBound) AND paid_at < \(range.upperBound) GROUP BY currency
            UNION ALL
            SELECT currency, 'refunded' AS kind, sum(amount)::bigint FROM \(unescaped: s).deposits
            WHERE status IN ('refunded', 'refund_due') AND refunded_at >= \(range.lowerBound) AND refunded_at < \(range.upperBound)
            GROUP BY currency
            """)
        var totals = DepositTotals()
        for row in rows {
            let (currency, kind, total) = try row.decode((String, String, Int64).self)
            if kind == "taken" { totals.taken[currency] = total } else { totals.refunded[currency] = total }
        }
        return totals
    }

    static func deposit(_ row: PostgresRow) throws -> Deposit {
        let r = row.makeRandomAccess()
        guard let status = DepositStatus(rawValue: try r.get("status", as: String.self)) else { throw StorageError.corrupt("deposit status") }
        return Deposit(
            bookingID: BookingID(try r.get("booking_id")), customer: UserID(try r.get("customer_id")),
            charge: DepositCharge(amount: try r.get("amount"), currency: try r.get("currency")), status: status,
            telegramChargeID: try r.get("telegram_charge_id"), providerChargeID: try r.get("provider_charge_id"),
            createdAt: try r.get("created_at"), paidAt: try r.get("paid_at"), refundedAt: try r.get("refunded_at"))
    }
}
