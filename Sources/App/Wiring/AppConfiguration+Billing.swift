import AsyncHTTPClient
import Configuration
import Foundation
import Payments

/// Billing settings: the grace period after expiry and the YooKassa shop (`ZAPIS_BILLING_*`, `ZAPIS_YOOKASSA_*`).
public struct BillingConfiguration: Sendable, Equatable {
    /// Days a tenant is still served after `paid_until` (`ZAPIS_BILLING_GRACE_DAYS`, 0–30, default 0).
    public var graceDays = 0
    /// How often subscriptions are checked for warnings and expiry (`ZAPIS_BILLING_CHECK_INTERVAL`, seconds, 1–3600).
    public var checkIntervalSeconds = 60
    /// YooKassa's API base (`ZAPIS_YOOKASSA_API_URL`); the sandbox's in tests and the demo.
    public var yookassaAPIURL = "https://api.yookassa.ru/v3/"
    /// The shop id (`ZAPIS_YOOKASSA_SHOP_ID`); nil: payments by YooKassa are off.
    public var yookassaShopID: String?
    /// The shop's secret key (`ZAPIS_YOOKASSA_SECRET_KEY`, a secret).
    public var yookassaSecretKey: String?
    /// Where the buyer returns after paying (`ZAPIS_YOOKASSA_RETURN_URL`).
    public var yookassaReturnURL = "https://t.me/"
    /// Networks notifications may come from (`ZAPIS_YOOKASSA_NETWORKS`, comma-separated CIDRs or addresses): YooKassa's
    /// published list by default.
    public var yookassaNetworks = BillingConfiguration.yookassaPublishedNetworks
    /// Addresses of the reverse proxies in front of this service (`ZAPIS_YOOKASSA_TRUSTED_PROXIES`): only from them is
    /// the last `X-Forwarded-For` hop taken as the source; empty: the connection's address is the source.
    public var trustedProxies: [String] = []
    /// Test-only (`ZAPIS_TEST_YOOKASSA_CRASH_AFTER_STORE`): the process kills itself after storing a notification.
    public var testCrashAfterStore = false

    /// YooKassa's published notification sources (PLATFORM-FACTS.md).
    public static let yookassaPublishedNetworks = [
        "185.71.76.0/27", "185.71.77.0/27", "77.75.153.0/25", "77.75.156.11", "77.75.156.35", "77.75.154.128/25", "2a02:5180::/32",
    ]

    /// The defaults.
    public init() {}

    /// Reads the settings, bounding each.
    init(reader: ConfigReader) {
        let defaults = BillingConfiguration()
        graceDays = min(30, max(0, reader.int(forKey: "zapis.billing.grace.days", default: defaults.graceDays)))
        checkIntervalSeconds = min(3_600, max(1, reader.int(forKey: "zapis.billing.check.interval", default: defaults.checkIntervalSeconds)))
        yookassaAPIURL = reader.string(forKey: "zapis.yookassa.api.url", default: defaults.yookassaAPIURL)
        yookassaShopID = reader.string(forKey: "zapis.yookassa.shop.id").flatMap { $0.isEmpty ? nil : $0 }
        yookassaSecretKey = reader.string(forKey: "zapis.yookassa.secret.key", isSecret: true).flatMap { $0.isEmpty ? nil : $0 }
        yookassaReturnURL = reader.string(forKey: "zapis.yookassa.return.url", default: defaults.yookassaReturnURL)
        yookassaNetworks = Self.list(reader.string(forKey: "zapis.yookassa.networks")) ?? defaults.yookassaNetworks
        trustedProxies = Self.list(reader.string(forKey: "zapis.yookassa.trusted.proxies")) ?? []
        testCrashAfterStore = reader.bool(forKey: "zapis.test.yookassa.crash.after.store", default: false)
    }

    /// The YooKassa client of the configured shop; nil when no shop is configured (payments off).
    public func yookassaClient(httpClient: HTTPClient) -> YooKassaClient? {
        guard let yookassaShopID, let yookassaSecretKey else { return nil }
        return YooKassaClient(httpClient: httpClient, baseURL: yookassaAPIURL, shopID: yookassaShopID, secretKey: yookassaSecretKey)
    }

    /// The grace period in seconds.
    public var grace: TimeInterval { Double(graceDays) * 86_400 }

    /// `key = value` lines for `zapis config check`, the secret redacted.
    var describedLines: [(String, String)] {
        [
            ("billing.grace.days", String(graceDays)), ("billing.check.interval", String(checkIntervalSeconds)),
            ("yookassa.api.url", yookassaAPIURL), ("yookassa.shop.id", yookassaShopID ?? "(not set: YooKassa off)"),
            ("yookassa.secret.key", yookassaSecretKey == nil ? "(not set)" : "(set, redacted)"), ("yookassa.return.url", yookassaReturnURL),
            ("yookassa.networks", yookassaNetworks.joined(separator: ",")),
            ("yookassa.trusted.proxies", trustedProxies.isEmpty ? "(none)" : trustedProxies.joined(separator: ",")),
        ]
    }

    private static func list(_ raw: String?) -> [String]? {
        guard let raw, !raw.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
