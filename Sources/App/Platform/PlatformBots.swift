import BookingCore
import BotFlows
import Foundation
import Logging
import Storage

/// Keeps the reserved rows of the configured platform bots (`PlatformBot`) in step with the configuration: a bot
/// configured for the first time gets its row (getMe, token sealed), a changed token replaces the row's token (also
/// another bot: the configuration is the authority). Run once at start, before the runner connects the bots.
struct PlatformBots: Sendable {
    let dependencies: AppDependencies
    let configuration: PlatformConfiguration

    /// The configured bots with their tokens.
    var configured: [(PlatformBot, String)] {
        [(PlatformBot.sales, configuration.salesBotToken), (.operator, configuration.operatorBotToken)].compactMap { bot, token in
            token.map { (bot, $0) }
        }
    }

    /// Creates or updates each configured bot's row; failures are logged (the bot then serves with what is stored).
    func ensure() async {
        let logger = dependencies.logger
        for (bot, token) in configured {
            do {
                try await ensure(bot, token: token)
            } catch {
                logger.error("cannot set up the platform bot", metadata: ["bot": "\(bot.rawValue)", "error": "\(error)"])
            }
        }
    }

    private func ensure(_ bot: PlatformBot, token: String) async throws {
        let stores = dependencies.stores
        guard let record = try await stores.tenants.tenant(bot.tenantID), record.profile.status != .deleted else {
            let provisioner = TenantProvisioner(stores: stores, botAPI: dependencies.botAPI, vault: dependencies.vault, now: dependencies.now)
            _ = try await provisioner.addPlatformBot(bot, token: token, ownerID: configuration.operatorIDs.first ?? 0)
            dependencies.logger.notice("platform bot added", metadata: ["bot": "\(bot.rawValue)"])
            return
        }
        if (try? dependencies.vault.open(record.encryptedToken)) == token.trimmingCharacters(in: .whitespacesAndNewlines) { return }
        _ = try await TenantLifecycle(dependencies: dependencies, actor: "zapis:platform").setToken(bot.tenantID, token: token, newBot: true)
        dependencies.logger.notice("platform bot token replaced from the configuration", metadata: ["bot": "\(bot.rawValue)"])
    }
}
