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
