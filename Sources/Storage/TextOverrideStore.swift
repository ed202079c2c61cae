import BookingCore
import Foundation

/// A tenant's own wording of one template in one language.
public struct TextOverride: Hashable, Sendable {
    /// The template's key (`TextKey.rawValue` of the flows).
    public var key: String
    /// Language code, "ru" or "en".
    public var language: String
    /// The template with `{placeholders}`.
    public var template: String

    /// Creates an override.
    public init(key: String, language: String, template: String) {
        self.key = key
        self.language = language
        self.template = template
    }
}

/// Per-tenant overrides of the built-in texts; a missing row means the default.
public protocol TextOverrideStore: Sendable {
    /// Every override of `tenant`.
    func textOverrides(_ tenant: TenantID) async throws -> [TextOverride]
    /// Sets (or, with nil, removes) the override of `key` in `language`.
    func setTextOverride(key: String, language: String, template: String?, tenant: TenantID) async throws
}
