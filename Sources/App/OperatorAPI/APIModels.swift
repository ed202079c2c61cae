import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// JSON of the operator API: snake_case keys, ISO 8601 times, nil fields left out.
enum APIJSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}

/// A tenant as the API shows it (never its token).
struct APITenant: Encodable {
    var id: String
    var name: String
    var status: String
    var statusReason: String
    var statusChangedAt: Date?
    var tokenInvalid: Bool
    var botId: Int64
    var botUsername: String
    var ownerId: Int64
    var timeZone: String
    var language: String
    var currency: String
    var address: String
    var contact: String
    var createdAt: Date

    init(_ record: TenantRecord, health: BotHealth) {
        let p = record.profile
        id = p.id.rawValue
        name = p.name
        status = p.status.rawValue
        statusReason = record.statusReason
        statusChangedAt = record.statusChangedAt
        tokenInvalid = health.rejection(of: record.id) != nil
        botId = record.botID
        botUsername = record.botUsername
        ownerId = record.ownerID.rawValue
        timeZone = p.timeZone
        language = p.defaultLanguage
        currency = p.currency
        address = p.address
        contact = p.contact
        createdAt = record.createdAt
    }
}

/// One page of tenants.
struct APITenantPage: Encodable {
    var items: [APITenant]
    /// Pass as `cursor` for the next page; nil on the last one.
    var nextCursor: String?
    var total: Int
}

/// A tenant's activity.
struct APITenantStats: Encodable {
    var tenant: String
    var customers: Int
    var bookings: [String: Int]
    var lastUpdateAt: Date?

    init(_ tenant: TenantID, _ stats: TenantStats) {
        self.tenant = tenant.rawValue
        customers = stats.customers
        bookings = Dictionary(
            uniqueKeysWithValues: ["confirmed", "cancelled", "completed", "no_show"].map { ($0, stats.bookingsByStatus[$0] ?? 0) })
        lastUpdateAt = stats.lastUpdateAt
    }
}

/// A bot's health: Telegram's webhook info and whether its token is refused.
struct APIBotHealth: Encodable {
    struct Webhook: Encodable {
        var url: String
        var pendingUpdateCount: Int
        var lastErrorDate: Date?
        var lastErrorMessage: String?
    }

    var tenant: String
    var status: String
    var tokenInvalid: Bool
    /// Telegram's description of the 401, when `token_invalid`.
    var tokenError: String?
    var tokenErrorAt: Date?
    /// The token does not open with this process's master key.
    var tokenUnreadable: Bool
    /// getWebhookInfo's answer; nil when it could not be asked.
    var webhook: Webhook?
    /// Why getWebhookInfo failed, when it did.
    var telegramError: String?
}

/// The platform at a glance.
struct APIPlatformStats: Encodable {
    /// Tenants by status, `token_invalid` counted apart from the serving ones.
    var tenants: [String: Int]
    var outboxDueRows: Int
    var outboxOldestDueAgeSeconds: Double
    var operatorTokens: Int
}

/// One operator audit entry.
struct APIAuditEntry: Encodable {
    var id: Int64
    var at: Date
    var actor: String
    var tenant: String?
    var action: String
    var detail: String

    init(_ entry: OperatorAuditEntry) {
        id = entry.id
        at = entry.at
        actor = entry.actor
        tenant = entry.tenant?.rawValue
        action = entry.action
        detail = entry.detail
    }
}

/// A list of audit entries.
struct APIAuditPage: Encodable {
    var items: [APIAuditEntry]
}
