import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import ServiceLifecycle
import TelegramBotAPI

/// Delivers each bot's updates to its webhook, one at a time and in order, retrying failures.
///
/// One loop per registered bot runs as a child task of this service; it sleeps on the bot's change signal
/// while there is nothing to deliver, and ends when the service shuts down.
struct WebhookDelivery: Service {
    /// The sandbox state holding the queues.
    let store: SandboxStore
    /// The one client every webhook POST goes through.
    let httpClient: HTTPClient
    /// Newly registered bots, each of which gets a loop.
    let registrations: AsyncStream<BotToken>
    /// Where failed deliveries are logged (debug).
    let logger: Logger

    /// Runs the loops until graceful shutdown or cancellation.
    func run() async throws {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                for await token in registrations {
                    group.addTask { await deliverLoop(token) }
                }
            }
        }
    }

    private func deliverLoop(_ token: BotToken) async {
        guard let signal = store.botSignal(token) else { return }
        while !Task.isCancelled {
            let seen = signal.version
            guard let job = store.nextDelivery(token) else {
                await signal.wait(after: seen)
                continue
            }
            store.probe.delivered([job.update], botID: token.botID)
            let posted = ContinuousClock.now
            let (failure, reply) = await post(job)
            store.probe.webhookAnswered(after: ContinuousClock.now - posted)
            if let reply { await performReply(reply.body, contentType: reply.contentType, token: token) }
            if let failure {
                store.markDeliveryFailed(token, updateID: job.update.updateID, reason: failure)
                logger.debug("webhook delivery failed", metadata: ["bot": "\(token)", "reason": "\(failure)"])
                try? await Task.sleep(for: store.configuration.webhookRetryDelay)
            } else {
                store.markDelivered(token, updateID: job.update.updateID)
            }
        }
    }

    /// POSTs the update; nil on a 2xx answer, otherwise Telegram-style wording of the failure. A 2xx answer may
    /// carry one Bot API call (`{"method": …, parameters…}`), returned for the caller to carry out like Telegram.
    private func post(_ job: WebhookJob) async -> (failure: String?, reply: (body: ByteBuffer, contentType: String?)?) {
        do {
            var request = HTTPClientRequest(url: job.url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            if let secret = job.secretToken { request.headers.add(name: WebhookSecret.headerName, value: secret) }
            request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(job.update)))
            let response = try await httpClient.execute(request, timeout: .init(store.configuration.webhookTimeout))
            let body = try await response.body.collect(upTo: 1 << 20)
            guard (200..<300).contains(response.status.code) else {
                return ("Wrong response from the webhook: \(response.status.code) \(response.status.reasonPhrase)", nil)
            }
            return (nil, (body, response.headers.first(name: "Content-Type")))
        } catch {
            return ("Connection failed: \(error)", nil)
        }
    }

    /// Carries out the call a webhook answer carries, if any; a malformed one is logged and dropped.
    private func performReply(_ body: ByteBuffer, contentType: String?, token: BotToken) async {
        guard body.readableBytes > 0, let contentType, !contentType.lowercased().hasPrefix("text/") else { return }
        do throws(BotAPIFailure) {
            let parameters = try BotAPIParameters.parse(query: nil, contentType: contentType, body: Array(buffer: body))
            guard let method = parameters.string("method") else { return }
            _ = await BotAPIEndpoint(store: store).perform(method, token: token.rawValue, parameters, viaWebhookReply: true)
        } catch {
            logger.debug("unreadable webhook reply", metadata: ["bot": "\(token)", "error": "\(error)"])
        }
    }
}
