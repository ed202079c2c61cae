import BookingCore
import BotFlows
import Foundation
import Logging
import Storage
import Synchronization
import TelegramBotAPI

extension OutboxSender {
    /// Messages Telegram refused with a 400 since the sender started.
    var refusals: Int { refusedCount.load(ordering: .relaxed) }

    /// Records a call's failure; false when the chat must wait before its next row. `echo`: the same failure again for
    /// another row of one digest, so only the row's outcome is written (no count, log, hold or refusal notice twice).
    func record(_ error: TelegramError, call: OutgoingCall, message: OutboxMessage, tenant: ActiveTenant, echo: Bool = false) async -> Bool {
        if message.isEphemeral { return await recordEphemeral(error, call: call, message: message, tenant: tenant) }
        let at = now()
        let metadata: Logger.Metadata = ["tenant": "\(message.tenant)", "outbox": "\(message.id)", "error": "\(error)"]
        switch error {
        case .retryAfter(let seconds):
            if let metrics, !echo {
                metrics.sent(call.methodName, .rateLimited)
                metrics.rateLimited.increment()
                metrics.retryAfterSeconds.increment(by: Int64(seconds))
            }
            // Only this chat (or, for chat-less calls, this bot) waits; the row keeps its place in line.
            if !echo { await flood.hold(tenant: message.tenant, chat: message.chatID, until: clock.now + .seconds(seconds)) }
            try? await outbox.markFailed(
                message.id, error: "retry after \(seconds) s", retryAt: at.addingTimeInterval(Double(seconds)), at: at)
            return false
        case .forbidden:
            if !echo {
                metrics?.sent(call.methodName, .refused)
                logger.info("user blocked the bot", metadata: metadata)
            }
            try? await outbox.markBlocked(message.id, error: "\(error)", at: at)
            if let chat = message.chatID { try? await outbox.markUnreachable(chat: chat, tenant: message.tenant, at: at) }
            return true
        case .badRequest:
            if echo {
                try? await outbox.markFailed(message.id, error: "\(error)", retryAt: nil, at: at)
                return true
            }
            metrics?.sent(call.methodName, .refused)
            // Never silent: counted, logged with the ids (the error is Telegram's description; tokens are never in it),
            // and passed on, so an admin whose view was refused hears about it.
            let total = refusedCount.add(1, ordering: .relaxed).newValue
            logger.error(
                "Telegram refused a message (400)",
                metadata: metadata.merging(["method": "\(call.methodName)", "refused_total": "\(total)"]) { a, _ in a })
            try? await outbox.markFailed(message.id, error: "\(error)", retryAt: nil, at: at)
            // An admin whose view was refused gets a notice: a timer row, fired by the timer intake like any other.
            if let chat = message.chatID, let timer = CustomerBot.refusalTimer(for: call, chat: chat, now: at) {
                do {
                    try await outbox.enqueue([OutboxEntry(timer: timer)], tenant: message.tenant, now: at)
                } catch {
                    logger.error(
                        "cannot queue the notice for a refused message",
                        metadata: ["tenant": "\(message.tenant)", "outbox": "\(message.id)", "error": "\(error)"])
                }
            }
            return true
        case .notFound, .conflict:
            if !echo {
                metrics?.sent(call.methodName, .refused)
                logger.warning("Bot API refused a message", metadata: metadata)
            }
            try? await outbox.markFailed(message.id, error: "\(error)", retryAt: nil, at: at)
            return true
        case .unauthorized(let description):
            // The bot's token was revoked: the tenant shows as token_invalid; the row retries like a transport failure
            // (a new token set meanwhile sends it).
            if !echo, health?.tokenRejected(message.tenant, token: tenant.token, status: tenant.context.record.profile.status, description: description, at: at) == true {
                logger.error("Telegram refuses the bot's token (401): token_invalid", metadata: metadata)
            }
            return await retryOrGiveUp(error, call: call, message: message, at: at, metadata: metadata, echo: echo)
        case .other, .transport:
            return await retryOrGiveUp(error, call: call, message: message, at: at, metadata: metadata, echo: echo)
        }
    }

    /// `echo`: the same failure again for a row that went out with another (see `record`): not counted or logged twice.
    private func retryOrGiveUp(
        _ error: TelegramError, call: OutgoingCall, message: OutboxMessage, at: Date, metadata: Logger.Metadata, echo: Bool
    ) async -> Bool {
        let giveUp = message.attempts + 1 >= Self.maxAttempts
        if !echo {
            metrics?.sent(call.methodName, giveUp ? .refused : .retry)
            logger.warning("sending failed\(giveUp ? "; giving up" : ", will retry")", metadata: metadata)
        }
        let backoff = Duration.milliseconds(min(60_000, 250 << min(message.attempts, 8)))
        let retryAt = at.addingTimeInterval(Double(backoff.components.seconds) + Double(backoff.components.attoseconds) / 1e18)
        try? await outbox.markFailed(message.id, error: "\(error)", retryAt: giveUp ? nil : retryAt, at: at)
        if !echo { await flood.hold(tenant: message.tenant, chat: message.chatID, until: clock.now + backoff) }
        return giveUp
    }
}
