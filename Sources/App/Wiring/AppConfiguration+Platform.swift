import Configuration
import Foundation

/// The platform's own bots and where buyers pay (`ZAPIS_SALES_BOT_TOKEN`, `ZAPIS_OPERATOR_BOT_TOKEN`, `ZAPIS_PAY_URL`).
public struct PlatformConfiguration: Sendable, Equatable {
    /// The sales bot's token (a secret); nil: no sales bot.
    public var salesBotToken: String?
    /// The operator bot's token (a secret); nil: no operator bot.
    public var operatorBotToken: String?
    /// Telegram user ids of the operators (`ZAPIS_OPERATOR_IDS`, comma-separated): they own the platform bots' rows
    /// and are alerted when a paid tenant cannot be provisioned.
    public var operatorIDs: [Int64] = []
    /// The public base of the pay links (`ZAPIS_PAY_URL`; `{port}` is the bound port); nil: the public URL.
    public var payURL: String?
    /// How often paid orders not provisioned yet are retried (`ZAPIS_SALES_RETRY_INTERVAL`, seconds, 1–3600).
    public var retryIntervalSeconds = 30

    /// The defaults.
    public init() {}

    init(reader: ConfigReader) {
        salesBotToken = reader.string(forKey: "zapis.sales.bot.token", isSecret: true).flatMap { $0.isEmpty ? nil : $0 }
        operatorBotToken = reader.string(forKey: "zapis.operator.bot.token", isSecret: true).flatMap { $0.isEmpty ? nil : $0 }
        operatorIDs = (reader.string(forKey: "zapis.operator.ids") ?? "").split(separator: ",").compactMap {
            Int64($0.trimmingCharacters(in: .whitespaces)).flatMap { (1...Int64(1) << 52).contains($0) ? $0 : nil }
        }
        payURL = reader.string(forKey: "zapis.pay.url").flatMap { $0.isEmpty ? nil : $0 }
        retryIntervalSeconds = min(3_600, max(1, reader.int(forKey: "zapis.sales.retry.interval", default: 30)))
    }

    /// `key = value` lines for `zapis config check`, the secrets redacted.
    var describedLines: [(String, String)] {
        [
            ("sales.bot.token", salesBotToken == nil ? "(not set: no sales bot)" : "(set, redacted)"),
            ("operator.bot.token", operatorBotToken == nil ? "(not set: no operator bot)" : "(set, redacted)"),
            ("operator.ids", operatorIDs.isEmpty ? "(none)" : operatorIDs.map(String.init).joined(separator: ",")),
            ("pay.url", payURL ?? "(the public URL)"), ("sales.retry.interval", String(retryIntervalSeconds)),
        ]
    }
}

extension AppConfiguration {
    /// The link a stored payment is paid on, or nil when there is no public address (or YooKassa is off).
    func payURL(for id: Int64, signature: String, boundPort: Int) -> String? {
        guard billing.yookassaShopID != nil, let base = platform.payURL ?? publicURL else { return nil }
        return base.replacingOccurrences(of: "{port}", with: String(boundPort)).trimmingSuffix("/") + "/pay/\(id)/\(signature)"
    }
}
