/// A tenant's lifecycle status.
public enum TenantStatus: String, Sendable, Codable, Hashable, CaseIterable {
    case trial, active, suspended, deleted

    /// Whether the bot serves customers.
    public var isServing: Bool { self == .trial || self == .active }
}

/// The business-facing description of a tenant.
public struct TenantProfile: Hashable, Sendable, Codable {
    /// Tenant id.
    public var id: TenantID
    /// Display name of the business.
    public var name: String
    /// IANA zone, e.g. "Europe/Moscow".
    public var timeZone: String
    /// "ru" or "en".
    public var defaultLanguage: String
    /// ISO currency, e.g. "RUB".
    public var currency: String
    /// Address text.
    public var address: String
    /// Contact text.
    public var contact: String
    /// Lifecycle status.
    public var status: TenantStatus
    /// Map link and the bot's descriptions.
    public var presentation: TenantPresentation

    /// Creates a profile with the product's defaults.
    public init(
        id: TenantID, name: String, timeZone: String = "Europe/Moscow", defaultLanguage: String = "ru",
        currency: String = "RUB", address: String = "", contact: String = "", status: TenantStatus = .trial,
        presentation: TenantPresentation = TenantPresentation()
    ) {
        self.presentation = presentation
        self.id = id
        self.name = name
        self.timeZone = timeZone
        self.defaultLanguage = defaultLanguage
        self.currency = currency
        self.address = address
        self.contact = contact
        self.status = status
    }
}
