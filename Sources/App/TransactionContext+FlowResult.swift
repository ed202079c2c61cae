import BookingCore
import BotFlows
import Foundation
import Storage
import TelegramBotAPI

extension TransactionContext {
    /// Writes what a flow produced into this transaction's outbox: withdrawals first, then calls due now,
    /// scheduled calls, timers and bulk calls (priority `.bulk`, tagged).
    func record(_ result: FlowResult, tenant: TenantID, at: Date) async throws {
        for booking in result.withdrawn { try await outbox.withdraw(booking: booking, tenant: tenant) }
        let encoder = JSONEncoder()
        var entries = try result.calls.map { call in
            OutboxEntry(chatID: call.chatID, payload: Array(try encoder.encode(call)), dueAt: at)
        }
        entries += try result.scheduled.map { scheduled in
            OutboxEntry(
                chatID: scheduled.call.chatID, payload: Array(try encoder.encode(scheduled.call)), dueAt: scheduled.due,
                bookingID: scheduled.bookingID, expiresAt: scheduled.expires)
        }
        entries += try result.timers.map { timer in
            OutboxEntry(
                chatID: timer.chat.rawValue, payload: Array(try encoder.encode(timer)), dueAt: timer.due, bookingID: timer.bookingID,
                kind: .timer)
        }
        entries += try result.bulk.map { bulk in
            OutboxEntry(chatID: bulk.call.chatID, payload: Array(try encoder.encode(bulk.call)), priority: .bulk, dueAt: at, tag: bulk.tag)
        }
        try await outbox.enqueue(entries, tenant: tenant, now: at)
    }
}
