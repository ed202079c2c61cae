import Foundation
import Logging
import Storage
import TelegramBotAPI

/// Every live dependency the service uses; tests build it with their own values.
public struct AppDependencies: Sendable {
    /// Stores.
    public var stores: Stores
    /// Bot API client (live HTTP, pointed at Telegram or the sandbox).
    public var botAPI: any BotAPIClient
    /// Token encryption and webhook secrets.
    public var vault: TokenVault
    /// The clock.
    public var now: @Sendable () -> Date
    /// Root logger.
    public var logger: Logger

    /// Bundles dependencies.
    public init(stores: Stores, botAPI: any BotAPIClient, vault: TokenVault, now: @escaping @Sendable () -> Date = { Date() }, logger: Logger) {
        self.stores = stores
        self.botAPI = botAPI
        self.vault = vault
        self.now = now
        self.logger = logger
    }
}
