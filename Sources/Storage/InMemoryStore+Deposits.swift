import BookingCore
import Foundation

extension InMemoryStore: DepositStore {
    public func paymentMode(_ tenant: TenantID) -> PaymentMode { paymentModes[tenant] ?? .none }

    public func setPaymentMode(_ mode: PaymentMode, tenant: TenantID, now: Date) { paymentModes[tenant] = mode }

    public func addDeposit(_ deposit: Deposit, tenant: TenantID) {
        if depositRows[tenant]?[deposit.bookingID] == nil { depositRows[tenant, default: [:]][deposit.bookingID] = deposit }
    }

    public func deposit(of booking: BookingID, tenant: TenantID) -> Deposit? { depositRows[tenant]?[booking] }

    public func prolongHold(_ booking: BookingID, until: Date, tenant: TenantID, now: Date) -> Bool {
        guard var stored = bookings[tenant]?[booking], stored.status == .held, let hold = stored.holdUntil, hold > now else { return false }
        stored.holdUntil = max(hold, until)
        bookings[tenant]?[booking] = stored
        return true
    }

    public func recordPayment(
        _ booking: BookingID, telegramChargeID: String, providerChargeID: String, tenant: TenantID, now: Date
    ) -> PaymentOutcome {
        guard var deposit = depositRows[tenant]?[booking], var stored = bookings[tenant]?[booking] else { return .unknown }
        if deposit.telegramChargeID == telegramChargeID { return .duplicate }
        if deposit.status == .pending || deposit.status == .expired {
            deposit.status = .paid
            deposit.telegramChargeID = telegramChargeID
            deposit.providerChargeID = providerChargeID
            deposit.paidAt = now
            depositRows[tenant]?[booking] = deposit
        }
        guard stored.status == .held else { return .late(stored) }
        stored.status = .confirmed
        stored.holdUntil = nil
        bookings[tenant]?[booking] = stored
        history[tenant, default: [:]][booking, default: []].append(
            BookingHistoryEntry(at: now, actor: "payment", oldStatus: "held", newStatus: "confirmed"))
        return .confirmed(stored)
    }

    public func expireHold(_ booking: BookingID, tenant: TenantID, now: Date) -> Booking? {
        guard var stored = bookings[tenant]?[booking], stored.status == .held, let hold = stored.holdUntil, hold <= now else { return nil }
        stored.status = .cancelled(by: .expired, reason: nil)
        stored.holdUntil = nil
        bookings[tenant]?[booking] = stored
        if depositRows[tenant]?[booking]?.status == .pending { depositRows[tenant]?[booking]?.status = .expired }
        history[tenant, default: [:]][booking, default: []].append(
            BookingHistoryEntry(at: now, actor: "system", oldStatus: "held", newStatus: "cancelled", note: "deposit not paid"))
        return stored
    }

    public func markRefund(_ booking: BookingID, as status: DepositStatus, tenant: TenantID, now: Date) -> Deposit? {
        guard var deposit = depositRows[tenant]?[booking], deposit.status == .paid else { return nil }
        deposit.status = status
        deposit.refundedAt = now
        depositRows[tenant]?[booking] = deposit
        return deposit
    }

    public func depositTotals(tenant: TenantID, in range: Range<Date>) -> DepositTotals {
        var totals = DepositTotals()
        for deposit in (depositRows[tenant] ?? [:]).values {
            if let paid = deposit.paidAt, range.contains(paid) { totals.taken[deposit.charge.currency, default: 0] += deposit.charge.amount }
            if deposit.status == .refunded || deposit.status == .refundDue, let refunded = deposit.refundedAt, range.contains(refunded) {
                totals.refunded[deposit.charge.currency, default: 0] += deposit.charge.amount
            }
        }
        return totals
    }
}
