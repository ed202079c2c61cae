import BotFlows
import Foundation
import TelegramBotAPI

/// Checks a bot token a buyer sent to the sales bot with getMe, before the update's transaction (no network call
/// runs inside one), and seals it: the flow sees only the outcome and the sealed token.
struct TokenInspector: Sendable {
    let botAPI: any BotAPIClient
    let vault: TokenVault

    func check(_ text: String) async -> TokenCheck {
        let token = BotToken(text.trimmingCharacters(in: .whitespacesAndNewlines))
        guard token.isWellFormed else { return TokenCheck(.rejected) }
        do {
            let me = try await botAPI.call(GetMe(), token: token)
            guard me.isBot, me.id > 0, let username = me.username, !username.isEmpty else { return TokenCheck(.rejected) }
            return TokenCheck(.valid(botID: me.id, username: String(username.prefix(64)), sealed: try vault.seal(token.rawValue)))
        } catch TelegramError.unauthorized, TelegramError.notFound {
            return TokenCheck(.rejected)
        } catch {
            return TokenCheck(.unreachable)
        }
    }
}
