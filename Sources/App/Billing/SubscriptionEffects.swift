import BookingCore
import Foundation
import Storage

/// What a verified payment does besides extending `paid_until`, inside the payment's own transaction (see
/// `Stores.applyPayment(_:at:actor:)`, shared with the operator bot's manual payments).
enum SubscriptionEffects {
    /// The status reason of a suspension at expiry.
    static let expiredReason = Stores.subscriptionExpiredReason

    /// Applies payment `id` in the transaction `tx` and its effects; nil when it was applied before (nothing changes).
    static func apply(_ id: PaymentID, in tx: TransactionContext, at now: Date, actor: String) async throws -> Subscription? {
        try await tx.stores.applyPayment(id, at: now, actor: actor)
    }
}
