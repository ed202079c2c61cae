import Foundation

/// One line of the platform's operator audit: who changed which tenant (or the platform) when, old → new.
public struct OperatorAuditEntry: Hashable, Sendable {
    /// Increasing id (0 before it is stored).
    public var id: Int64
    /// When.
    public var at: Date
    /// Who: `cli:<unix user>`, later `api:<token name>`.
    public var actor: String
    /// The tenant concerned; nil for a platform action (e.g. a key rotation).
    public var tenant: TenantID?
    /// The action's stable name, e.g. `tenant.suspend`.
    public var action: String
    /// What changed, e.g. `status: active → suspended; reason: "" → "unpaid"`. Never a secret.
    public var detail: String

    /// Creates an entry.
    public init(id: Int64 = 0, at: Date, actor: String, tenant: TenantID?, action: String, detail: String = "") {
        self.id = id
        self.at = at
        self.actor = actor
        self.tenant = tenant
        self.action = action
        self.detail = detail
    }
}
