import BookingCore
import Foundation

/// The platform's own bots: served by the same process the same way as tenants' bots (a reserved tenant row holds
/// each one's sealed token, so webhook or polling, exactly-once intake, outbox and flood control are the tenants'),
/// but routed to their own flows by the tenant id. Provisioning refuses these ids for businesses.
public enum PlatformBot: String, Sendable, CaseIterable {
    /// Sells plans and provisions new tenants.
    case sales
    /// The operator's bot.
    case `operator`

    /// The reserved tenant row of this bot.
    public var tenantID: TenantID { TenantID("zapis_\(rawValue)")! }

    /// The platform bot a tenant row is, or nil for a business.
    public init?(tenant: TenantID) {
        guard tenant.rawValue.hasPrefix("zapis_"), let bot = PlatformBot(rawValue: String(tenant.rawValue.dropFirst(6))) else { return nil }
        self = bot
    }

    /// True when `raw` names a platform bot's row (or could: every `zapis_` id is kept for the platform).
    public static func isReserved(_ raw: String) -> Bool { raw.hasPrefix("zapis_") }
}

/// What the processor learned outside the update's transaction about a bot token a buyer sent (getMe), so the flow
/// decides without network calls; the token itself reaches the flow only sealed.
public struct TokenCheck: Sendable, Equatable {
    /// The outcome of getMe.
    public enum Outcome: Sendable, Equatable {
        /// Telegram accepted it: the bot's id and username, and the token sealed by the vault.
        case valid(botID: Int64, username: String, sealed: [UInt8])
        /// Telegram refused it (401, 404: a forged or revoked token).
        case rejected
        /// Telegram could not be asked (a timeout, a 5xx): the buyer may send it again.
        case unreachable
    }

    /// The outcome.
    public var outcome: Outcome

    /// Creates a check.
    public init(_ outcome: Outcome) { self.outcome = outcome }

    /// True when `text` is shaped like a bot token (`<digits>:<35 or so of A-Z a-z 0-9 _ ->`): such a message is read
    /// as a token and deleted from the chat.
    public static func looksLikeToken(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = trimmed.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, (5...15).contains(parts[0].count), parts[0].allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        return (30...60).contains(parts[1].count) && parts[1].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    }
}
