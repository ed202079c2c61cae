import BookingCore
import Foundation
import Synchronization

/// Tenants whose bot token Telegram refuses with 401 (revoked or replaced in BotFather), as this process saw it:
/// `token_invalid` on the operator API and on the `zapis_tenants` gauge. The tenant runner (webhook setup, polling),
/// the outbox sender and the API's health check report here; any later call the token passes clears it, and so does
/// a new token. Kept in memory: each instance learns it from its own calls within seconds, and a restart learns it
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

    private let rejected = Mutex<[TenantID: Rejection]>([:])

    /// An empty registry.
    public init() {}

    /// Records a 401 for the tenant's token; true when it was not known before.
    @discardableResult
    func tokenRejected(_ tenant: TenantID, status: TenantStatus, description: String, at: Date) -> Bool {
        rejected.withLock { rejected in
            defer { rejected[tenant] = Rejection(at: at, description: description, status: status) }
            return rejected[tenant] == nil
        }
    }

    /// Records a call the tenant's token passed.
    func tokenAccepted(_ tenant: TenantID) {
        _ = rejected.withLock { $0.removeValue(forKey: tenant) }
    }

    /// Why the tenant is `token_invalid`, or nil.
    public func rejection(of tenant: TenantID) -> Rejection? { rejected.withLock { $0[tenant] } }

    /// The rejected serving tenants by the lifecycle status they had (a paused bot's token is no outage).
    var rejectedByStatus: [TenantStatus: Int] {
        rejected.withLock { rejected in
            rejected.values.filter(\.status.isServing).reduce(into: [:]) { $0[$1.status, default: 0] += 1 }
        }
    }
}
