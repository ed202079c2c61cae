import BookingCore
import BotFlows
import Foundation
import Logging
import ServiceLifecycle
import TelegramBotAPI

/// Connects every tenant's bot: sets its webhook (when a public URL is configured) or long-polls it,
/// registers its command menus, and picks up tenants added while running.
struct TenantRunner: ServiceLifecycle.Service {
    let directory: TenantDirectory
    let processor: UpdateProcessor
    let botAPI: any BotAPIClient
    /// A tenant's command menus, with its edited descriptions.
    let commandMenus: @Sendable (TenantID) async -> [SetMyCommands]
    let configuration: AppConfiguration
    let serverReady: ServerReady
    /// Refresh intervals and retry backoff (see `ServiceClock`).
    let clock: any ServiceClock
    /// Where a token Telegram refuses (401) is reported, and when.
    let health: BotHealth
    let now: @Sendable () -> Date
    /// Which polled bots this instance may poll (several instances); nil: every one (a single instance).
    var leases: PollLeases?
    let logger: Logger
    /// Runs once before the first connection (the platform bots' rows follow the configuration).
    var prepare: @Sendable () async -> Void = {}

    /// Kinds of updates the bots ask for (payments included, so nothing is dropped).
    static let allowedUpdates = ["message", "edited_message", "callback_query", "my_chat_member", "pre_checkout_query"]

    func run() async throws {
        // Webhooks are set only once this process can receive them; a shutdown before that ends the wait.
        guard let port = await cancelWhenGracefulShutdown({ await serverReady.wait() }) else { return }
        await prepare()
        try await cancelWhenGracefulShutdown {
            // Thousands of bots connect at start: a few calls at a time, so replies to customers still find a free
            // connection to Telegram, and menus (cosmetic) after webhooks with fewer places still.
            let (connecting, menus) = (ConcurrencyLimit(32), ConcurrencyLimit(4))
            try await withThrowingDiscardingTaskGroup { group in
                var started: Set<TenantID> = []
                while !Task.isCancelled {
                    do {
                        let served = try await directory.reload()
                        // A deleted tenant's poll ends by itself; restored within its grace period, it connects again.
                        started.formIntersection(served.map(\.id))
                        let new = served.filter { !started.contains($0.id) }
                        if let leases, !new.isEmpty, configuration.webhookURL(for: new[0].id, boundPort: port) == nil {
                            await leases.register(new.map(\.id))
                        }
                        for tenant in new where started.insert(tenant.id).inserted {
                            group.addTask { await connect(tenant, port: port, connecting: connecting, menus: menus) }
                        }
                    } catch {
                        logger.error("cannot read tenants", metadata: ["error": "\(error)"])
                    }
                    // Cancellation (graceful shutdown) ends the loop normally rather than as an error.
                    try? await clock.sleep(for: .seconds(configuration.tenantRefreshSeconds))
                }
            }
        }
    }

    /// Updates first (webhook or polling), then the command menus: a bot serves customers as soon as it can, and
    /// its menus follow within moments.
    private func connect(_ tenant: ActiveTenant, port: Int, connecting: ConcurrencyLimit, menus: ConcurrencyLimit) async {
        if let url = configuration.webhookURL(for: tenant.id, boundPort: port) {
            let request = SetWebhook(url: url, secretToken: tenant.webhookSecret, allowedUpdates: Self.allowedUpdates)
            await connecting.run { await attempt("setWebhook", tenant) { try await botAPI.send(request, token: tenant.token) } }
            await menus.run { await setMenus(of: tenant) }
        } else {
            await connecting.run { await attempt("deleteWebhook", tenant) { try await botAPI.send(DeleteWebhook(), token: tenant.token) } }
            await withDiscardingTaskGroup { group in
                group.addTask { await menus.run { await setMenus(of: tenant) } }
                await poll(tenant.id)
            }
        }
    }

    private func setMenus(of tenant: ActiveTenant) async {
        for menu in await commandMenus(tenant.id) { await attempt("setMyCommands", tenant) { try await botAPI.send(menu, token: tenant.token) } }
    }

    private func attempt(_ what: String, _ tenant: ActiveTenant, _ body: () async throws -> some Sendable) async {
        do {
            _ = try await body()
            health.tokenAccepted(tenant.id)
        } catch {
            if case TelegramError.unauthorized(let description) = error { tokenRejected(tenant, description) }
            logger.warning("\(what) failed", metadata: ["tenant": "\(tenant.id)", "error": "\(error)"])
        }
    }

    private func tokenRejected(_ tenant: ActiveTenant, _ description: String) {
        if health.tokenRejected(tenant.id, token: tenant.token, status: tenant.context.record.profile.status, description: description, at: now()) {
            logger.error("Telegram refuses the bot's token (401): token_invalid", metadata: ["tenant": "\(tenant.id)"])
        }
    }

    /// Long polling: the offset advances only after the batch was processed.
    private func poll(_ id: TenantID) async {
        var offset: Int64?
        var failures = 0
        while !Task.isCancelled {
            if let leases, !leases.holds(id) {
                // Another instance polls this bot; its offset is no longer ours to continue from.
                offset = nil
                try? await clock.sleep(for: .milliseconds(500))
                continue
            }
            var polled: ActiveTenant?
            do {
                guard let tenant = try await directory.tenant(id) else { return }
                polled = tenant
                let request = GetUpdates(offset: offset, limit: 100, timeout: configuration.pollingTimeoutSeconds, allowedUpdates: Self.allowedUpdates)
                let updates = try await botAPI.call(request, token: tenant.token)
                health.tokenAccepted(id)
                try await processBatch(updates, tenant: tenant)
                if let last = updates.map(\.updateID).max() { offset = last + 1 }
                failures = 0
            } catch TelegramError.retryAfter(let seconds) {
                try? await clock.sleep(for: .seconds(seconds))
            } catch {
                if Task.isCancelled { return }  // shutting down: the cancelled long poll is no failure
                if case TelegramError.unauthorized(let description) = error, let polled { tokenRejected(polled, description) }
                failures += 1
                logger.warning("polling failed", metadata: ["tenant": "\(id)", "error": "\(error)"])
                try? await clock.sleep(for: .milliseconds(min(30_000, 250 << min(failures, 7))))
            }
        }
    }

    /// Chats of one batch run concurrently; updates of one chat in order.
    private func processBatch(_ updates: [Update], tenant: ActiveTenant) async throws {
        let byChat = Dictionary(grouping: updates.sorted { $0.updateID < $1.updateID }, by: { $0.chatID ?? 0 })
        try await withThrowingTaskGroup(of: Void.self) { group in
            for chatUpdates in byChat.values {
                group.addTask { for update in chatUpdates { try await processor.process(update, tenant: tenant) } }
            }
            try await group.waitForAll()
        }
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        var text = self
        while text.hasSuffix(suffix) { text.removeLast(suffix.count) }
        return text
    }
}
