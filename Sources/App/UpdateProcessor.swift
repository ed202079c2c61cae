import BookingCore
import BotFlows
import Foundation
import Logging
import Storage
import TelegramBotAPI

/// Runs one update through the flows and performs the resulting Bot API calls: once per
/// `(tenant, update_id)`, one at a time per chat, chats concurrently.
public struct UpdateProcessor: Sendable {
    let bot: CustomerBot
    let stores: Stores
    let botAPI: any BotAPIClient
    let now: @Sendable () -> Date
    let logger: Logger
    private let chatLock = KeyedLock<String>()

    /// Creates a processor.
    public init(bot: CustomerBot, stores: Stores, botAPI: any BotAPIClient, now: @escaping @Sendable () -> Date, logger: Logger) {
        self.bot = bot
        self.stores = stores
        self.botAPI = botAPI
        self.now = now
        self.logger = logger
    }

    /// Processes `update` for `tenant`. Throws when a store failed; the update is then not recorded, so a
    /// redelivery retries it.
    public func process(_ update: Update, tenant: ActiveTenant) async throws {
        let chatKey = "\(tenant.id.rawValue)/\(update.chatID ?? 0)"
        try await chatLock.withLock(chatKey) {
            guard try await stores.updates.claimUpdate(update.updateID, tenant: tenant.id, now: now()) else {
                logger.debug("duplicate update ignored", metadata: ["tenant": "\(tenant.id)", "update": "\(update.updateID)"])
                return
            }
            let calls: [BotCall]
            do {
                calls = try await bot.handle(update, tenant: tenant.context)
            } catch {
                try? await stores.updates.releaseUpdate(update.updateID, tenant: tenant.id)
                throw error
            }
            for call in calls { await send(call, tenant: tenant, update: update) }
        }
    }

    private func send(_ call: BotCall, tenant: ActiveTenant, update: Update) async {
        do {
            try await botAPI.perform(call, token: tenant.token)
        } catch {
            // Delivery failures do not undo the committed change; the durable outbox (issue 7) will retry them.
            logger.warning(
                "Bot API call failed",
                metadata: ["tenant": "\(tenant.id)", "update": "\(update.updateID)", "error": "\(error)"])
        }
    }
}
