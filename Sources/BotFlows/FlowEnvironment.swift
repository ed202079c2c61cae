import BookingCore
import Foundation
import Storage

/// Seals a secret an owner types (a payment provider token) as bot tokens are sealed (the App's `TokenVault`).
public typealias SecretSealer = @Sendable (String) throws -> [UInt8]

/// What the flows may use from the outside world: stores and the clock.
public struct FlowEnvironment: Sendable {
    /// All stores.
    public var stores: Stores
    /// The current instant (injected so tests pin time).
    public var now: @Sendable () -> Date
    /// Where a tenant's Mini App is served (`https://…/app/{tenant}/`); nil: no "Open calendar" button.
    public var miniAppURL: @Sendable (TenantID) -> String?
    /// Seals a secret an owner types (a payment provider token) like bot tokens; nil: none can be stored.
    public var seal: SecretSealer?
    /// The page a stored payment is paid on (our `/pay/…` link, which opens YooKassa's confirmation); nil: payments off.
    public var payURL: @Sendable (PaymentID) -> String? = { _ in nil }
    /// What the processor learned about a bot token in this update before its transaction (platform bots only).
    public var tokenCheck: TokenCheck?
    /// The operator bot's allow list and process knowledge; nil: the operator bot answers nobody.
    public var operatorDesk: OperatorDesk?
    /// The service's public address (`https://host`, no trailing slash), for links admins copy (calendar feeds); nil:
    /// not configured (polling without a public URL), and links are shown as paths.
    public var publicURL: @Sendable () -> String? = { nil }
    /// Every tenant of the deployment, on every database server (the sales bot's "bot already taken" check); nil: the
    /// stores' tenants are all of them.
    public var everyTenant: (@Sendable () async throws -> [TenantRecord])?

    /// Creates an environment.
    public init(
        stores: Stores, now: @escaping @Sendable () -> Date, miniAppURL: @escaping @Sendable (TenantID) -> String? = { _ in nil },
        payURL: @escaping @Sendable (PaymentID) -> String? = { _ in nil }, tokenCheck: TokenCheck? = nil, operatorDesk: OperatorDesk? = nil,
        seal: SecretSealer? = nil
    ) {
        self.seal = seal
        self.operatorDesk = operatorDesk
        self.stores = stores
        self.now = now
        self.miniAppURL = miniAppURL
        self.payURL = payURL
        self.tokenCheck = tokenCheck
    }
}

/// The tenant an update belongs to, with what every handler needs about it.
public struct TenantContext: Sendable {
    /// The stored tenant.
    public var record: TenantRecord
    /// Its wall clock.
    public var calendar: ZonedCalendar

    /// Creates a context; falls back to UTC if the stored zone is unknown to this system.
    public init(record: TenantRecord) {
        self.record = record
        self.calendar = ZonedCalendar(identifier: record.profile.timeZone) ?? ZonedCalendar(zone: TimeZone(identifier: "UTC")!)
    }

    /// Tenant id.
    public var id: TenantID { record.id }
    /// Business profile.
    public var profile: TenantProfile { record.profile }
    /// Booking rules.
    public var policies: Policies { record.policies }
}
