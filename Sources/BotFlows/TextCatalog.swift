/// The name of one text of a catalog, with the built-in templates of every key in each language.
public protocol TextCatalogKey: RawRepresentable<String>, CaseIterable, Hashable, Sendable {
    /// The Russian templates (also the fallback of every language).
    static var russian: [Self: String] { get }
    /// The English templates.
    static var english: [Self: String] { get }
}

/// Templates with named `{placeholders}` per language: the one way every text of the bots is rendered. The customer
/// texts (`Texts`, which tenants may override) and the admin side's (`AdminTexts`, `BusinessTexts`,
/// `BroadcastTexts`) are catalogs of their own key sets.
public struct TextCatalog<Key: TextCatalogKey>: Sendable {
    private let templates: [Language: [Key: String]]

    /// The built-in templates of `Key`.
    public static var standard: TextCatalog { TextCatalog(templates: [.ru: Key.russian, .en: Key.english]) }

    /// Creates a set of templates.
    public init(templates: [Language: [Key: String]]) { self.templates = templates }

    /// The template `key` in `language` with `values` substituted; falls back to Russian, then to the key.
    public func render(_ key: Key, _ language: Language, _ values: [String: String] = [:]) -> String {
        Self.fill(templates[language]?[key] ?? templates[.ru]?[key] ?? key.rawValue, values)
    }

    /// Replaces each `{name}` that has a value, in one pass: values are never scanned for placeholders themselves,
    /// and unknown `{…}` stay as written. (Foundation's `replacingOccurrences` per placeholder was ~3% of the server's
    /// CPU per update.)
    static func fill(_ template: String, _ values: [String: String]) -> String {
        guard !values.isEmpty, template.contains("{") else { return template }
        var result = ""
        result.reserveCapacity(template.utf8.count + 64)
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let name = rest[rest.index(after: open)...]
            if let close = name.firstIndex(of: "}"), let value = values[String(name[..<close])] {
                result += value
                rest = name[name.index(after: close)...]
            } else {
                result += "{"
                rest = name
            }
        }
        result += rest
        return result
    }
}
