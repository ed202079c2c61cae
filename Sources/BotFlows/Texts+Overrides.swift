import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// Why an admin's template was refused.
public enum TemplateProblem: Equatable, Sendable {
    /// Empty, or longer than `Texts.longestTemplate`.
    case length
    /// A `{` without its `}` or the other way round, or a name that is not an identifier.
    case braces
    /// Placeholders the template cannot fill.
    case unknownPlaceholders([String])
    /// Filled with the longest values its placeholders can take (`PlaceholderBounds`), it could reach `worstCase`
    /// UTF-16 units, over Telegram's limit for one message.
    case tooLongWhenFilled(worstCase: Int)
}

extension Texts {
    /// The longest template accepted (a Telegram message holds 4096 characters after substitution).
    public static var longestTemplate: Int { 2_000 }

    /// The templates admins may edit: menu buttons (matched against what customers type) and command
    /// descriptions (set once per bot) stay the product's.
    public static var editableKeys: [TextKey] { editableTextKeys }

    /// These texts with a tenant's overrides applied (unknown keys or languages are ignored).
    public func applying(_ overrides: [TextOverride]) -> Texts {
        guard !overrides.isEmpty else { return self }
        var templates: [Language: [TextKey: String]] = [:]
        for language in Language.allCases {
            templates[language] = Dictionary(uniqueKeysWithValues: TextKey.allCases.map { ($0, render($0, language)) })
        }
        for override in overrides {
            guard let key = TextKey(rawValue: override.key), Self.editableKeys.contains(key), let language = Language(rawValue: override.language)
            else { continue }
            templates[language]?[key] = override.template
        }
        return Texts(templates: templates)
    }

    /// These texts with the overrides stored for `tenant`.
    func forTenant(_ tenant: TenantContext, store: any TextOverrideStore) async throws -> Texts {
        applying(try await store.textOverrides(tenant.id))
    }

    /// The placeholder names of `template`, in order of appearance; nil when its braces are malformed.
    public static func placeholders(in template: String) -> [String]? {
        var names: [String] = []
        var current: String?
        for character in template {
            switch character {
            case "{":
                if current != nil { return nil }
                current = ""
            case "}":
                guard let name = current, !name.isEmpty else { return nil }
                if !names.contains(name) { names.append(name) }
                current = nil
            default:
                if current != nil {
                    guard character.isLetter || character.isNumber || character == "_" else { return nil }
                    current?.append(character)
                }
            }
        }
        return current == nil ? names : nil
    }

    /// The placeholders the flows fill for `key` (those of the built-in templates).
    public func allowedPlaceholders(_ key: TextKey) -> [String] {
        var names: [String] = []
        for language in Language.allCases {
            for name in Self.placeholders(in: render(key, language)) ?? [] where !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// Checks an admin's `template` for `key`; nil when it is acceptable.
    public func validate(_ template: String, for key: TextKey) -> TemplateProblem? {
        guard !template.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, template.count <= Self.longestTemplate else { return .length }
        guard let used = Self.placeholders(in: template) else { return .braces }
        let allowed = allowedPlaceholders(key)
        let unknown = used.filter { !allowed.contains($0) }
        guard unknown.isEmpty else { return .unknownPlaceholders(unknown) }
        let worst = PlaceholderBounds.worstCaseLength(template, allowed: allowed)
        return worst > MessageLimits.maxTextLength ? .tooLongWhenFilled(worstCase: worst) : nil
    }
}

/// Computed once: a generic type holds no stored statics.
private let editableTextKeys = TextKey.allCases.filter { !$0.rawValue.hasPrefix("menu") && !$0.rawValue.hasPrefix("command") }
