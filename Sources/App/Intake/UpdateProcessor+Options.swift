import BookingCore
import BotFlows
import Foundation
import Logging
import Storage
import StorageRedis
import TelegramBotAPI

extension UpdateProcessor {
    /// What the wiring adds to a processor; all optional.
    struct Options: Sendable {
        /// The claim to take on rows due now as they are written, for this process's sender; nil: none.
        var claim: (@Sendable (Date) -> OutboxClaim)?
        /// Redis for conversation state (falling back to the update's own SQL transaction), when configured.
        var redis: RedisStores?
        /// Incoming rate limits, when configured.
        var rateLimiter: (any RateLimiter)?
        /// A test-only hook: a message with exactly this text stops the process, as a crasher in a flow would.
        var crashTrigger: String?
        /// Navigation presses are handled by reading alone (see `UpdateProcessor.navigated`); false: in a transaction.
        var navigationReads = false
        /// Where updates are counted and timed; nil: not counted.
        var metrics: ZapisMetrics?
        /// Where each tenant's Mini App is offered; nil: nowhere.
        var miniAppURL: @Sendable (TenantID) -> String? = { _ in nil }
        /// Seals what owners type as secrets (payment provider tokens); nil: not offered.
        var seal: (@Sendable (String) throws -> [UInt8])?
        /// Where a stored payment is paid; nil links: payments off.
        var payURL: @Sendable (PaymentID) -> String? = { _ in nil }
        /// The service's public address for links admins copy; nil: not configured.
        var publicURL: @Sendable () -> String? = { nil }
        /// Checks a bot token sent to the sales bot (getMe), before the transaction; nil: tokens are refused unchecked.
        var tokenInspector: TokenInspector?
        /// The operator bot's allow list and process knowledge; nil: it answers nobody.
        var operatorDesk: OperatorDesk?
        /// A tenant's latest processed update, for the operator bot's card (read before the transaction).
        var lastActivity: @Sendable (TenantID) async -> Date? = { _ in nil }
        /// Every tenant on every database server (see `FlowEnvironment.everyTenant`); nil: one database.
        var everyTenant: (@Sendable () async throws -> [TenantRecord])?
    }
}
