import BookingCore
import Foundation
import Synchronization
import TelegramBotAPI

/// Tenants whose bot token Telegram refuses with 401 (revoked or replaced in BotFather), as this process saw it:
/// `token_invalid` on the operator API and on the `zapis_tenants` gauge. The tenant runner (webhook setup, polling),
/// the outbox sender and the API's health check report here; any later call the token passes clears it, and so does
/// a new token. A refusal of a token that was since replaced (a poll or send that set out with the old one and
/// returned after the new one was set) is ignored. Kept in memory: each instance learns it from its own calls within seconds, and a restart learns it
/// again at its first call, so nothing stale outlives the token.
public final class BotHealth: Sendable {
    /// Why a tenant is `token_invalid`.
    public struct Rejection: Sendable, Equatable {
        /// When Telegram last refused the token.
        public var at: Date
        /// Telegram's description (never the token).
        public var description: String
        /// The tenant's lifecycle status then (the gauge counts it as `token_invalid` instead).
        public var status: TenantStatus
    }

    private struct State {
        var rejected: [TenantID: Rejection] = [:]
        /// Tokens the operator replaced (a few per tenant): calls may still be out with them.
        var retired: [TenantID: Set<BotToken>] = [:]
    }

    private let state = Mutex(State())

    /// An empty registry.
    public init() {}

    /// Records a 401 for `token`, the tenant's token the call used; true when it was not known before. A replaced
    /// token is stale: its refusal says nothing about the bot now.
    @discardableResult
    func tokenRejected(_ tenant: TenantID, token: BotToken, status: TenantStatus, description: String, at: Date) -> Bool {
        state.withLock { state in
            if state.retired[tenant]?.contains(token) == true { return false }
            defer { state.rejected[tenant] = Rejection(at: at, description: description, status: status) }
            return state.rejected[tenant] == nil
        }
    }

    /// Records a call the tenant's token passed.
    func tokenAccepted(_ tenant: TenantID) {
        _ = state.withLock { $0.rejected.removeValue(forKey: tenant) }
    }

    /// Records a new token set by the operator: any earlier refusal, and any later one of the old token, is moot.
    func tokenReplaced(_ tenant: TenantID, old: BotToken?, new: BotToken) {
        state.withLock { state in
            state.rejected[tenant] = nil
            var retired = state.retired[tenant] ?? []
            if retired.count >= 8 { retired.removeAll() }
            if let old, old != new { retired.insert(old) }
            retired.remove(new)
            state.retired[tenant] = retired
        }
    }

    /// Why the tenant is `token_invalid`, or nil.
    public func rejection(of tenant: TenantID) -> Rejection? { state.withLock { $0.rejected[tenant] } }

    /// The rejected serving tenants by the lifecycle status they had (a paused bot's token is no outage).
    var rejectedByStatus: [TenantStatus: Int] {
        state.withLock { state in
            state.rejected.values.filter(\.status.isServing).reduce(into: [:]) { $0[$1.status, default: 0] += 1 }
        }
    }
}
