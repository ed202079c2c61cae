import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// Why an admin's template was refused.
public enum TemplateProblem: Equatable, Sendable {
    /// Empty, or longer than `Texts.longestTemplate(for:)`.
    case length
    /// A line break in a menu button's label or a command's description (each shows as one line).
    case multiline
    /// A menu label that another menu button already has (here or by default, in any language), or that starts with
    /// "/" (a command): a customer's press must name one button.
    case labelTaken
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

    /// The longest text accepted for `key`: a command's description is 1–256 characters (Bot API `BotCommand`), a
    /// menu button's label stays short enough to read on one button (64), any other template `longestTemplate`.
    public static func longestTemplate(for key: TextKey) -> Int {
        key.isCommandDescription ? 256 : key.isMenuLabel ? 64 : longestTemplate
    }

    /// The templates admins may edit: every customer text, menu labels and command descriptions included (issue 17).
    public static var editableKeys: [TextKey] { TextKey.allCases }

    /// These texts with a tenant's overrides applied (unknown keys or languages are ignored).
    public func applying(_ overrides: [TextOverride]) -> Texts {
        guard !overrides.isEmpty else { return self }
        var templates: [Language: [TextKey: String]] = [:]
        for language in Language.allCases {
            templates[language] = Dictionary(uniqueKeysWithValues: TextKey.allCases.map { ($0, render($0, language)) })
        }
        for override in overrides {
            guard let key = TextKey(rawValue: override.key), let language = Language(rawValue: override.language)
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
            for name in Self.placeholders(in: Self.standard.render(key, language)) ?? [] where !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// Checks an admin's `template` for `key`; nil when it is acceptable. `self` is the tenant's texts (a menu label
    /// must differ from the tenant's other labels).
    public func validate(_ template: String, for key: TextKey) -> TemplateProblem? {
        let trimmed = template.trimmingCharacters(in: .whitespacesAndNewlines)
        // Labels and descriptions count UTF-16 units (what Telegram counts; never fewer than characters).
        let length = key.isMenuLabel || key.isCommandDescription ? MessageLimits.length(template) : template.count
        guard !trimmed.isEmpty, length <= Self.longestTemplate(for: key) else { return .length }
        if key.isMenuLabel || key.isCommandDescription {
            guard !template.contains(where: \.isNewline) else { return .multiline }
            if key.isMenuLabel, trimmed.hasPrefix("/") || menuKey(matching: template).map({ $0 != key }) == true { return .labelTaken }
        }
        guard let used = Self.placeholders(in: template) else { return .braces }
        let allowed = allowedPlaceholders(key)
        let unknown = used.filter { !allowed.contains($0) }
        guard unknown.isEmpty else { return .unknownPlaceholders(unknown) }
        let worst = PlaceholderBounds.worstCaseLength(template, allowed: allowed)
        return worst > MessageLimits.maxTextLength ? .tooLongWhenFilled(worstCase: worst) : nil
    }
}
