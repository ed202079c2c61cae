import BookingCore
import Foundation
import Logging
import ServiceLifecycle
import Storage

/// One of the service's intakes, beside webhooks and pollers: claims due flow-timer rows (in chat order with the
/// chat's messages, see `OutboxStore.claimDue`) and fires each through the processor, in a transaction of its own
/// that marks the row done. The sender never sees a timer.
struct TimerIntake: ServiceLifecycle.Service {
    let outbox: any OutboxStore
    let directory: TenantDirectory
    let processor: UpdateProcessor
    /// This process's name in claims (the sender's).
    let owner: String
    /// How long claimed timers stay reserved for this process.
    let lease: TimeInterval
    /// How often due timers are looked for. Timers are due minutes ahead, so a second is plenty.
    let interval: Duration
    let now: @Sendable () -> Date
    let clock: any ServiceClock
    let logger: Logger

    func run() async throws {
        await clock.repeatUntilShutdown(every: interval) {
            await fireDue()
        }
    }

    /// Claims the timers due now and fires them one by one.
    func fireDue() async {
        let at = now()
        let claimed: [OutboxMessage]
        do {
            claimed = try await outbox.claimDue(now: at, limit: 50, owner: owner, leaseUntil: at.addingTimeInterval(lease), kind: .timer)
        } catch {
            logger.error("cannot claim due timers", metadata: ["error": "\(error)"])
            return
        }
        var paused: Set<String> = []
        for message in claimed {
            let chat = "\(message.tenant)/\(message.chatID ?? 0)"
            if paused.contains(chat) {
                try? await outbox.release([message.id], owner: owner)
                continue
            }
            if await !fire(message) { paused.insert(chat) }
        }
    }

    /// Fires one timer row; false when it failed and the rest of its chat should wait.
    private func fire(_ message: OutboxMessage) async -> Bool {
        do {
            guard let tenant = try await directory.tenant(message.tenant) else {
                try? await outbox.markFailed(message.id, error: "unknown tenant", retryAt: nil, at: now())
                return true
            }
            try await processor.fire(message, tenant: tenant, owner: owner)
            return true
        } catch is DecodingError {
            try? await outbox.markFailed(message.id, error: "undecodable timer", retryAt: nil, at: now())
            return true
        } catch {
            logger.error("a timer failed; retrying", metadata: ["outbox": "\(message.id)", "error": "\(error)"])
            let retry = now().addingTimeInterval(min(60, 0.25 * Double(1 << min(message.attempts, 8))))
            try? await outbox.markFailed(message.id, error: "\(error)", retryAt: retry, at: now())
            return false
        }
    }
}
