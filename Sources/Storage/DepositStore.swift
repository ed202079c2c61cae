import BookingCore
import Foundation

/// Deposits of held bookings and the tenant's payment method. A held booking is a booking (status `held`, the time taken
/// like any booking's); its deposit row carries the amount asked and, once paid, Telegram's and the provider's charge ids.
public protocol DepositStore: Sendable {
    /// How the tenant takes deposits; `.none` when never set.
    func paymentMode(_ tenant: TenantID) async throws -> PaymentMode
    /// Sets how the tenant takes deposits.
    func setPaymentMode(_ mode: PaymentMode, tenant: TenantID, now: Date) async throws
    /// Stores the deposit of a held booking (one per booking; a second is ignored).
    func addDeposit(_ deposit: Deposit, tenant: TenantID) async throws
    /// The deposit of a booking, or nil.
    func deposit(of booking: BookingID, tenant: TenantID) async throws -> Deposit?
    /// Keeps a held booking (whose hold is live at `now`) held at least until `until`: a pre-checkout was accepted, so the
    /// payment that follows finds it held. False when the booking is not held or its hold ran out.
    func prolongHold(_ booking: BookingID, until: Date, tenant: TenantID, now: Date) async throws -> Bool
    /// Records a successful payment of a booking's deposit in one transaction: the first charge marks the deposit paid
    /// and, when the booking is still held, confirms it (`.confirmed`); the same charge again changes nothing
    /// (`.duplicate`); a payment for a booking no longer held is recorded and answered `.late` (to be refunded).
    func recordPayment(
        _ booking: BookingID, telegramChargeID: String, providerChargeID: String, tenant: TenantID, now: Date
    ) async throws -> PaymentOutcome
    /// Ends a hold that ran out (held, `hold_until <= now`): the booking is cancelled as `.expired`, its pending deposit
    /// expired, in one transaction. Returns the booking when this call ended it; nil when it was paid, cancelled or
    /// not yet due.
    func expireHold(_ booking: BookingID, tenant: TenantID, now: Date) async throws -> Booking?
    /// Marks a paid deposit `.refunded` or `.refundDue`; returns it, or nil when it was not paid (nothing changes then).
    func markRefund(_ booking: BookingID, as status: DepositStatus, tenant: TenantID, now: Date) async throws -> Deposit?
    /// Deposits paid, and refunded, with the payment (or refund) instant in `range`, per currency.
    func depositTotals(tenant: TenantID, in range: Range<Date>) async throws -> DepositTotals
}
