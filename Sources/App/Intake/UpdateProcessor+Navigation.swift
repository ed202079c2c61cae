import BookingCore
import BotFlows
import Foundation
import Logging
import Storage
import Synchronization
import TelegramBotAPI

extension UpdateProcessor {
    /// The answer of a press handled by reading alone.
    struct NavigationAnswer: Sendable {
        /// The press's answer for the webhook's reply; nil when it goes to the sender.
        var call: BotCall?
    }

    /// Handles a navigation press by reading alone (issue 23, "navigation without writes"): no claim, no transaction,
    /// no outbox row. Its edit and (without a webhook to carry it) its answer go straight to this process's sender as
    /// ephemeral messages (`OutboxMessage.ephemeral`), in the chat's order within this process. A redelivered press is
    /// rendered again: Telegram takes an identical edit as done. Only a changed navigation note writes (the first press
    /// on a flow's message, a new master choice or card): the conversation alone, one statement committed by itself.
    /// Returns nil when the press must go through the update's transaction after all: not a navigation press, a result
    /// that writes (see `CustomerBot.navigate`), a write the read-only stores refused, a store failure (the transaction
    /// meets it again and reports it), or no sender in this process.
    func navigated(_ update: Update, tenant: ActiveTenant, answerInline: Bool, logger: Logger) async -> NavigationAnswer? {
        guard navigationReads, let claim, CustomerBot.mayNavigate(update) else { return nil }
        let (texts, now, redis, miniAppURL, payURL, committed) = (texts, now, redis, miniAppURL, payURL, committed)
        do {
            return try await chatLock.withLock("\(tenant.id.rawValue)/\(update.chatID ?? 0)") {
                let found = try await unitOfWork.reading(tenant: tenant.id) { stores in
                    var stores = stores
                    if let redis { stores.conversations = redis.conversations.using(fallback: stores.conversations) }
                    let environment = FlowEnvironment(stores: stores, now: now, miniAppURL: miniAppURL, payURL: payURL)
                    return try await CustomerBot(environment: environment, texts: texts).navigate(update, tenant: tenant.context)
                }
                guard var result = found else { return nil }
                // A changed navigation note (flow message, master choice, card draft): one small write, before anything is sent.
                if let change = result.conversation, let key = update.conversationKey(tenant: tenant.id) {
                    try await unitOfWork.committingEach { stores in
                        let conversations = redis.map { $0.conversations.using(fallback: stores.conversations) } ?? stores.conversations
                        try await conversations.apply(change, for: key, now: now())
                    }
                }
                let answer = answerInline ? result.takeInlineAnswer() : nil
                let at = now()
                let encoder = JSONEncoder()
                let messages = try result.calls.map { try OutboxMessage.ephemeral($0, tenant: tenant.id, at: at, encoder: encoder) }
                // Handed over under the chat's lock, so a later update of the chat queues its rows behind these.
                committed(OutboxCommit(handoff: OutboxHandoff(messages: messages, leaseUntil: claim(at).leaseUntil), needsClaim: false))
                return NavigationAnswer(call: answer)
            }
        } catch {
            logger.debug("navigation goes through a transaction", metadata: ["error": "\(error)"])
            return nil
        }
    }
}

extension OutboxMessage {
    /// Ids of ephemeral messages: negative, never a row's.
    private static let ephemeralIDs = Atomic<Int64>(0)

    /// A call for this process's sender that has no outbox row (a navigation press's edit or answer): nothing marks it,
    /// and a failure that a retry could mend writes it to the outbox then (see `OutboxSender.recordEphemeral`).
    static func ephemeral(_ call: BotCall, tenant: TenantID, at: Date, encoder: JSONEncoder) throws -> OutboxMessage {
        let id = ephemeralIDs.subtract(1, ordering: .relaxed).newValue
        return OutboxMessage(
            id: id, tenant: tenant, chatID: call.chatID, payload: try OutgoingCall.payload(for: call, encoder: encoder), priority: .transactional,
            dueAt: at)
    }

    /// True for a message without an outbox row (see `ephemeral`).
    var isEphemeral: Bool { id < 0 }
}
