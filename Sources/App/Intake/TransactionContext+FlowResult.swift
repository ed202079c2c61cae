import BookingCore
import BotFlows
import Foundation
import Storage
import TelegramBotAPI

extension TransactionContext {
    /// Writes what a flow produced into this transaction's outbox: withdrawals first, then calls due now,
    /// admin notices (tagged), scheduled calls, timers and bulk calls (priority `.bulk`, tagged). With `claim`, rows the store could claim
    /// as it wrote them come back for the caller to hand to its sender after the commit.
    @discardableResult
    func record(_ result: FlowResult, tenant: TenantID, at: Date, claim: OutboxClaim? = nil) async throws -> OutboxCommit {
        for booking in result.withdrawn { try await outbox.withdraw(booking: booking, tenant: tenant) }
        let encoder = JSONEncoder()
        var entries = try result.calls.map { call in
            OutboxEntry(chatID: call.chatID, payload: try OutgoingCall.payload(for: call, encoder: encoder), dueAt: at)
        }
        entries += try result.notices.map { notice in
            OutboxEntry(chatID: notice.call.chatID, payload: try OutgoingCall.payload(for: notice.call, encoder: encoder), dueAt: at, tag: notice.tag)
        }
        entries += try result.scheduled.map { scheduled in
            OutboxEntry(
                chatID: scheduled.call.chatID, payload: try OutgoingCall.payload(for: scheduled.call, encoder: encoder), dueAt: scheduled.due,
                bookingID: scheduled.bookingID, expiresAt: scheduled.expires)
        }
        entries += try result.timers.map { try OutboxEntry(timer: $0, encoder: encoder) }
        entries += try result.bulk.map { bulk in
            OutboxEntry(
                chatID: bulk.call.chatID, payload: try OutgoingCall.payload(for: bulk.call, encoder: encoder), priority: .bulk, dueAt: at,
                tag: bulk.tag)
        }
        let due = entries.count { $0.dueAt <= at }
        if let claim {
            let claimed = try await outbox.enqueue(entries, tenant: tenant, now: at, claim: claim)
            return OutboxCommit(handoff: OutboxHandoff(messages: claimed, leaseUntil: claim.leaseUntil), needsClaim: due > claimed.count)
        }
        try await outbox.enqueue(entries, tenant: tenant, now: at)
        return OutboxCommit(handoff: nil, needsClaim: due > 0)
    }
}

/// What a committed transaction left for the sender.
struct OutboxCommit: Sendable {
    /// Rows claimed for this process's sender as they were written.
    var handoff: OutboxHandoff?
    /// True when rows due now were left for the sender to claim.
    var needsClaim: Bool
}
