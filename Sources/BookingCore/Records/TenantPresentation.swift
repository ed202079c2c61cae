/// How a business presents itself beyond name, address and contacts: a map link shown with the address, and the
/// bot's description and short description in each language (Telegram shows them in an empty chat and on the bot's
/// profile; Zapis keeps a copy so the owner sees what is set).
public struct TenantPresentation: Hashable, Sendable, Codable {
    /// An https link to the business on a map (empty: none).
    public var mapURL: String
    /// setMyDescription texts by language code ("ru", "en"), at most 512 characters each.
    public var descriptions: [String: String]
    /// setMyShortDescription texts by language code, at most 120 characters each.
    public var shortDescriptions: [String: String]

    /// Telegram's limits for the two descriptions, and ours for the map link.
    public static let descriptionLimit = 512
    public static let shortDescriptionLimit = 120
    public static let mapURLLimit = 512

    enum CodingKeys: String, CodingKey {
        case mapURL = "map_url"
        case descriptions
        case shortDescriptions = "short_descriptions"
    }

    /// Nothing set.
    public init(mapURL: String = "", descriptions: [String: String] = [:], shortDescriptions: [String: String] = [:]) {
        self.mapURL = mapURL
        self.descriptions = descriptions
        self.shortDescriptions = shortDescriptions
    }

    /// Reads what was stored; a field missing (older rows) is empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        mapURL = try container.decodeIfPresent(String.self, forKey: .mapURL) ?? ""
        descriptions = try container.decodeIfPresent([String: String].self, forKey: .descriptions) ?? [:]
        shortDescriptions = try container.decodeIfPresent([String: String].self, forKey: .shortDescriptions) ?? [:]
    }

    /// Whether `text` is an acceptable map link: http(s), a host, no spaces or control characters, within the limit.
    public static func isMapURL(_ text: String) -> Bool {
        guard (1...mapURLLimit).contains(text.count), text.hasPrefix("https://") || text.hasPrefix("http://") else { return false }
        let rest = text.drop { $0 != "/" }.dropFirst(2)
        guard let host = rest.split(separator: "/", maxSplits: 1).first, host.contains("."), !host.hasPrefix(".") else { return false }
        return text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value) }
    }
}
