/// The languages the bot speaks.
public enum Language: String, Sendable, Codable, CaseIterable {
    case ru, en

    /// The user's language when supported, else the tenant's default, else Russian.
    public static func resolve(userCode: String?, tenantDefault: String) -> Language {
        if let code = userCode?.lowercased().split(separator: "-").first, let language = Language(rawValue: String(code)) {
            return language
        }
        return Language(rawValue: tenantDefault) ?? .ru
    }
}
