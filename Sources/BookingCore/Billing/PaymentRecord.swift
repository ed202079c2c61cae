import Foundation

/// Our id of a payment (an order): what YooKassa's metadata carries back.
public struct PaymentID: Int64Identifier {
    public let rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
}

/// Who took the money.
public enum PaymentProvider: String, Sendable, Hashable, Codable {
    /// YooKassa, verified by re-reading the payment.
    case yookassa
    /// Recorded by the operator (bank transfer, cash), with a reference.
    case manual
}

/// A payment's status as we last verified it.
public enum PaymentStatus: String, Sendable, Hashable, Codable {
    /// Created, not paid yet.
    case pending
    /// Paid and applied to the subscription.
    case succeeded
    /// Cancelled or failed; never applied.
    case canceled
}

/// A payment for one tenant's subscription (platform table `payments`): created before the buyer pays, applied once.
public struct PaymentRecord: Hashable, Sendable {
    /// Our id (0 before it is stored).
    public var id: PaymentID
    /// The tenant it pays for.
    public var tenant: TenantID
    /// The plan bought.
    public var plan: PlanCode
    /// What must be paid.
    public var amount: MoneyAmount
    /// ISO 4217 code.
    public var currency: String
    /// Days it adds.
    public var periodDays: Int
    /// Who takes the money.
    public var provider: PaymentProvider
    /// The provider's payment id (YooKassa's), once known; unique.
    public var externalID: String?
    /// The operator's reference of a manual payment, or our description.
    public var reference: String
    /// As last verified.
    public var status: PaymentStatus
    /// When it was created.
    public var createdAt: Date
    /// When it extended the subscription; nil: not (yet).
    public var appliedAt: Date?

    /// Creates a payment.
    public init(
        id: PaymentID = PaymentID(0), tenant: TenantID, plan: PlanCode, amount: MoneyAmount, currency: String, periodDays: Int,
        provider: PaymentProvider, externalID: String? = nil, reference: String = "", status: PaymentStatus = .pending, createdAt: Date,
        appliedAt: Date? = nil
    ) {
        self.id = id
        self.tenant = tenant
        self.plan = plan
        self.amount = amount
        self.currency = currency
        self.periodDays = periodDays
        self.provider = provider
        self.externalID = externalID
        self.reference = reference
        self.status = status
        self.createdAt = createdAt
        self.appliedAt = appliedAt
    }
}
