import BookingCore
import Foundation
import Logging
import Storage
import TelegramBotAPI

extension OutboxSender {
    /// Records the failure of an ephemeral message (see `OutboxMessage.ephemeral`), which has no row: a failure a later
    /// attempt could mend (429, transport, 5xx, a refused token) writes the call to the outbox, due when the chat may
    /// send again, so it is retried like any row and nothing is lost while the process runs; a refusal for good is
    /// counted and logged as for a row. False when the chat must wait before its next message.
    func recordEphemeral(_ error: TelegramError, call: OutgoingCall, message: OutboxMessage, tenant: ActiveTenant) async -> Bool {
        let at = now()
        let metadata: Logger.Metadata = ["tenant": "\(message.tenant)", "method": "\(call.methodName)", "error": "\(error)"]
        let wait: Duration
        switch error {
        case .retryAfter(let seconds):
            metrics?.sent(call.methodName, .rateLimited)
            metrics?.rateLimited.increment()
            metrics?.retryAfterSeconds.increment(by: Int64(seconds))
            wait = .seconds(seconds)
        case .unauthorized(let description):
            if health?.tokenRejected(message.tenant, token: tenant.token, status: tenant.context.record.profile.status, description: description, at: at)
                == true
            {
                logger.error("Telegram refuses the bot's token (401): token_invalid", metadata: metadata)
            }
            wait = .milliseconds(250)
        case .other, .transport:
            metrics?.sent(call.methodName, .retry)
            logger.warning("sending failed, will retry from the outbox", metadata: metadata)
            wait = .milliseconds(250)
        case .forbidden:
            metrics?.sent(call.methodName, .refused)
            logger.info("user blocked the bot", metadata: metadata)
            if let chat = message.chatID { try? await outbox.markUnreachable(chat: chat, tenant: message.tenant, at: at) }
            return true
        case .badRequest, .notFound, .conflict:
            metrics?.sent(call.methodName, .refused)
            let total = refusedCount.add(1, ordering: .relaxed).newValue
            logger.error("Telegram refused a message", metadata: metadata.merging(["refused_total": "\(total)"]) { a, _ in a })
            return true
        }
        await flood.hold(tenant: message.tenant, chat: message.chatID, until: clock.now + wait)
        let due = at.addingTimeInterval(Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18)
        do {
            try await outbox.enqueue([OutboxEntry(chatID: message.chatID, payload: message.payload, dueAt: due)], tenant: message.tenant, now: at)
        } catch {
            logger.error("cannot keep a failed navigation message for a retry", metadata: metadata.merging(["store": "\(error)"]) { a, _ in a })
        }
        return false
    }

    /// Writes ephemeral messages a worker could not send in time (its deadline, a stop, a chat on hold) to the outbox,
    /// so they go out like any row instead of being lost.
    func keep(_ messages: [OutboxMessage]) async {
        guard !messages.isEmpty else { return }
        let at = now()
        for (tenant, group) in Dictionary(grouping: messages, by: \.tenant) {
            do {
                try await outbox.enqueue(group.map { OutboxEntry(chatID: $0.chatID, payload: $0.payload, dueAt: at) }, tenant: tenant, now: at)
            } catch {
                logger.error("cannot keep unsent navigation messages", metadata: ["tenant": "\(tenant)", "error": "\(error)"])
            }
        }
        wake()
    }
}
