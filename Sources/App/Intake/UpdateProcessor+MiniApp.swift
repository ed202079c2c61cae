import BookingCore
import BotFlows
import Foundation
import TelegramBotAPI

extension UpdateProcessor {
    /// Runs a Mini App change of `user` as an update of their chat is run: behind the chat's lock (here and, through
    /// the store's chat lock, on other instances), in one transaction with the outbox rows of its effects, and with
    /// the sender told after the commit. A refusal commits nothing.
    func miniApp(
        _ user: User, tenant: ActiveTenant, _ change: @escaping @Sendable (MiniAppFlow) async throws -> MiniAppFlow.Change
    ) async throws -> Result<Booking, MiniAppFlow.Refusal> {
        let (texts, now, redis, claim) = (texts, now, redis, claim)
        let (commit, outcome) = try await chatLock.withLock("\(tenant.id.rawValue)/\(user.id)") {
            try await unitOfWork.inTransaction { tx in
                let at = now()
                try await tx.stores.updates.lockChat(user.id, tenant: tenant.id)
                let flow = MiniAppFlow(environment: FlowEnvironment(stores: Self.stores(in: tx, redis: redis), now: now), texts: texts)
                let done = try await change(flow)
                guard let result = done.result else { return (OutboxCommit?.none, done.outcome) }
                return (try await tx.record(result, tenant: tenant.id, at: at, claim: claim?(at)), done.outcome)
            }
        }
        if let commit { committed(commit) }
        return outcome
    }
}
