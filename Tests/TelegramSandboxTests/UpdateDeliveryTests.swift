import Foundation
import TelegramBotAPI
import TelegramSandbox
import Testing

/// getUpdates offset semantics and long polling; webhook delivery with retries.
@Suite struct UpdateDeliveryTests {
    @Test func offsetConfirmsAndLimitIsHonoured() async throws {
        try await withSandbox { (h: Harness) async throws in
            let token = await h.bot()
            let user = h.sandbox.user(100_000_001, firstName: "Анна", bot: token)
            let first = try await user.send("/start")
            try await user.send("раз")
            try await user.send("два")

            let all = try await h.client.call(GetUpdates(), token: token)
            #expect(all.map(\.updateID) == [first, first + 1, first + 2])
            #expect(all[0].message?.text == "/start")
            #expect(all[0].message?.entities == [MessageEntity(type: "bot_command", offset: 0, length: 6)])
            #expect(all[0].message?.from?.languageCode == "ru")
            #expect(all[0].message?.chat.id == user.id)
            // Without an offset nothing is confirmed.
            #expect(try await h.call(GetUpdates(limit: 1), token: token).map(\.updateID) == [first])

            let rest = try await h.client.call(GetUpdates(offset: first + 1), token: token)
            #expect(rest.map(\.updateID) == [first + 1, first + 2])
            #expect(try await h.call(GetWebhookInfo(), token: token).pendingUpdateCount == 2)
            #expect(try await h.call(GetUpdates(offset: first, limit: 1), token: token).map(\.updateID) == [first + 1])

            #expect(try await h.call(GetUpdates(offset: first + 3), token: token).isEmpty)
            #expect(h.sandbox.pendingUpdateCount(for: token) == 0)
        }
    }

    @Test func longPollReturnsWhenTheUserWrites() async throws {
        try await withSandbox { (h: Harness) async throws in
            let token = await h.bot()
            let user = h.sandbox.user(100_000_001, firstName: "Анна", bot: token)
            let started = ContinuousClock.now
            async let polled = h.client.call(GetUpdates(timeout: 20), token: token)
            // Generous: on a loaded 2-core machine the poll's connection can take seconds to arrive.
            try await h.sandbox.waitUntilPolling(bot: token, timeout: .seconds(15))
            try await user.send("привет")
            let updates = try await polled
            #expect(updates.map { $0.message?.text } == ["привет"])
            #expect(ContinuousClock.now - started < .seconds(15))
        }
    }

    @Test func emptyLongPollEndsAtItsTimeout() async throws {
        try await withSandbox { (h: Harness) async throws in
            let token = await h.bot()
            let started = ContinuousClock.now
            #expect(try await h.call(GetUpdates(timeout: 1), token: token).isEmpty)
            #expect(ContinuousClock.now - started >= .milliseconds(900))
        }
    }

    @Test func getUpdatesConflictsWithAWebhook() async throws {
        try await withSandbox { (h: Harness) async throws in
            let token = await h.bot()
            #expect(try await h.call(SetWebhook(url: "http://127.0.0.1:9/hook", secretToken: "abc"), token: token))
            #expect(try await h.call(GetWebhookInfo(), token: token).url == "http://127.0.0.1:9/hook")
            let error = await #expect(throws: TelegramError.self) { try await h.client.call(GetUpdates(), token: token) }
            guard case .conflict? = error else {
                Issue.record("expected conflict, got \(String(describing: error))")
                return
            }
            #expect(try await h.call(DeleteWebhook(), token: token))
            #expect(try await h.call(GetUpdates(), token: token).isEmpty)
        }
    }

    @Test func badWebhookSecretsAreRefused() async throws {
        try await withSandbox { (h: Harness) async throws in
            let token = await h.bot()
            for secret in ["", "has space", String(repeating: "a", count: 257)] {
                await #expect(throws: TelegramError.self) {
                    try await h.client.call(SetWebhook(url: "http://127.0.0.1:9/hook", secretToken: secret), token: token)
                }
            }
        }
    }

    @Test func newerPollEndsTheOlderWithConflict() async throws {
        try await withSandbox { (h: Harness) async throws in
            let token = await h.bot()
            async let older: TelegramError? = {
                do throws(TelegramError) {
                    _ = try await h.client.call(GetUpdates(timeout: 20), token: token)
                    return nil
                } catch { return error }
            }()
            try await h.sandbox.waitUntilPolling(bot: token, timeout: .seconds(15))
            #expect(try await h.call(GetUpdates(timeout: 0), token: token).isEmpty)
            guard case .conflict(let description)? = await older else {
                Issue.record("expected a conflict")
                return
            }
            #expect(description.contains("terminated by other getUpdates request"))
        }
    }

    @Test func webhookRetriesInOrderWithTheSecret() async throws {
        let receiver = WebhookReceiver(failFirst: 1)
        try await withSandbox(SandboxConfiguration(webhookRetryDelay: .milliseconds(50)), extraServices: [receiver.application()]) {
            (h: Harness) async throws in
            let token = await h.bot()
            let url = await receiver.url()
            #expect(try await h.call(SetWebhook(url: url, secretToken: "tenant_secret-1"), token: token))
            let user = h.sandbox.user(100_000_001, firstName: "Анна", bot: token)
            let first = try await user.send("first")
            try await user.send("second")
            // The retry waits 50 ms; under a full suite's load the delivery task can be scheduled much later.
            try await h.sandbox.waitUntilDelivered(bot: token, timeout: .seconds(30))

            let received = receiver.received.withLock { $0 }
            #expect(received.map(\.updateID) == [first, first, first + 1])
            #expect(received.map(\.answeredStatus) == [500, 200, 200])
            #expect(received.map(\.text) == ["first", "first", "second"])
            #expect(received.allSatisfy { $0.secret == "tenant_secret-1" && $0.contentType == "application/json" })
            let info = try await h.client.call(GetWebhookInfo(), token: token)
            #expect(info.pendingUpdateCount == 0)
            #expect(info.lastErrorMessage?.contains("500") == true)
            #expect(info.lastErrorDate != nil)
        }
    }

    @Test func deliveryIsRetriedUntilTheEndpointComesBack() async throws {
        let receiver = WebhookReceiver(failFirst: 3)
        try await withSandbox(SandboxConfiguration(webhookRetryDelay: .milliseconds(20)), extraServices: [receiver.application()]) {
            (h: Harness) async throws in
            let token = await h.bot()
            #expect(try await h.call(SetWebhook(url: await receiver.url()), token: token))
            try await h.sandbox.user(100_000_002, firstName: "John", languageCode: "en", bot: token).send("hello")
            let failing = try await h.sandbox.waitForWebhookInfo(bot: token) { $0.lastErrorMessage != nil }
            #expect(failing.lastErrorMessage?.contains("Wrong response from the webhook: 500") == true)
            try await h.sandbox.waitUntilDelivered(bot: token)
            #expect(receiver.received.withLock { $0.map(\.answeredStatus) } == [500, 500, 500, 200])
            #expect(receiver.received.withLock { $0.allSatisfy { $0.secret == nil } })
        }
    }

    @Test func deleteWebhookKeepsPendingUpdatesForPolling() async throws {
        try await withSandbox(SandboxConfiguration(webhookRetryDelay: .seconds(60), webhookTimeout: .milliseconds(300))) {
            (h: Harness) async throws in
            let token = await h.bot()
            _ = try await h.client.call(SetWebhook(url: "http://127.0.0.1:1/unreachable"), token: token)
            let updateID = try await h.sandbox.user(100_000_001, firstName: "Анна", bot: token).send("/start")
            _ = try await h.sandbox.waitForWebhookInfo(bot: token) { $0.lastErrorMessage != nil }
            _ = try await h.client.call(DeleteWebhook(), token: token)
            #expect(try await h.call(GetUpdates(), token: token).map(\.updateID) == [updateID])
            _ = try await h.client.call(DeleteWebhook(dropPendingUpdates: true), token: token)
            #expect(try await h.call(GetUpdates(), token: token).isEmpty)
        }
    }
}
