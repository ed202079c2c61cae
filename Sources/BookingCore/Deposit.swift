import Foundation

/// How much a service asks in advance: a fixed amount or a share of its price.
public enum DepositRule: Hashable, Sendable, Codable {
    /// An amount in minor units of the tenant's currency (with Stars: whole units become Stars, see `charge`).
    case fixed(minorUnits: Int64)
    /// A percentage (1–100) of the service's fixed price.
    case percent(Int)

    /// The largest fixed deposit: 1 000 000.00 (the same bound as prices).
    public static let maxMinorUnits: Int64 = 100_000_000
    /// Accepted percentages.
    public static let percents = 1...100
    /// The largest Stars invoice Zapis sends (Telegram's own cap for one invoice is of this order).
    public static let maxStars: Int64 = 10_000

    /// True when the rule is within its bounds (the admin panel and every stored value are checked with it).
    public var isValid: Bool {
        switch self {
        case .fixed(let minor): (1...Self.maxMinorUnits).contains(minor)
        case .percent(let p): Self.percents.contains(p)
        }
    }

    /// What a booking at `price` pays in advance under `mode`, or nil when nothing is due: no payment method, an invalid
    /// rule, a percentage of a price that is not fixed, or an amount that rounds to nothing. With Stars one Star is asked
    /// per whole unit of the amount (rounded up, at most `maxStars`); with a provider the amount is charged in the price's
    /// currency (the tenant's for a fixed rule on a price that is not fixed), never more than the price itself.
    public func charge(price: Price, mode: PaymentMode, tenantCurrency: String) -> DepositCharge? {
        guard isValid else { return nil }
        let minor: Int64
        var currency = tenantCurrency
        switch (self, price) {
        case (.fixed(let amount), .fixed(let full, let priceCurrency)):
            minor = min(amount, max(full, 0))
            currency = priceCurrency
        case (.fixed(let amount), _): minor = amount
        case (.percent(let share), .fixed(let full, let priceCurrency)):
            // Both factors are bounded (a price is at most 10^9 minor units), so the product cannot overflow.
            minor = min(max(full, 0), 1_000_000_000) * Int64(share) / 100
            currency = priceCurrency
        case (.percent, _): return nil
        }
        guard minor > 0 else { return nil }
        switch mode {
        case .none: return nil
        case .stars: return DepositCharge(amount: min((minor + 99) / 100, Self.maxStars), currency: DepositCharge.stars)
        case .provider: return DepositCharge(amount: minor, currency: currency)
        }
    }
}

/// How a tenant takes deposits.
public enum PaymentMode: Hashable, Sendable {
    /// No deposits: every booking is confirmed at once.
    case none
    /// Telegram Stars (currency XTR, no provider token).
    case stars
    /// A payment provider connected in BotFather (e.g. YooKassa); its token sealed like bot tokens.
    case provider(sealedToken: [UInt8])

    /// The stored name.
    public var code: String {
        switch self {
        case .none: "none"
        case .stars: "stars"
        case .provider: "provider"
        }
    }
}

/// An amount to pay: minor units of `currency` (for Stars, Stars).
public struct DepositCharge: Hashable, Sendable, Codable {
    /// Telegram Stars' currency code.
    public static let stars = "XTR"
    /// Amount in minor units.
    public var amount: Int64
    /// ISO code, or "XTR".
    public var currency: String

    /// Creates a charge.
    public init(amount: Int64, currency: String) {
        self.amount = amount
        self.currency = currency
    }
}

/// Where a deposit stands.
public enum DepositStatus: String, Sendable, Codable, Hashable, CaseIterable {
    /// Invoice sent, not paid.
    case pending
    /// Paid (charge ids stored).
    case paid
    /// The hold ran out unpaid.
    case expired
    /// Returned to the customer (Stars, by `refundStarPayment`).
    case refunded
    /// To be returned by the business (provider payments): the owner was told.
    case refundDue = "refund_due"
}

/// The deposit of one held booking.
public struct Deposit: Hashable, Sendable {
    /// The booking it secures (the order id).
    public var bookingID: BookingID
    /// Who pays.
    public var customer: UserID
    /// What is due.
    public var charge: DepositCharge
    /// Where it stands.
    public var status: DepositStatus
    /// Telegram's charge id, once paid.
    public var telegramChargeID: String?
    /// The provider's charge id, once paid (empty for Stars).
    public var providerChargeID: String?
    /// When the invoice was made.
    public var createdAt: Date
    /// When it was paid.
    public var paidAt: Date?
    /// When it was refunded or marked as due to be refunded.
    public var refundedAt: Date?

    /// Creates a deposit.
    public init(
        bookingID: BookingID, customer: UserID, charge: DepositCharge, status: DepositStatus = .pending, telegramChargeID: String? = nil,
        providerChargeID: String? = nil, createdAt: Date, paidAt: Date? = nil, refundedAt: Date? = nil
    ) {
        self.bookingID = bookingID
        self.customer = customer
        self.charge = charge
        self.status = status
        self.telegramChargeID = telegramChargeID
        self.providerChargeID = providerChargeID
        self.createdAt = createdAt
        self.paidAt = paidAt
        self.refundedAt = refundedAt
    }

    /// The invoice payload: our order id.
    public var payload: String { Self.payload(for: bookingID) }

    /// The payload of the deposit of `booking`.
    public static func payload(for booking: BookingID) -> String { "deposit:\(booking.rawValue)" }

    /// The booking a payload names, or nil for anything else (forged, foreign, oversize).
    public static func booking(inPayload payload: String) -> BookingID? {
        guard payload.utf8.count <= 40, payload.hasPrefix("deposit:"), let id = Int64(payload.dropFirst("deposit:".count)), id > 0 else { return nil }
        return BookingID(id)
    }
}

/// What recording a successful payment came to.
public enum PaymentOutcome: Hashable, Sendable {
    /// The held booking is confirmed now.
    case confirmed(Booking)
    /// This charge was recorded before: nothing changed.
    case duplicate
    /// Paid, but the booking is no longer held (the hold ran out, or it was cancelled): the money must go back.
    case late(Booking)
    /// No deposit of that booking (a forged or foreign payload).
    case unknown
}

/// Deposits taken and returned in a period.
public struct DepositTotals: Hashable, Sendable {
    /// Paid amounts per currency (refunded ones included).
    public var taken: [String: Int64]
    /// Refunded or refund-due amounts per currency.
    public var refunded: [String: Int64]

    /// Creates totals.
    public init(taken: [String: Int64] = [:], refunded: [String: Int64] = [:]) {
        self.taken = taken
        self.refunded = refunded
    }
}
