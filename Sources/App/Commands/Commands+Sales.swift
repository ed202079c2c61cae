import BookingCore
import BotFlows
import Foundation
import Storage

/// `zapis sales text`: the operator's texts of the sales bot (welcome, demo, FAQ, support), per language.
extension Commands {
    /// The longest sales text accepted (one Telegram message, with room to spare).
    static let longestSalesText = 3_000

    /// Sets (or with `text` nil, resets to the built-in) the sales bot's `key` in `language`, with an operator audit
    /// entry. Refused: a key that is not the operator's, a language other than ru/en, an empty or over-long text, or no
    /// sales bot configured.
    public static func setSalesText(_ key: String, language: String, text: String?, configuration: AppConfiguration) async throws -> String {
        guard let key = SalesTextKey(rawValue: key), SalesTextKey.editable.contains(key) else {
            throw LifecycleError.invalidValue(field: "key (one of \(SalesTextKey.editable.map(\.rawValue).joined(separator: ", ")))", value: String(key.prefix(40)))
        }
        guard Language(rawValue: language) != nil else { throw LifecycleError.invalidValue(field: "language (ru or en)", value: String(language.prefix(10))) }
        let text = text?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let text, !(1...longestSalesText).contains(text.count) {
            throw LifecycleError.invalidValue(field: "text (1–\(longestSalesText) characters)", value: "\(text.count) characters")
        }
        return try await LiveDependencies.withRunning(configuration, logger: LiveDependencies.logger(configuration)) { dependencies in
            let tenant = PlatformBot.sales.tenantID
            guard try await dependencies.stores.tenants.tenant(tenant) != nil else {
                throw LifecycleError.unknownTenant("\(tenant.rawValue) (set ZAPIS_SALES_BOT_TOKEN and start the service once)")
            }
            try await dependencies.stores.textOverrides.setTextOverride(key: key.rawValue, language: language, template: text, tenant: tenant)
            let detail = "\(key.rawValue).\(language): " + (text.map { "\($0.count) characters" } ?? "reset")
            try await dependencies.stores.tenants.appendOperatorAudit(
                OperatorAuditEntry(at: dependencies.now(), actor: cliActor(), tenant: tenant, action: "sales.text", detail: detail))
            return text == nil ? "sales text \(key.rawValue) (\(language)) reset to the built-in one" : "sales text \(key.rawValue) (\(language)) saved"
        }
    }
}
