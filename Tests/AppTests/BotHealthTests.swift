import BookingCore
import Foundation
import TelegramBotAPI
import Testing

@testable import App

/// `token_invalid` follows the token Telegram refused, not calls that set out with a token since replaced.
@Suite("Bot health")
struct BotHealthTests {
    let tenant = LocalStack.tenantA
    let old = BotToken("1:old")
    let new = BotToken("1:new")

    @Test func aRefusalOfTheReplacedTokenDoesNotMarkTheNewOne() {
        let health = BotHealth()
        #expect(health.tokenRejected(tenant, token: old, status: .active, description: "Unauthorized", at: Date(timeIntervalSince1970: 0)))
        health.tokenReplaced(tenant, old: old, new: new)
        #expect(health.rejection(of: tenant) == nil)
        // A poll that went out with the old token comes back after the new one was set.
        #expect(!health.tokenRejected(tenant, token: old, status: .active, description: "Unauthorized", at: Date(timeIntervalSince1970: 1)))
        #expect(health.rejection(of: tenant) == nil)
        // The new token refused is news.
        #expect(health.tokenRejected(tenant, token: new, status: .active, description: "Unauthorized", at: Date(timeIntervalSince1970: 2)))
        #expect(health.rejection(of: tenant)?.description == "Unauthorized")
    }

    @Test func settingTheOldTokenBackMakesItCountAgain() {
        let health = BotHealth()
        health.tokenReplaced(tenant, old: old, new: new)
        health.tokenReplaced(tenant, old: new, new: old)
        #expect(health.tokenRejected(tenant, token: old, status: .active, description: "Unauthorized", at: Date(timeIntervalSince1970: 0)))
        #expect(!health.tokenRejected(tenant, token: new, status: .active, description: "Unauthorized", at: Date(timeIntervalSince1970: 1)))
    }
}
