import BookingCore
import Foundation

/// Per-tenant overrides of the built-in texts; a missing row means the default.
public protocol TextOverrideStore: Sendable {
    /// Every override of `tenant`.
    func textOverrides(_ tenant: TenantID) async throws -> [TextOverride]
    /// Sets (or, with nil, removes) the override of `key` in `language`.
    func setTextOverride(key: String, language: String, template: String?, tenant: TenantID) async throws
}
